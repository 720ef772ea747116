"""Load run: 1, 10 and 50 concurrent anonymous visitors over the home, index, search and practice
pages of a site with 10,000 practices, served by gunicorn with production settings.

Prints, per level: requests, throughput (req/s), p50/p95/p99 latency and error count.
Usage: `make load-test` (or `scripts/load_test.py --practices 10000 --seconds 20 --users 1,10,50`).
"""

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.harness import (  # noqa: E402
    Server,
    collect_static,
    ensure_cluster,
    ensure_database,
    log,
    page_paths,
    production_env,
    run_load,
)

SEARCH_TERMS = [
    "intervisie",
    "keukentafel",
    "wijkteam",
    "jeugdhulp",
    "bedoeling",
    "netwerk leren",
    "samenwerking vertrouwen",
    "gesprekken",  # plural of a word in the texts
]


def visitor_paths(database, sample_size=500, seed=7):
    rng = random.Random(seed)
    practices = page_paths(database, "practicepage")
    indexes = page_paths(database, "practiceindexpage")
    if not practices:
        raise SystemExit("no practices in the database: the generator did not run")
    paths = ["/", "/en/"] * 5
    paths += indexes * 5 + [f"{indexes[0]}?page=2"] * 2 if indexes else []
    paths += [f"/zoeken/?q={term.replace(' ', '+')}" for term in SEARCH_TERMS]
    paths += rng.sample(practices, min(sample_size, len(practices)))
    return paths, len(practices)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--practices", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=20.0, help="per concurrency level")
    parser.add_argument("--users", default="1,10,50")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()

    ensure_cluster()
    database = f"kb_load_{args.practices}"
    url = ensure_database(database, args.practices)
    env = production_env(url, 0)
    collect_static(env)
    paths, count = visitor_paths(database)
    log(f"site: {count} live practices; {len(paths)} distinct addresses in the mix")

    with Server(env, workers=args.workers, threads=args.threads) as server:
        log(f"gunicorn: {args.workers} workers x {args.threads} threads on :{server.port}")
        run_load(server.port, paths, users=4, seconds=3)  # warm caches and connections
        results = []
        for users in [int(u) for u in args.users.split(",")]:
            result = run_load(server.port, paths, users=users, seconds=args.seconds)
            log(result.summary())
            results.append(result)
        by_kind = {}
        for sample in results[-1].samples:
            kind = (
                "home"
                if sample.path in ("/", "/en/")
                else "search"
                if sample.path.startswith("/zoeken/")
                else "index"
                if "?page" in sample.path or sample.path.count("/") <= 2
                else "practice"
            )
            by_kind.setdefault(kind, []).append(sample)
        log(f"at {results[-1].users} users, by page kind:")
        for kind, samples in sorted(by_kind.items()):
            log(
                f"  {kind:<9} {len(samples):>6} requests  p50 "
                f"{results[-1].percentile(0.5, samples) * 1000:7.1f} ms  p95 "
                f"{results[-1].percentile(0.95, samples) * 1000:7.1f} ms"
            )
    errors = sum(1 for r in results for s in r.samples if not 200 <= s.status < 400)
    log(f"total errors: {errors}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
