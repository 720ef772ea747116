"""The admin form for practice pages: checks that span the page and its inline lists, in Dutch."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


def filled_rows(formset, field):
    """How many rows of an inline formset pick a value for `field` and are not being deleted."""
    # ClusterForm validates the formsets after the page form; validate this one now (cached).
    formset.is_valid()
    count = 0
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if data.get(field) and not data.get("DELETE"):
            count += 1
    return count


class PracticePageForm(WagtailAdminPageForm):
    # The model's clean() runs before the inline rows are applied to the page, so checks on
    # themes and involved municipalities live here, where the submitted rows are visible.
    def clean(self):
        cleaned_data = super().clean()
        themes = self.formsets.get("practice_themes")
        if themes is not None and not filled_rows(themes, "theme"):
            self.add_error(None, _("Kies minstens één thema."))
        involved = self.formsets.get("involved_municipalities")
        if (
            involved is not None
            and not cleaned_data.get("municipality")
            and not filled_rows(involved, "municipality")
        ):
            self.add_error(
                "municipality",
                _(
                    "Kies de gemeente, of vul bij een samenwerkingsverband de naam en de betrokken gemeenten in."
                ),
            )
        return cleaned_data
