"""Helpers for a document type's `facts` loader (search.registry): the facet values of many pages in
a few queries."""

import json

from django.db import connection


def with_ids(queryset, column, ids):
    """`queryset` limited to `column` in `ids`, as ONE parameter (an array or a JSON list): Django's
    `__in` with thousands of values costs more than the query itself."""
    ids = [int(pk) for pk in ids]
    if connection.vendor == "postgresql":
        return queryset.extra(where=[f"{column} = ANY(%s)"], params=[ids])  # noqa: S610
    return queryset.extra(  # noqa: S610
        where=[f"{column} IN (SELECT value FROM json_each(%s))"],  # noqa: S608 - a column name
        params=[json.dumps(ids)],
    )


def add_links(values, pages, links, ids=None):
    """Fill `values` ({page_id: {facet: [values]}}) from link tables, in order of the links' rows.

    `links` are (model with page_id and sort_order, the value's column, facet name); `pages` is
    the queryset the page ids come from, `ids` the page ids when the caller asked for a few.
    """
    for model, column, facet in links:
        rows = model.objects.all()
        if ids is None:
            rows = rows.filter(page_id__in=pages.values("id"))
        else:
            rows = with_ids(rows, f'"{model._meta.db_table}"."page_id"', list(values))
        rows = rows.order_by("page_id", "sort_order").values_list("page_id", column)
        for page_id, value in rows:
            found = values.get(page_id)
            if found is None or value is None:
                continue
            target = found.setdefault(facet, [])
            if value not in target:
                target.append(value)
    return values


def linked_pages(link_model, field):
    """For `register_label_source`: the ids of the pages whose `link_model` rows point at an
    instance through `field` (the practices filed under a theme)."""

    def pages(instance):
        return set(link_model.objects.filter(**{field: instance}).values_list("page_id", flat=True))

    return pages
