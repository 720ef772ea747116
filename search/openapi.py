"""The OpenAPI 3 document of the search API (served at /api/v1/openapi.json)."""

from django.urls import reverse

from search.params import MAX_PAGE, MAX_QUERY_LENGTH
from search.types import FACET_NAMES, MAX_PAGE_SIZE


def _repeatable(name, description, example):
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description + " Herhaalbaar: waarden van één facet combineren met OF, "
        "verschillende facetten met EN.",
        "schema": {"type": "array", "items": {"type": "string"}},
        "style": "form",
        "explode": True,
        "example": [example],
    }


TERM = {
    "type": "object",
    "required": ["value", "label"],
    "properties": {"value": {"type": "string"}, "label": {"type": "string"}},
}
FACET_VALUE = {
    "type": "object",
    "required": ["value", "label", "count"],
    "properties": {
        "value": {"type": "string", "description": "De filterwaarde."},
        "label": {"type": "string"},
        "count": {
            "type": "integer",
            "description": "Aantal resultaten als je deze waarde toevoegt (disjunctief).",
        },
    },
}
PROBLEM = {
    "type": "object",
    "required": ["title", "status"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "invalid-params": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "reason": {"type": "string"}},
            },
        },
    },
}


def openapi_document(request=None):
    server = request.build_absolute_uri("/") if request is not None else "/"
    hit = {
        "type": "object",
        "properties": {
            "title": {"type": "string"},
            "url": {"type": "string", "format": "uri"},
            "summary": {"type": "string"},
            "snippet": {
                "type": "string",
                "description": "HTML-veilig fragment; gevonden woorden staan in <mark>.",
            },
            "date": {"type": "string", "format": "date", "nullable": True},
            "municipality": {
                "type": "object",
                "nullable": True,
                "properties": {
                    "value": {"type": "string"},
                    "label": {"type": "string"},
                    "cbs_code": {"type": "string"},
                    "province": {"type": "string"},
                },
            },
            "themes": {"type": "array", "items": TERM},
            "professional_groups": {"type": "array", "items": TERM},
            "learning_forms": {"type": "array", "items": TERM},
            "type": {
                "type": "string",
                "enum": ["praktijkvoorbeeld", "publicatie"],
                "description": "Soort resultaat.",
            },
            "locations": {
                "type": "array",
                "description": "Bij een publicatie: in welk bestand, op welke pagina's de "
                "zoekwoorden staan ('gevonden op p. 12').",
                "items": {
                    "type": "object",
                    "properties": {
                        "label": {"type": "string"},
                        "url": {"type": "string", "format": "uri"},
                        "pages": {"type": "array", "items": {"type": "integer"}},
                        "excerpt": {"type": "string", "description": "HTML, met <mark>."},
                    },
                },
            },
        },
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Lerend Werken kennisbank – zoeken",
            "version": "1.0.0",
            "description": "Zoeken in de praktijkvoorbeelden en publicaties, met facetten. Alleen gepubliceerde, "
            "openbare pagina's in de gevraagde taal. Taal: parameter `lang` (nl, en), anders "
            "de Accept-Language-header, anders Nederlands.",
            "contact": {"name": "Redactie Lerend Werken kennisbank"},
        },
        "servers": [{"url": server.rstrip("/")}],
        "paths": {
            reverse("api_search"): {
                "get": {
                    "operationId": "search",
                    "summary": "Zoek praktijkvoorbeelden",
                    "parameters": [
                        {
                            "name": "q",
                            "in": "query",
                            "description": "Zoekvraag; leeg geeft alles, nieuwste eerst.",
                            "schema": {"type": "string", "maxLength": MAX_QUERY_LENGTH},
                        },
                        _repeatable("theme", "Thema (slug).", "jeugdzorg"),
                        _repeatable("professional_group", "Beroepsgroep (slug).", "wijkteam"),
                        _repeatable("municipality", "Gemeente (CBS-code).", "GM0518"),
                        _repeatable("province", "Provincie (slug).", "zuid-holland"),
                        _repeatable("learning_form", "Werkvorm (slug).", "intervisie"),
                        _repeatable("year", "Jaar van de praktijk.", "2019"),
                        _repeatable(
                            "type",
                            "Soort resultaat: praktijkvoorbeeld of publicatie.",
                            "publicatie",
                        ),
                        {
                            "name": "sort",
                            "in": "query",
                            "schema": {"type": "string", "enum": ["relevance", "newest"]},
                        },
                        {
                            "name": "page",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
                            "description": "Voorbij de laatste pagina geeft de laatste pagina.",
                        },
                        {
                            "name": "page_size",
                            "in": "query",
                            "schema": {
                                "type": "integer",
                                "minimum": 1,
                                "maximum": MAX_PAGE_SIZE,
                                "default": 20,
                            },
                        },
                        {
                            "name": "lang",
                            "in": "query",
                            "schema": {"type": "string", "enum": ["nl", "en"]},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "Resultaten met facetten.",
                            "headers": {
                                "X-Search-Backend": {
                                    "description": "Welke zoekmachine antwoordde: "
                                    "elasticsearch of database.",
                                    "schema": {"type": "string"},
                                },
                                "API-Version": {"schema": {"type": "string"}},
                            },
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "required": [
                                            "count",
                                            "page",
                                            "page_size",
                                            "results",
                                            "facets",
                                            "suggestion",
                                        ],
                                        "properties": {
                                            "count": {"type": "integer"},
                                            "page": {"type": "integer"},
                                            "page_size": {"type": "integer"},
                                            "results": {"type": "array", "items": hit},
                                            "facets": {
                                                "type": "object",
                                                "properties": {
                                                    name: {"type": "array", "items": FACET_VALUE}
                                                    for name in FACET_NAMES
                                                },
                                            },
                                            "suggestion": {
                                                "type": "string",
                                                "nullable": True,
                                                "description": "'Bedoelde je …'",
                                            },
                                        },
                                    }
                                }
                            },
                        },
                        "400": {
                            "description": "Ongeldige parameters.",
                            "content": {"application/problem+json": {"schema": PROBLEM}},
                        },
                    },
                }
            },
            reverse("api_autocomplete"): {
                "get": {
                    "operationId": "autocomplete",
                    "summary": "Suggesties bij het typen: titels, thema's, gemeenten",
                    "parameters": [
                        {"name": "q", "in": "query", "schema": {"type": "string"}},
                        {
                            "name": "lang",
                            "in": "query",
                            "schema": {"type": "string", "enum": ["nl", "en"]},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "Suggesties.",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {
                                            "suggestions": {
                                                "type": "array",
                                                "items": {
                                                    "type": "object",
                                                    "properties": {
                                                        "label": {"type": "string"},
                                                        "type": {
                                                            "type": "string",
                                                            "enum": [
                                                                "title",
                                                                "theme",
                                                                "municipality",
                                                            ],
                                                        },
                                                        "url": {"type": "string"},
                                                        "value": {"type": "string"},
                                                    },
                                                },
                                            }
                                        },
                                    }
                                }
                            },
                        }
                    },
                }
            },
        },
    }
