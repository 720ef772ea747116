"""The OpenAPI 3 document of the search API (served at /api/v1/openapi.json)."""

from django.urls import reverse

from search import registry
from search.params import MAX_PAGE, MAX_QUERY_LENGTH
from search.types import MAX_PAGE_SIZE


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
    hit_properties = {
        "title": {"type": "string"},
        "url": {"type": "string", "format": "uri"},
        "summary": {"type": "string"},
        "snippet": {
            "type": "string",
            "description": "HTML-veilig fragment; gevonden woorden staan in <mark>.",
        },
        "date": {"type": "string", "format": "date", "nullable": True},
        "promoted": {
            "type": "boolean",
            "description": "Door de redactie aangeraden voor deze zoekvraag (staat bovenaan).",
        },
    }
    for facet in registry.facets():
        if facet.hit_field:
            term = facet.term_schema or TERM
            hit_properties[facet.hit_field] = (
                {**term, "nullable": True} if facet.single else {"type": "array", "items": term}
            )
            if facet.hit_selected_only:
                hit_properties[facet.hit_field]["description"] = (
                    f"Alleen de in `{facet.name}` gekozen waarden die dit resultaat heeft "
                    "(een markering); leeg zonder dat filter."
                )
    hit_properties["type"] = {
        "type": "string",
        "enum": [document_type.name for document_type in registry.document_types()],
        "description": "Soort resultaat.",
    }
    for extra in registry.hit_fields():
        hit_properties[extra.name] = extra.schema
    hit = {"type": "object", "properties": hit_properties}
    facet_parameters = [
        _repeatable(
            facet.name,
            (facet.description or f"{facet.label}.")
            + (" Een onbekende waarde geeft 400 (invalid-params)." if facet.validate else ""),
            facet.example,
        )
        for facet in registry.facets()
    ]
    suggestion_kinds = ["title", *(f.name for f in registry.facets() if f.suggest)]
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
                        *facet_parameters,
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
                                                    for name in registry.facet_names()
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
                                                            "enum": suggestion_kinds,
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
