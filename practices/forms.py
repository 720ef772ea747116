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


def former_municipality_error(municipality):
    successor = municipality.current
    if successor is not municipality and successor is not None:
        return _(
            "%(name)s bestaat niet meer (%(status)s). Kies %(successor)s voor een nieuw praktijkvoorbeeld."
        ) % {"name": municipality.name, "status": municipality.status_label, "successor": successor}
    return _("%(name)s bestaat niet meer. Kies een huidige gemeente.") % {"name": municipality.name}


def saved_municipality_ids(page):
    """The municipalities the page was saved with: those stay valid even when they have merged since."""
    if not page.pk:
        return set()
    ids = set(page.involved_municipalities.values_list("municipality_id", flat=True))
    saved = type(page).objects.filter(pk=page.pk).values_list("municipality_id", flat=True).first()
    return ids | {saved}


class PracticePageForm(WagtailAdminPageForm):
    # The model's clean() runs before the inline rows are applied to the page, so checks on
    # themes and involved municipalities live here, where the submitted rows are visible.
    def clean(self):
        cleaned_data = super().clean()
        self.refuse_new_former_municipalities(cleaned_data)
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

    def refuse_new_former_municipalities(self, cleaned_data):
        """A former municipality (merged since 2015) is not chosen for a practice anew; one a page
        was saved with stays valid (old stories keep their place), and imports are not checked here."""
        saved = saved_municipality_ids(self.instance)
        chosen = cleaned_data.get("municipality")
        if chosen and not chosen.is_current and chosen.pk not in saved:
            self.add_error("municipality", former_municipality_error(chosen))
        involved = self.formsets.get("involved_municipalities")
        if involved is None:
            return
        involved.is_valid()
        for form in involved.forms:
            data = getattr(form, "cleaned_data", None) or {}
            place = data.get("municipality")
            if place and not data.get("DELETE") and not place.is_current and place.pk not in saved:
                form.add_error("municipality", former_municipality_error(place))
