"""Wagtail's PostgreSQL search index, adding many objects at once with less work per object.

modelsearch reads every search field of an object five times (title, body, autocomplete and the two
plain texts for fuzzy search) and builds and compiles three SearchVector expressions per object; for
thousands of pages that costs more than the database work. Here each object's fields are read once
and the SQL of a vector is compiled once per shape (how many texts it joins); only the texts and
weights change from object to object. The rows written are the same, which
tests/search/test_database_backend.py checks against modelsearch's own index.
"""

from django.db.models.sql.subqueries import InsertQuery
from django.utils.functional import cached_property
from modelsearch.backends.database.postgres import postgres
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.utils import get_content_type_pk

TABLE = postgres.IndexEntry._meta.db_table


class SingleReadIndexer(postgres.ObjectIndexer):
    """modelsearch's ObjectIndexer, reading each search field of the object once."""

    @cached_property
    def prepared(self):
        """(field, weight, text) for every value the object gives its search fields."""
        return [
            prepared
            for field in self.search_fields
            for prepared in self.prepare_field(self.obj, field)
        ]

    def texts(self, part):
        """(stripped text, weight) of one part of the entry, empty texts left out."""
        wanted = []
        for field, weight, value in self.prepared:
            text = value.strip()
            if text and in_part(field, part):
                wanted.append((text, weight))
        return wanted


def in_part(field, part):
    """Whether a field's value goes into the entry's "title", "body" or "autocomplete", as
    modelsearch's ObjectIndexer decides it."""
    if part == "autocomplete":
        return isinstance(field, AutocompleteField)
    return isinstance(field, SearchField) and (field.field_name == "title") == (part == "title")


class VectorSQL:
    """SQL and parameters of `ObjectIndexer.as_vector(texts)` as an INSERT value, compiled
    once per number of texts: placeholder texts and weights are compiled, and each object's
    parameters are the compiled ones with its own texts and weights put in their place."""

    def __init__(self, index, for_autocomplete):
        self.index = index
        self.for_autocomplete = for_autocomplete
        self.compiled = {}

    def compile(self, count):
        compiler = InsertQuery(postgres.IndexEntry).get_compiler(
            connection=self.index.write_connection
        )
        field = postgres.IndexEntry._meta.get_field(
            "autocomplete" if self.for_autocomplete else "body"
        )
        slots = {}
        texts = []
        for number in range(count):
            text, weight = f"\x00text{number}\x00", f"\x00weight{number}\x00"
            slots[text], slots[weight] = (number, 0), (number, 1)
            texts.append((text, weight))
        indexer = postgres.ObjectIndexer.__new__(postgres.ObjectIndexer)
        indexer.config = self.index.backend.config
        indexer.autocomplete_config = self.index.backend.autocomplete_config
        vector = indexer.as_vector(texts, for_autocomplete=self.for_autocomplete)
        sql, params = compiler.prepare_value(field, vector).as_sql(
            compiler, self.index.write_connection
        )
        plan = [slots.get(param, param) if isinstance(param, str) else param for param in params]
        return sql, plan

    def __call__(self, texts):
        count = len(texts)
        if count not in self.compiled:
            self.compiled[count] = self.compile(count)
        sql, plan = self.compiled[count]
        return sql, [texts[slot[0]][slot[1]] if type(slot) is tuple else slot for slot in plan]


class PostgresIndex(postgres.PostgresIndex):
    def add_items(self, model, objs):
        if not model.get_search_fields() or not objs:
            return
        # Same statement as modelsearch's PostgresIndex.add_items, same values.
        content_type_pk = get_content_type_pk(model)
        searchable = VectorSQL(self, for_autocomplete=False)
        autocomplete = VectorSQL(self, for_autocomplete=True)
        rows_sql, params = [], []
        for obj in objs:
            indexer = SingleReadIndexer(obj, self.backend)
            title, body = indexer.texts("title"), indexer.texts("body")
            title_sql, title_params = searchable(title)
            autocomplete_sql, autocomplete_params = autocomplete(indexer.texts("autocomplete"))
            body_sql, body_params = searchable(body)
            rows_sql.append(f"(%s, %s, {title_sql}, {autocomplete_sql}, {body_sql}, 1.0, %s, %s)")
            params += [content_type_pk, indexer.id]
            params += title_params + autocomplete_params + body_params
            params += [" ".join(text for text, _ in title), " ".join(text for text, _ in body)]
        self.write(
            # Only compiled SQL goes into the statement; values are parameters.
            f"INSERT INTO {TABLE} (content_type_id, object_id, title, autocomplete, body, "  # noqa: S608
            f"title_norm, title_text, body_text) (VALUES {', '.join(rows_sql)}) "
            "ON CONFLICT (content_type_id, object_id) DO UPDATE SET "
            "title = EXCLUDED.title, title_norm = 1.0, "
            "autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body, "
            "title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text",
            params,
        )
        self._refresh_title_norms()

    def _refresh_title_norms(self, full=False):
        if full:
            return super()._refresh_title_norms(full=True)
        # modelsearch reads the average title length, then writes the new entries' norms with it;
        # one statement does the same without waiting for a result in between (imports send their
        # statements in a pipeline, see practices/importing/rows.py).
        self.write(
            f"UPDATE {TABLE} SET title_norm = (SELECT AVG(length(title))::double precision "  # noqa: S608
            f"FROM {TABLE} WHERE length(title) > 0) / length(title) "
            "WHERE title_norm = 1.0 AND length(title) > 0"
        )
        return None

    def write(self, sql, params=()):
        with self.write_connection.cursor() as cursor:
            cursor.execute(sql, params)


class PostgresSearchBackend(postgres.PostgresSearchBackend):
    index_class = PostgresIndex
