"""The search page."""

from django.template.response import TemplateResponse


def search_page(request):
    query = request.GET.get("q", "").strip()[:200]
    return TemplateResponse(request, "search/search_page.html", {"query": query})
