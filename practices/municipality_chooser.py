"""The chooser editors pick a municipality with: search by current, everyday or former name and by
CBS code; former municipalities only on request, and marked with what they became."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
)


def matching(query):
    """Municipalities whose name, everyday names, CBS code, or a former municipality's name that
    merged into them contains `query` ("kamp" finds Kampen, "Aalburg" finds Altena)."""
    query = query.strip()
    code = query.upper()
    if code.isdigit():
        code = "GM" + code.zfill(4)
    return (
        Q(name__icontains=query)
        | Q(everyday_names__icontains=query)
        | Q(cbs_code__iexact=code)
        | Q(predecessors__name__icontains=query)
        | Q(absorptions__old__name__icontains=query)
    )


class MunicipalityFilterForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Zoek een gemeente"),
        help_text=_("Op naam, andere naam, oude naam of CBS-code (bijv. GM0166)."),
        widget=forms.TextInput(attrs={"placeholder": _("Bijv. Kampen of GM0166")}),
        required=False,
    )
    former = forms.BooleanField(
        label=_("Ook voormalige gemeenten tonen"),
        required=False,
        widget=forms.CheckboxInput(attrs={"data-chooser-modal-search-filter": True}),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            objects = objects.filter(matching(query)).distinct()
            self.is_searching = True
            self.search_query = query
        if not self.cleaned_data.get("former"):
            objects = objects.filter(is_current=True)
        return objects


class MunicipalityChooseViewMixin:
    filter_form_class = MunicipalityFilterForm
    per_page = 20

    def get_object_list(self):
        return super().get_object_list().select_related("province", "successor")

    @property
    def columns(self):
        return [
            *super().columns,
            Column("cbs_code", label=_("CBS-code")),
            Column("province", label=_("Provincie")),
            Column("status_label", label=_("Status")),
        ]


class MunicipalityChooseView(MunicipalityChooseViewMixin, ChooseView):
    pass


class MunicipalityChooseResultsView(MunicipalityChooseViewMixin, ChooseResultsView):
    pass


class MunicipalityChooserViewSet(SnippetChooserViewSet):
    choose_view_class = MunicipalityChooseView
    choose_results_view_class = MunicipalityChooseResultsView
