"""Operations scripts: load, fault and fuzz runs against a local production-like server."""
