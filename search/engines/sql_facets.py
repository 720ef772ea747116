# ruff: noqa: S608 - SQL is assembled from constant table, column and facet names; values are parameters
"""The database engine's fast path on PostgreSQL: match, visibility, filters, disjunctive facet counts
and the requested page of results in ONE statement, so that only counts and page ids travel.

It returns what `search.pipeline` computes in Python for other engines, per number of matched query
groups, so that the pipeline's relaxation policy (AND first, relaxed for long questions) still holds.
"""

from collections import defaultdict

from django.db import connection

from search.engines.database import INDEX_TABLE, TITLE_WEIGHT, _search_config, _tsquery_group

LINK_FACETS = {
    "theme": ("practices_practicetheme", "theme_id"),
    "professional_group": ("practices_practiceprofessionalgroup", "professional_group_id"),
    "learning_form": ("practices_practicelearningform", "learning_form_id"),
}
VISIBLE = """
    p.live AND p.locale_id = %s AND p.content_type_id IN ({content_types})
    AND NOT EXISTS (
        SELECT 1 FROM wagtailcore_pageviewrestriction r
        JOIN wagtailcore_page rp ON rp.id = r.page_id
        WHERE p.path LIKE rp.path || '%%'
    )
"""


class SqlFacetResult:
    def __init__(self):
        self.totals = defaultdict(int)  # groups -> count
        self.counts = defaultdict(
            lambda: defaultdict(lambda: defaultdict(int))
        )  # facet->value->groups
        self.relax = defaultdict(lambda: defaultdict(int))  # facet -> groups -> count
        self.hits = []  # (page_id, groups) in order

    def total(self, level):
        return sum(c for g, c in self.totals.items() if g >= level)

    def facet_counts(self, level):
        return {
            facet: {v: sum(c for g, c in by_g.items() if g >= level) for v, by_g in values.items()}
            for facet, values in self.counts.items()
        }

    def relaxations(self, level):
        return {f: sum(c for g, c in by_g.items() if g >= level) for f, by_g in self.relax.items()}


def _matched_cte(plan, locale_id, content_types, require_all=False):
    placeholders = ", ".join(["%s"] * len(content_types))
    visible = VISIBLE.format(content_types=placeholders)
    if plan is None or plan.is_empty:
        sql = f"""
            SELECT p.id AS page_id, 0.0::float AS score, 0 AS groups
            FROM wagtailcore_page p WHERE {visible}
        """  # noqa: S608 - only placeholders are formatted in
        return sql, [locale_id, *content_types]
    config = _search_config()
    groups = [_tsquery_group(group) for group in plan.groups]
    any_group = (" & " if require_all else " | ").join(groups)
    if require_all:
        # every group matches: no need to count them per document (the common, cheap case)
        counted, group_params = str(len(groups)), []
    elif len(groups) > 1:
        counted = " + ".join("(ie.body @@ to_tsquery(%s::regconfig, %s))::int" for _ in groups)
        group_params = [value for g in groups for value in (config, g)]
    else:
        counted, group_params = "1", []
    sql = f"""
        SELECT p.id AS page_id, ie.score, ie.groups
        FROM (
            SELECT ie.object_id::integer AS page_id,
                   ts_rank('{{1,1,1,1}}', ie.title, to_tsquery(%s::regconfig, %s)) * %s
                   + ts_rank('{{1,1,1,1}}', ie.body, to_tsquery(%s::regconfig, %s), 1) AS score,
                   {counted} AS groups
            FROM {INDEX_TABLE} ie
            WHERE ie.body @@ to_tsquery(%s::regconfig, %s)
              AND ie.content_type_id IN ({placeholders})
        ) ie
        JOIN wagtailcore_page p ON p.id = ie.page_id
        WHERE {visible}
    """  # noqa: S608 - table names are constants, values are parameters
    params = [config, any_group, TITLE_WEIGHT, config, any_group, *group_params]
    params += [config, any_group, *content_types, locale_id, *content_types]
    return sql, params


def sql_facet_search(
    plan, filters, locale_id, content_types, order, offset, limit, min_groups=0, require_all=False
):
    """One statement: counts per facet value and per matched-groups, and the ordered page of ids.

    `filters` maps facet name to a list of ids (themes, groups, forms, municipalities; provinces as
    their municipalities' ids) or years. `order` is "relevance" or "newest".
    """
    matched_sql, params = _matched_cte(plan, locale_id, content_types, require_all)
    oks, ok_params = {}, []
    for name, ids in filters.items():
        if name in LINK_FACETS:
            table, column = LINK_FACETS[name]
            oks[name] = (
                f"EXISTS (SELECT 1 FROM {table} x WHERE x.page_id = m.page_id "
                f"AND x.{column} = ANY(%s))"
            )
            ok_params.append(list(ids))
        elif name in ("municipality", "province"):
            oks[name] = (
                "(pp.municipality_id = ANY(%s) OR EXISTS (SELECT 1 FROM "
                "practices_practiceinvolvedmunicipality x WHERE x.page_id = m.page_id "
                "AND x.municipality_id = ANY(%s)))"
            )
            ok_params += [list(ids), list(ids)]
        elif name == "year":
            oks[name] = "EXTRACT(YEAR FROM pp.practice_date)::int = ANY(%s)"
            ok_params.append([int(y) for y in ids])
    flags = "".join(f", {expression} AS ok_{name}" for name, expression in oks.items())

    def where(except_name=None):
        parts = [f"d.ok_{name}" for name in oks if name != except_name]
        return " AND ".join(parts) if parts else "TRUE"

    branches = []
    for name, (table, column) in LINK_FACETS.items():
        branches.append(
            f"SELECT '{name}', x.{column}::text, d.groups, COUNT(DISTINCT d.page_id), NULL::float, "
            f"NULL::date FROM docs d JOIN {table} x ON x.page_id = d.page_id "
            f"WHERE {where(name)} GROUP BY x.{column}, d.groups"
        )
    branches.append(
        "SELECT 'municipality', pl.municipality_id::text, d.groups, COUNT(DISTINCT d.page_id), "
        f"NULL, NULL FROM docs d JOIN places pl ON pl.page_id = d.page_id "
        f"WHERE {where('municipality')} GROUP BY pl.municipality_id, d.groups"
    )
    branches.append(
        "SELECT 'province', mu.province_id::text, d.groups, COUNT(DISTINCT d.page_id), NULL, NULL "
        "FROM docs d JOIN places pl ON pl.page_id = d.page_id "
        "JOIN practices_municipality mu ON mu.id = pl.municipality_id "
        f"WHERE {where('province')} GROUP BY mu.province_id, d.groups"
    )
    branches.append(
        "SELECT 'year', EXTRACT(YEAR FROM d.practice_date)::int::text, d.groups, COUNT(*), NULL, "
        f"NULL FROM docs d WHERE {where('year')} AND d.practice_date IS NOT NULL GROUP BY 2, 3"
    )
    branches.append(
        f"SELECT 'total', '', d.groups, COUNT(*), NULL, NULL FROM docs d WHERE {where()} "
        "GROUP BY d.groups"
    )
    for name in oks:
        branches.append(
            f"SELECT 'relax', '{name}', d.groups, COUNT(*), NULL, NULL FROM docs d "
            f"WHERE {where(name)} GROUP BY d.groups"
        )
    if order == "relevance":
        ordering = "d.groups DESC, d.score DESC, d.practice_date DESC, d.page_id DESC"
    else:
        ordering = "d.practice_date DESC, d.page_id DESC"
    branches.append(
        "SELECT * FROM (SELECT 'hit', d.page_id::text, d.groups, 0::bigint, d.score, "
        f"d.practice_date FROM docs d WHERE {where()} AND d.groups >= %s "
        f"ORDER BY {ordering} LIMIT %s OFFSET %s) hits"
    )
    sql = f"""
        WITH matched AS MATERIALIZED ({matched_sql}),
        docs AS MATERIALIZED (
            SELECT m.page_id, m.score, m.groups, pp.practice_date, pp.municipality_id{flags}
            FROM matched m JOIN practices_practicepage pp ON pp.page_ptr_id = m.page_id
        ),
        places AS MATERIALIZED (
            SELECT page_id, municipality_id FROM docs WHERE municipality_id IS NOT NULL
            UNION
            SELECT x.page_id, x.municipality_id FROM practices_practiceinvolvedmunicipality x
            JOIN docs d ON d.page_id = x.page_id
        )
        {" UNION ALL ".join(branches)}
    """  # noqa: S608 - facet names and columns are constants, values are parameters
    result = SqlFacetResult()
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *ok_params, min_groups, limit, offset])
        for kind, value, groups, count, _score, _date in cursor.fetchall():
            if kind == "hit":
                result.hits.append((int(value), groups))
            elif kind == "total":
                result.totals[groups] += count
            elif kind == "relax":
                result.relax[value][groups] += count
            else:
                result.counts[kind][value][groups] += count
    return result
