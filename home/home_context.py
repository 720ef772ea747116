"""What the home page shows: figures, themes with their number of cases, the newest cases and the map.

The numbers come from the search service, so they are the ones the search page gives. On the
English site the map and the figures count every case (each exists in Dutch) and say how many
are translated; the theme list gives both numbers.
"""

from django.urls import reverse

from home.map_context import municipality_map
from practices.lookups import terms_by_id
from practices.models import Theme
from practices.search import PRACTICE_TYPE
from search.service import search
from search.types import SearchParams

NEWEST_COUNT = 4


def _facet(results, name):
    return {item.value: item.count for item in results.facets.get(name, [])}


def home_context(language):
    practices = (PRACTICE_TYPE,)  # the figures count cases, not publications
    results = search(
        SearchParams(
            language=language,
            sort="newest",
            page=1,
            page_size=NEWEST_COUNT,
            document_types=practices,
        )
    )
    translated = language != "nl"
    every_case = (
        search(
            SearchParams(
                language="nl", sort="newest", page=1, page_size=1, document_types=practices
            )
        )
        if translated
        else results
    )
    counts = _facet(results, "theme")
    dutch_counts = _facet(every_case, "theme")
    every_theme = terms_by_id(Theme).values()  # read once per content version
    themes = sorted(
        (theme for theme in every_theme if theme.locale.language_code == language),
        key=lambda theme: (theme.name, theme.id),
    )
    dutch_slugs = {}
    if translated:
        dutch_slugs = {
            theme.translation_key: theme.slug
            for theme in every_theme
            if theme.locale.language_code == "nl"
        }
    entries = [
        {
            "term": theme,
            "count": counts.get(theme.slug, 0),
            "dutch_count": dutch_counts.get(dutch_slugs.get(theme.translation_key), 0),
            "url": reverse("theme_detail", args=[theme.slug]),
        }
        for theme in themes
    ]
    shaded, rows = municipality_map(language, every_case)
    return {
        "practice_count": every_case.count,
        "translated_count": results.count if translated else None,
        "municipality_count": len(rows),
        "newest": results.hits,
        "themes": entries,
        "map": shaded,
        "map_rows": rows,
    }
