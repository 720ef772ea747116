"""Admin wiring for search: synonyms as snippets, the "Zoekvragen" report and its dashboard panel."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from search import query_report
from search.models import Synonym


class SynonymCreateView(CreateView):
    """Filled in from the query report: ?terms=<a query that found nothing>."""

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or self.model()
        terms = self.request.GET.get("terms", "").strip()[:200]
        if terms:
            instance.terms = f"{terms}, "
        return instance


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = _("Synoniemen")
    list_display = ["terms", "language", "updated_at"]
    list_filter = ["language"]
    search_fields = ["terms"]
    add_to_admin_menu = False
    add_view_class = SynonymCreateView


register_snippet(SynonymViewSet)


class QueryReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(query_report.PERMISSION)


@hooks.register("register_admin_urls")
def register_query_report_urls():
    return [
        path("zoekvragen/", query_report.report_view, name="search_queries_report"),
        path("zoekvragen/aanraden/", query_report.promote_view, name="search_query_promote"),
    ]


@hooks.register("register_reports_menu_item")
def register_query_report_menu_item():
    return QueryReportMenuItem(
        _("Zoekvragen"), reverse("search_queries_report"), icon_name="search", order=1250
    )


class NoResultQueriesPanel(Component):
    """On the editors' dashboard: this week's queries that found nothing."""

    name = "no_result_queries"
    order = 110
    template_name = "search/admin/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        return {
            "rows": query_report.top_without_results(),
            "report_url": reverse("search_queries_report"),
        }

    def render_html(self, parent_context=None):
        if not self.request.user.has_perm(query_report.PERMISSION):
            return ""
        return super().render_html(parent_context)


@hooks.register("construct_homepage_panels")
def add_no_result_queries_panel(request, panels):
    panels.append(NoResultQueriesPanel(request))
