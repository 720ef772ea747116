"""The search API, outside the language prefixes: the language is a parameter (?lang=)."""

from django.urls import path

from search import api

urlpatterns = [
    path("search", api.search_api, name="api_search"),
    path("autocomplete", api.autocomplete_api, name="api_autocomplete"),
    path("openapi.json", api.openapi_view, name="api_openapi"),
]
