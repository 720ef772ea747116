"""The database engine: Wagtail's database search index (SQLite FTS5, or PostgreSQL full text with the
"simple" configuration over search.analysis's tokens), queried with the analysed query plan and
ranked with the title part weighted."""

import json
import threading
import time

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from changes.version import current_version
from search import registry
from search.analysis import Vocabulary
from search.backends.database import SEARCH_CONFIG
from search.engines.base import SearchEngine
from search.versioning import VersionedCache

TITLE_WEIGHT = 4.0  # the title part (title, summary, places, labels) against the whole body
INDEX_TABLE = "wagtailsearch_indexentry"
FTS_TABLE = "wagtailsearch_indexentry_fts"


def document_content_type_ids():
    return [ContentType.objects.get_for_model(model).id for model in registry.models()]


def _fts5_group(group):
    alternatives = []
    for alternative in group.alternatives:
        terms = " AND ".join(f'"{token}"' for token in alternative)
        alternatives.append(f"({terms})" if len(alternative) > 1 else terms)
    return "(" + " OR ".join(alternatives) + ")"


def _tsquery_group(group):
    alternatives = []
    for alternative in group.alternatives:
        terms = " & ".join(alternative)
        alternatives.append(f"({terms})" if len(alternative) > 1 else terms)
    return "(" + " | ".join(alternatives) + ")"


# A query of up to 200 characters can hold more word groups than a 64-bit mask has bits; beyond
# this many the database counts the groups instead, and the pipeline asks for each group's pages.
MAX_MASKED_GROUPS = 62


def masked(plan, require_all):
    """Whether `match` gives each row the bitmask of its groups (see SearchEngine.match)."""
    return not require_all and 1 < len(plan.groups) <= MAX_MASKED_GROUPS


def group_weights(plan):
    """What each group adds to the counted column of a match for any group: powers of two make it
    a bitmask (`masked`), ones a count."""
    if masked(plan, require_all=False):
        return [1 << position for position in range(len(plan.groups))]
    return [1] * len(plan.groups)


def _search_config():
    return SEARCH_CONFIG


# The share of the index the pages known to match every word must make up for the any-word match
# to leave them out before reading a body (see `_match_postgres`).
KNOWN_FIRST_SHARE = 0.5
_index_sizes = VersionedCache()


def _index_entries():
    """How many entries the search index holds (PostgreSQL), as of the content version."""

    def count():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {INDEX_TABLE}")  # noqa: S608 - a constant
            return cursor.fetchone()[0]

    return _index_sizes.get((connection.alias, connection.settings_dict["NAME"]), count)


class DatabaseEngine(SearchEngine):
    name = "database"

    def match(self, plan, language, locale_id, require_all=False, complete=()):
        """(page_id, score, groups matched) for every page matching any group, or with
        `require_all` only those matching every group (cheaper: nothing to count). With several
        groups and not `require_all`, each row also has the bitmask of its groups (SearchEngine.match).
        On PostgreSQL pages that are not live or of another locale may be among them (see
        `_match_postgres`).

        `complete` (rows of a `require_all` match of this plan) are not read again: a loosened
        search first matched every word, and on a bank where the words are common reading each
        of those pages' index entry a second time was half its cost. Their score stays that of
        the first match (the ranking sorts by groups matched first, and rescores the best)."""
        if plan.is_empty:
            return []
        content_types = document_content_type_ids()
        if not content_types:
            return []
        ct_placeholders = ", ".join(["%s"] * len(content_types))
        reused = () if require_all else complete
        known = [str(row[0]) for row in reused]
        if connection.vendor == "postgresql":
            rows = self._match_postgres(
                plan, locale_id, content_types, ct_placeholders, require_all, known
            )
        else:
            rows = self._match_sqlite(
                plan, locale_id, content_types, ct_placeholders, require_all, known
            )
        everything = len(plan.groups)
        if not masked(plan, require_all):
            return rows + [(row[0], row[1], everything) for row in reused]
        # The query gave each page's groups as a bitmask; the count is what ranks.
        whole = (1 << everything) - 1
        return [(pk, score, mask.bit_count(), mask) for pk, score, mask in rows] + [
            (row[0], row[1], everything, whole) for row in reused
        ]

    def _match_sqlite(self, plan, locale_id, content_types, ct_placeholders, require_all, known):
        groups = [_fts5_group(group) for group in plan.groups]
        joiner = " AND " if require_all else " OR "
        any_group = "{body title} : (" + joiner.join(groups) + ")"
        params = []
        if require_all:
            counted = str(len(groups))
        elif len(groups) > 1:
            counted = " + ".join(
                f"(ie.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)) * {weight}"  # noqa: S608
                for weight in group_weights(plan)
            )
            params += ["{body title} : " + g for g in groups]
        else:
            counted = "1"
        sql = f"""
            SELECT p.id, -bm25({FTS_TABLE}, 0.0, 1.0, %s) AS score, {counted} AS groups
            FROM {FTS_TABLE}
            JOIN {INDEX_TABLE} ie ON ie.id = {FTS_TABLE}.rowid
            JOIN wagtailcore_page p ON p.id = CAST(ie.object_id AS INTEGER)
            WHERE {FTS_TABLE} MATCH %s
              AND ie.content_type_id IN ({ct_placeholders})
              AND p.live AND p.locale_id = %s
        """  # noqa: S608 - table names are constants, values are parameters
        params = [TITLE_WEIGHT, *params, any_group, *content_types, locale_id]
        if known:
            sql += " AND ie.object_id NOT IN (SELECT value FROM json_each(%s))"
            params.append(json.dumps(known))
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    # The title part of a PostgreSQL score; parameters: search config, tsquery, TITLE_WEIGHT.
    TITLE_RANK = "ts_rank('{1,1,1,1}', ie.title, to_tsquery(%s::regconfig, %s)) * %s"

    def _match_postgres(self, plan, locale_id, content_types, ct_placeholders, require_all, known):
        config = _search_config()
        groups = [_tsquery_group(group) for group in plan.groups]
        any_group = (" & " if require_all else " | ").join(groups)
        # The pages known to match (`known`) are left out before their body is read when they are
        # most of the index (the words are common, so the table is read whole anyway: 56 → 6 ms
        # at 10,000 pages); a CASE is the only order SQL promises. Fewer, and the body's GIN
        # index may find the rest, which a CASE would hide from the planner.
        most = bool(known) and len(known) >= KNOWN_FIRST_SHARE * _index_entries()
        # Only the index: the search pipeline keeps the pages that are live, public and of the
        # locale (its facet index holds exactly those), so joining pages here would be paid twice.
        # The score is the title part's only: ranking every matched body costs more than the rest
        # of a search together, so `rescore` adds the body part for the few that can make the page.
        matching = f"""
            FROM {INDEX_TABLE} ie
            WHERE {"ie.object_id <> ALL(string_to_array(%s, ',')) AND" if known and not most else ""}
              {"CASE WHEN ie.object_id = ANY(string_to_array(%s, ',')) THEN false ELSE" if most else ""}
              ie.body @@ to_tsquery(%s::regconfig, %s) {"END" if most else ""}
              AND ie.content_type_id IN ({ct_placeholders})
        """  # noqa: S608 - table names are constants, values are parameters
        if require_all:
            counted, group_params = str(len(groups)), []
        elif len(groups) > 1:
            counted = " + ".join(
                f"(ie.body @@ to_tsquery(%s::regconfig, %s))::int::bigint * {weight}"
                for weight in group_weights(plan)
            )
            group_params = [value for g in groups for value in (config, g)]
            # Each group's test reads the body again, and a long body is fetched from TOAST and
            # unpacked on every read: the inner query unpacks each matched body once (`|| ''`,
            # kept apart by OFFSET 0) for the outer one to test every group on (a fifth off at
            # 10,000 pages).
            matching = f"""
                FROM (
                    SELECT ie.object_id, ie.title, ie.body || ''::tsvector AS body {matching}
                    OFFSET 0
                ) ie
            """
        else:
            counted, group_params = "1", []
        sql = f"SELECT ie.object_id::integer, {self.TITLE_RANK}, {counted} {matching}"
        params = [config, any_group, TITLE_WEIGHT, *group_params]
        # The ids as one text: a list parameter costs a conversion per id.
        params += [*([",".join(known)] if known else []), config, any_group, *content_types]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def rescore(self, plan, page_ids):
        """Title and body score of some matched pages (PostgreSQL's `match` gives the title part)."""
        if connection.vendor != "postgresql" or plan.is_empty or not page_ids:
            return None
        config = _search_config()
        query = " | ".join(_tsquery_group(group) for group in plan.groups)
        content_types = document_content_type_ids()
        sql = f"""
            SELECT ie.object_id::integer,
                   {self.TITLE_RANK} + ts_rank('{{1,1,1,1}}', ie.body, to_tsquery(%s::regconfig, %s), 1)
            FROM {INDEX_TABLE} ie
            WHERE ie.content_type_id = ANY(%s) AND ie.object_id = ANY(%s)
        """  # noqa: S608 - table names are constants, values are parameters
        params = [config, query, TITLE_WEIGHT, config, query, content_types]
        params.append([str(pk) for pk in page_ids])
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return dict(cursor.fetchall())


# --- the vocabulary ---------------------------------------------------------------------------

_vocabulary_lock = threading.Lock()
_vocabulary_cache = {"key": None, "loaded_at": 0.0, "vocabulary": Vocabulary()}


def _load_frequencies(cursor):
    if connection.vendor == "postgresql":
        inner = f"SELECT to_tsvector(''simple'', body_text) FROM {INDEX_TABLE}"  # noqa: S608
        cursor.execute(f"SELECT word, ndoc FROM ts_stat('{inner}')")  # noqa: S608
        return dict(cursor.fetchall())
    cursor.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.kb_search_vocabulary "
        f"USING fts5vocab(main, {FTS_TABLE}, col)"
    )
    cursor.execute("SELECT term, doc FROM temp.kb_search_vocabulary WHERE col = 'body'")
    return dict(cursor.fetchall())


def load_vocabulary(version=None):
    """The index vocabulary, rebuilt when the content version has changed."""
    version = current_version() if version is None else version
    database = (connection.alias, connection.settings_dict["NAME"])
    cached = _vocabulary_cache
    if cached["key"] == (database, version):
        return cached["vocabulary"]
    # Rebuilding reads the whole index (seconds for 10,000 pages): while editors publish, keep the
    # current vocabulary for a while instead of rebuilding on every change.
    min_age = getattr(settings, "SEARCH_VOCABULARY_MIN_AGE", 60)
    same_database = cached["key"] is not None and cached["key"][0] == database
    if same_database and time.monotonic() - cached["loaded_at"] < min_age:
        return cached["vocabulary"]
    with _vocabulary_lock, connection.cursor() as cursor:
        vocabulary = Vocabulary(_load_frequencies(cursor))
        cached.update(key=(database, version), loaded_at=time.monotonic(), vocabulary=vocabulary)
        return vocabulary
