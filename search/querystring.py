"""Links between search states: the same search with one filter added, removed, or another page."""

from urllib.parse import urlencode

from search.registry import facet_names


def search_query(
    params, *, add=None, remove=None, drop_facet=None, page=None, query=None, sort=None
):
    """The query string for `params` changed as asked (keeps q, filters, sort; page 1 on change)."""
    items = []
    q = params.query if query is None else query
    if q:
        items.append(("q", q))
    for name in facet_names():
        if name == drop_facet:
            continue
        values = list(params.filters.get(name, ()))
        if add and add[0] == name and add[1] not in values:
            values.append(add[1])
        if remove and remove[0] == name:
            values = [v for v in values if v != remove[1]]
        items += [(name, value) for value in values]
    chosen_sort = sort or params.sort
    default_sort = "relevance" if q else "newest"
    if chosen_sort != default_sort:
        items.append(("sort", chosen_sort))
    if page and page > 1:
        items.append(("page", page))
    return "?" + urlencode(items) if items else "?"
