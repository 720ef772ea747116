"""The addresses, besides a practice's own, that show or count it: its parent pages, the search
page, the feeds, the sitemap, and the pages of its themes, groups, learning forms and places with
their overviews (which count practices per term). A frontend cache is told to drop them when the
practice changes (registered with `caching.frontend` in PracticesConfig.ready).

Made for many practices at once (an import chunk): a few queries whatever their number.
"""

from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.models import Locale

from caching.frontend import ancestor_paths

CHUNK = 500  # ids per query, well below every database's parameter limit
PER_LANGUAGE = (
    "search",
    "theme_index",
    "professional_group_index",
    "learning_form_index",
    "municipality_index",
)


def chunks(ids):
    ids = list(ids)
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def term_slugs(pages, language_of):
    """(language, route name, slug) of every term and place linked to the pages."""
    from practices.models import (
        PracticeInvolvedMunicipality,
        PracticeLearningForm,
        PracticePage,
        PracticeProfessionalGroup,
        PracticeTheme,
    )

    links = (
        (PracticeTheme, "theme__slug", "theme_detail"),
        (PracticeProfessionalGroup, "professional_group__slug", "professional_group_detail"),
        (PracticeLearningForm, "learning_form__slug", "learning_form_detail"),
    )
    places = (
        (PracticePage.objects, "pk", "municipality"),
        (PracticeInvolvedMunicipality.objects, "page_id", "municipality"),
    )
    found = set()
    for ids in chunks(language_of):
        for model, slug, route in links:
            rows = model.objects.filter(page_id__in=ids).values_list("page_id", slug)
            found.update((language_of[pk], route, value) for pk, value in rows)
        for manager, page_field, place in places:
            rows = manager.filter(**{f"{page_field}__in": ids, f"{place}__isnull": False})
            rows = rows.values_list(page_field, f"{place}__slug", f"{place}__province__slug")
            for pk, municipality, province in rows:
                found.add((language_of[pk], "municipality_detail", municipality))
                found.add((language_of[pk], "province_detail", province))
    return found


def listing_paths(pages):
    languages = dict(Locale.objects.values_list("id", "language_code"))
    language_of = {page.pk: languages.get(page.locale_id) for page in pages}
    routes = {
        (language, name, None) for language in set(language_of.values()) for name in PER_LANGUAGE
    }
    routes |= {
        (language, "practice_feed", kind)
        for language in set(language_of.values())
        for kind in ("rss", "atom")
    }
    routes |= term_slugs(pages, language_of)
    paths = {"/sitemap.xml"} | ancestor_paths(pages)
    for language, name, value in routes:
        kwargs = {} if value is None else {"kind" if name == "practice_feed" else "slug": value}
        with translation.override(language):
            try:
                paths.add(reverse(name, kwargs=kwargs))
            except NoReverseMatch:  # a slug the route does not accept
                continue
    return sorted(path for path in paths if path)
