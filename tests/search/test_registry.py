"""Search is a service the content apps plug into: it imports none of them, and what they register
is what the API offers."""

import ast
from pathlib import Path

import pytest

from search import registry

CONTENT_APPS = {"practices", "publications", "contributions", "home", "agenda", "colleagues"}
SEARCH_DIR = Path(__file__).resolve().parents[2] / "search"


def imported_apps(path):
    """Top-level package names a module imports, function-level imports included."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_search_imports_no_content_app():
    offenders = {
        str(path.relative_to(SEARCH_DIR.parent)): sorted(imported_apps(path) & CONTENT_APPS)
        for path in SEARCH_DIR.rglob("*.py")
        if imported_apps(path) & CONTENT_APPS
    }
    assert offenders == {}


EVERY_TYPE = ["praktijkvoorbeeld", "publicatie", "collega", "vraag", "activiteit"]


def test_every_content_app_registers_its_document_types():
    assert [kind.name for kind in registry.document_types()] == EVERY_TYPE
    assert registry.facet_names() == (
        "theme",
        "professional_group",
        "municipality",
        "province",
        "learning_form",
        "size_class",
        "similar_to",
        "year",
        "type",
    )


@pytest.mark.django_db
def test_openapi_document_offers_every_registered_facet(client):
    document = client.get("/api/v1/openapi.json").json()
    operation = document["paths"]["/api/v1/search"]["get"]
    parameters = {p["name"] for p in operation["parameters"]}
    assert set(registry.facet_names()) <= parameters
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert set(schema["properties"]["facets"]["properties"]) == set(registry.facet_names())
    hit = schema["properties"]["results"]["items"]["properties"]
    assert hit["type"]["enum"] == EVERY_TYPE
    assert {"themes", "municipality", "locations"} <= set(hit)
