"""The admin screens for the terms editors manage and the municipalities they file practices under."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from practices.models import LearningForm, Municipality, ProfessionalGroup, Theme
from practices.municipality_chooser import MunicipalityChooserViewSet


class TermViewSet(SnippetViewSet):
    """Themes, groups and forms: searchable and filterable by language (wagtail-localize translates them)."""

    list_display = ["name", "slug", "locale"]
    # Wagtail adds the language filter itself for translatable models.
    list_per_page = 50
    # Searched in the database, not the search index: the lists are short and must be current.
    search_backend_name = None
    search_fields = ["name", "slug", "description"]
    ordering = ["name"]


class ThemeViewSet(TermViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Thema's")


class ProfessionalGroupViewSet(TermViewSet):
    model = ProfessionalGroup
    icon = "group"
    menu_label = _("Beroepsgroepen")


class LearningFormViewSet(TermViewSet):
    model = LearningForm
    icon = "list-ul"
    menu_label = _("Werkvormen")


class ReferenceDataPermissionPolicy(ModelPermissionPolicy):
    """CBS reference data: nobody adds or deletes municipalities in the admin, it comes from CBS."""

    def user_has_permission(self, user, action):
        if action in {"add", "delete"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class MunicipalityFilterSet(WagtailFilterSet):
    class Meta:
        model = Municipality
        fields = ["province", "is_current", "exists_2015", "dissolved_in"]


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "site"
    menu_label = _("Gemeenten")
    list_display = ["name", "cbs_code", "province", Column("status_label", label=_("Status"))]
    filterset_class = MunicipalityFilterSet
    search_backend_name = None
    search_fields = ["name", "cbs_code", "everyday_names"]
    list_per_page = 50
    chooser_viewset_class = MunicipalityChooserViewSet
    inspect_view_enabled = True
    # Only the everyday names are for editors to extend; the rest is CBS's.
    form_fields = ["everyday_names"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Indeling")
    menu_icon = "tag"
    menu_order = 250
    items = (ThemeViewSet, ProfessionalGroupViewSet, LearningFormViewSet, MunicipalityViewSet)
