"""Template tags other apps use to show publications, e.g. on a practice page."""

from django import template

from publications.queries import publications_mentioning

register = template.Library()


@register.inclusion_tag("publications/includes/mentioned_in.html")
def publications_mentioning_practice(practice_page):
    """`{% publications_mentioning_practice page %}`: the publications that discuss this practice."""
    return {"publications": publications_mentioning(practice_page) if practice_page else []}


@register.simple_tag(takes_context=True)
def publication_index_page(context):
    """`{% publication_index_page as index %}`: the publication overview in the current language."""
    from django.utils.translation import get_language
    from wagtail.models import Locale

    from publications.models import PublicationIndexPage

    request = context.get("request")
    pages = PublicationIndexPage.objects.live().public()
    try:
        locale = Locale.objects.get(language_code=get_language())
    except Locale.DoesNotExist:
        return None
    page = pages.filter(locale=locale).first()
    if page is not None and request is not None and page.get_url(request) is None:
        return None
    return page


@register.simple_tag
def publication_filter_groups(listing):
    """The overview's filters as groups of the site's filter component (one choice per group)."""
    from django.utils.translation import gettext as _

    groups = [
        ("thema", _("Thema"), _("Alle thema’s"), listing.themes),
        ("beroepsgroep", _("Beroepsgroep"), _("Alle beroepsgroepen"), listing.professional_groups),
        ("uitgever", _("Uitgever"), _("Alle uitgevers"), listing.publishers),
        ("jaar", _("Jaar"), _("Alle jaren"), listing.years),
    ]
    return [
        {
            "name": name,
            "label": label,
            "all_label": all_label,
            "values": values,
            "single": True,
            "open": True,
        }
        for name, label, all_label, values in groups
    ]
