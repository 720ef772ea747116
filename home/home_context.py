"""What the home page shows: figures, themes with their number of cases, the newest cases and the map.

One unfiltered search answers all of it, so the numbers are the ones the search page gives.
"""

from django.urls import reverse

from home.map_context import municipality_map
from practices.listings import search_practices
from practices.models import Theme
from search.types import SearchParams

NEWEST_COUNT = 4


def home_context(language):
    results = search_practices(
        SearchParams(language=language, sort="newest", page=1, page_size=NEWEST_COUNT)
    )
    theme_counts = {item.value: item.count for item in results.facets.get("theme", [])}
    themes = [
        {
            "term": theme,
            "count": theme_counts.get(theme.slug, 0),
            "url": reverse("theme_detail", args=[theme.slug]),
        }
        for theme in Theme.objects.filter(locale__language_code=language).order_by("name")
    ]
    shaded, rows = municipality_map(language, results)
    return {
        "practice_count": results.count,
        "municipality_count": len(rows),
        "newest": results.hits,
        "themes": themes,
        "map": shaded,
        "map_rows": rows,
    }
