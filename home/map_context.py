"""The data behind the map: cases per municipality from the search service, placed on 2026 boundaries."""

from django.urls import reverse

from home.netherlands_map import frame_around, level_for, shaded_map
from practices.listings import facet_counts
from practices.lookups import municipalities_by_id


def municipality_map(language, results=None, province=None):
    """(ShadedMap, rows) for the municipalities with cases in `language`.

    `results` is an unfiltered search result to take the counts from (one is made if not given).
    Cases of a former municipality count for the municipality it became part of, because the map
    shows today's boundaries. Rows are the map's text alternative, sorted by name. With a
    `province`, the map is framed around it and the rows are its municipalities only.
    """
    viewbox = ""
    if province is not None:
        viewbox = frame_around(
            province.municipalities.filter(is_current=True).values_list("cbs_code", flat=True)
        )
    if results is None:
        counts, _results = facet_counts(language, "municipality")
    else:
        counts = {item.value: item.count for item in results.facets.get("municipality", [])}
    counts = {value: count for value, count in counts.items() if count > 0}
    if not counts:
        return shaded_map({}, viewbox), []
    # The facet value is the slug or the CBS code, whichever the search service uses; every
    # municipality is read once per content version (practices.lookups).
    found = [
        municipality
        for municipality in municipalities_by_id().values()
        if municipality.cbs_code in counts or municipality.slug in counts
    ]
    totals = {}
    for municipality in found:
        current = municipality.current
        entry = totals.setdefault(current.cbs_code, {"municipality": current, "count": 0})
        entry["count"] += counts.get(municipality.slug, counts.get(municipality.cbs_code, 0))
    rows = []
    for code, entry in totals.items():
        municipality = entry["municipality"]
        rows.append(
            {
                "cbs_code": code,
                "name": municipality.name,
                "count": entry["count"],
                "level": level_for(entry["count"]),
                "province": municipality.province.name,
                "url": reverse("municipality_detail", args=[municipality.slug]),
            }
        )
    rows.sort(key=lambda row: row["name"])
    shaded = shaded_map(
        {row["cbs_code"]: (row["name"], row["count"], row["url"]) for row in rows}, viewbox
    )
    if province is not None:
        rows = [row for row in rows if row["province"] == province.name]
    return shaded, rows
