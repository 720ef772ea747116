"""The agenda page and its archive."""

from django.template.response import TemplateResponse

from agenda.listing import list_activities


def serve_listing(index_page, request, *, archive=False):
    context = index_page.get_context(request)
    context["listing"] = list_activities(index_page, request.GET, archive=archive)
    context["archive_url"] = index_page.url + index_page.reverse_subpage("archive")
    context["calendar_url"] = index_page.url + index_page.reverse_subpage("calendar")
    return TemplateResponse(request, "agenda/agenda_index_page.html", context)
