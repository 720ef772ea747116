"""Batched INSERTs and revision content for pages made in bulk, worked out once per model.

Django's bulk_create runs every value of every row through its SQL compiler, and modelcluster's
`serializable_data` inspects every field of every page; for thousands of rows of one model both
cost more than the database work itself. The values written here are the same.
"""

import datetime
import json
from contextlib import contextmanager
from functools import cache, partial
from operator import attrgetter

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.utils.encoding import is_protected_type
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from modelcluster.models import get_field_value as serialized_value
from wagtail.fields import StreamField

BATCH_SIZE = 500


# Fields that hand None or a value of this type to the database unchanged, whatever the backend.
UNCHANGED = {
    models.AutoField: int,
    models.BigAutoField: int,
    models.IntegerField: int,
    models.PositiveIntegerField: int,
    models.BooleanField: bool,
    models.CharField: str,
    models.SlugField: str,
    models.EmailField: str,
    models.TextField: str,
}


def _to_db(field, connection):
    """`field.get_db_prep_save` as a function of the value, skipping the steps that change nothing."""
    if isinstance(field, StreamField):
        # The same steps, but without StreamField building a new JSONField for every value.
        encoder = field.json_field.encoder
        return lambda value: connection.ops.adapt_json_value(field.get_prep_value(value), encoder)
    prepare = partial(field.get_db_prep_save, connection=connection)
    target = field.target_field if isinstance(field, models.ForeignKey) else field
    natural = UNCHANGED.get(type(target))
    if natural is None:
        return prepare
    return lambda value: value if value is None or type(value) is natural else prepare(value)


def can_reserve_ids():
    """Whether `reserve_ids` gives ids on this database (PostgreSQL)."""
    return connections[DEFAULT_DB_ALIAS].vendor == "postgresql"


def reserve_ids(model, count):
    """`count` ids for new rows of the model, drawn from its table's sequence on PostgreSQL, so
    that they can be written without waiting for RETURNING; None on SQLite (which has no
    sequences: `insert` returns the ids it gives)."""
    connection = connections[DEFAULT_DB_ALIAS]
    auto = model._meta.auto_field
    if not can_reserve_ids() or auto is None or not count:
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, auto.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


@contextmanager
def pipeline():
    """On PostgreSQL, statements made inside are sent without waiting for each one's result, so the
    server writes one batch while this process prepares the next (reading a result waits for
    everything sent before it; an error is raised at the latest when the block ends). Elsewhere
    it changes nothing."""
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    with connection.connection.pipeline():
        yield


def insert(model, rows, ids=None):
    """INSERT rows (attname -> value; a field left out gets its default) of the model's own table.

    Rows are written with `ids` when given (from `reserve_ids`). Otherwise returns the new ids in
    row order when the table numbers its rows itself, else None.
    """
    connection = connections[DEFAULT_DB_ALIAS]  # the connection itself, not the per-thread proxy
    auto = model._meta.auto_field
    if ids is not None:
        rows = [{**row, auto.attname: id_} for row, id_ in zip(rows, ids, strict=True)]
        auto = None  # written like any other column, nothing to return
    fields = [field for field in model._meta.local_concrete_fields if field is not auto]
    converters = [(field.attname, field.get_default, _to_db(field, connection)) for field in fields]
    quote = connection.ops.quote_name
    # Only model metadata (table and column names, quoted) goes into the statement; values are parameters.
    head = "INSERT INTO {} ({}) VALUES ".format(  # noqa: S608
        quote(model._meta.db_table), ", ".join(quote(field.column) for field in fields)
    )
    placeholders = "({})".format(", ".join(["%s"] * len(fields)))
    returning = f" RETURNING {quote(auto.column)}" if auto else ""
    size = max(1, min(BATCH_SIZE, connection.ops.bulk_batch_size(fields, rows)))
    returned = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            params = [
                to_db(row[name] if name in row else default())
                for row in batch
                for name, default, to_db in converters
            ]
            cursor.execute(head + ", ".join([placeholders] * len(batch)) + returning, params)
            if auto:
                # RETURNING promises no order, but a table's ids are drawn row after row (SQLite's
                # rowid, a PostgreSQL sequence), so sorted they follow the VALUES list.
                returned += sorted(row[0] for row in cursor.fetchall())
    return returned if auto else ids


def values(obj, fields):
    """The attname -> value to insert for an unsaved instance, as Model.save would take them."""
    return {field.attname: field.pre_save(obj, True) for field in fields}


def _serialiser(field):
    """A function obj -> what modelcluster's `get_field_value(field, obj)` returns."""
    attname = field.attname
    if field.remote_field is not None:
        return attrgetter(attname)
    if type(field) is StreamField:
        # Its value_to_string (JSON text), without building a new JSONField for every value.
        encoder = field.json_field.encoder
        return lambda obj: json.dumps(field.get_prep_value(getattr(obj, attname)), cls=encoder)
    kind, base = type(field), models.Field
    if kind.pre_save is not base.pre_save or kind.value_to_string is not base.value_to_string:
        return partial(serialized_value, field)

    def plain(obj):
        value = getattr(obj, attname)
        if isinstance(value, datetime.datetime):  # made UTC-aware there
            return serialized_value(field, obj)
        return value if is_protected_type(value) else str(value)

    return plain


@cache
def _field_plan(model):
    """(key, serialiser) per serialised field, in the order modelcluster writes them."""
    pk_field = model._meta.pk
    while pk_field.remote_field and pk_field.remote_field.parent_link:
        pk_field = pk_field.remote_field.model._meta.pk
    fields = [("pk", pk_field)] + [(f.name, f) for f in model._meta.fields if f.serialize]
    return [(key, _serialiser(field)) for key, field in fields]


def field_data(obj):
    """What modelcluster's `get_serializable_data_for_fields(obj)` returns, planned once per model."""
    return {key: serialise(obj) for key, serialise in _field_plan(type(obj))}


@cache
def _relation_plan(model):
    children = [
        (rel.get_accessor_name(), hasattr(rel.related_model, "serializable_data"))
        for rel in get_all_child_relations(model)
    ]
    m2m = [field.name for field in get_all_child_m2m_relations(model) if field.serialize]
    return children, m2m


def revision_content(page):
    """Exactly `page.serializable_data()` (what a revision stores), for pages made in bulk."""
    data = field_data(page)
    children, m2m = _relation_plan(type(page))
    for name, own_method in children:
        items = getattr(page, name).all()
        data[name] = [
            item.serializable_data() if own_method else field_data(item) for item in items
        ]
    for name in m2m:
        data[name] = [item.pk for item in getattr(page, name).all()]
    return data
