"""The overview "Collega's die je verder helpen": consenting, live profiles filtered by professional
group, theme and province, in the site's one filter component (templates/includes/filters.html)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from search.service import rank

MAX_QUERY_LENGTH = 200


def visible_colleagues(locale_id=None):
    """Profiles a visitor may see: live, public, with consent that was not withdrawn."""
    from colleagues.models import ColleaguePage

    pages = (
        ColleaguePage.objects.live()
        .public()
        .filter(consent_given_at__isnull=False, consent_withdrawn_at__isnull=True)
    )
    if locale_id is not None:
        pages = pages.filter(locale_id=locale_id)
    return pages


def _values(params, name):
    return [v.replace("\x00", "").strip()[:100] for v in params.getlist(name) if v.strip()]


def colleague_listing(index_page, request):
    from practices.models import ProfessionalGroup, Province, Theme

    params = request.GET
    base = visible_colleagues(index_page.locale_id).child_of(index_page)
    groups_chosen = _values(params, "beroepsgroep")
    themes_chosen = _values(params, "thema")
    provinces_chosen = _values(params, "provincie")
    query = params.get("q", "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH]

    selection = base
    if groups_chosen:
        selection = selection.filter(
            professional_groups__professional_group__slug__in=groups_chosen
        )
    if themes_chosen:
        selection = selection.filter(themes__theme__slug__in=themes_chosen)
    if provinces_chosen:
        selection = selection.filter(municipality__province__slug__in=provinces_chosen)
    selection = selection.distinct().order_by("title")
    if query:
        ids, _plan = rank(
            query, index_page.locale.language_code, list(selection.values_list("id", flat=True))
        )
        by_id = selection.model.objects.select_related("municipality").in_bulk(ids)
        colleagues = [by_id[pk] for pk in ids if pk in by_id]
    else:
        colleagues = list(selection.select_related("municipality"))

    ids = list(base.values_list("id", flat=True))
    themes = Theme.objects.filter(
        Q(locale_id=index_page.locale_id), id__in=_linked(ids, "themes__theme")
    ).order_by("name")
    groups = ProfessionalGroup.objects.filter(
        locale_id=index_page.locale_id,
        id__in=_linked(ids, "professional_groups__professional_group"),
    ).order_by("name")
    provinces = Province.objects.filter(
        id__in=base.exclude(municipality=None).values("municipality__province")
    ).order_by("name")

    def group(name, label, terms, chosen):
        return {
            "name": name,
            "label": label,
            "open": bool(chosen),
            "values": [
                {"value": t.slug, "label": t.name, "selected": t.slug in chosen} for t in terms
            ],
        }

    return {
        "colleagues": colleagues,
        "query": query,
        "filtered": bool(groups_chosen or themes_chosen or provinces_chosen or query),
        "filter_groups": [
            group("beroepsgroep", _("Beroepsgroep"), groups, groups_chosen),
            group("thema", _("Thema"), themes, themes_chosen),
            group("provincie", _("Provincie"), provinces, provinces_chosen),
        ],
    }


def _linked(page_ids, path):
    from colleagues.models import ColleaguePage

    return ColleaguePage.objects.filter(id__in=page_ids).values(path)
