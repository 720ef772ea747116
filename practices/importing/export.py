"""Write practice pages in the import format (JSON Lines or CSV), so export → import round-trips."""

import csv
import json

from practices.importing.fields import (
    CONTACT_FIELDS,
    CSV_COLUMNS,
    LIST_SEPARATOR,
    SECTION_FIELDS,
    normalise_text,
    stream_to_text,
)
from practices.importing.validate import PAGE_ID_PREFIX, TERM_MODELS
from practices.models import PracticePage


def page_tags(page):
    return [item.tag.name for item in page.tagged_items.all()]


def record_for(page):
    """The import record for a page, from its latest revision (what editors see in the admin)."""
    return {
        "id": page.external_id or f"{PAGE_ID_PREFIX}{page.translation_key}",
        "language": page.locale.language_code,
        "title": page.title,
        "summary": page.summary,
        "date": page.practice_date.isoformat() if page.practice_date else "",
        "review_date": page.review_date.isoformat() if page.review_date else "",
        "municipality": page.municipality.name if page.municipality_id else "",
        "organisation": page.organisation,
        "involved_municipalities": [
            item.municipality.name for item in page.involved_municipalities.all()
        ],
        **{
            name: [getattr(link, attr).name for link in getattr(page, relation).all()]
            for name, (_model, attr, relation) in TERM_MODELS.items()
        },
        "tags": page_tags(page),
        **{name: stream_to_text(getattr(page, name)) for name in SECTION_FIELDS},
        "reflection_questions": [block.value for block in page.reflection_questions],
        "contact": {key: getattr(page, f"contact_{key}") for key in CONTACT_FIELDS},
    }


def canonical_for(page):
    """What the importer compares with a row to decide that nothing changed (see Plan.canonical)."""
    return {
        "title": page.title,
        "summary": normalise_text(page.summary),
        "practice_date": page.practice_date,
        "review_date": page.review_date,
        "municipality": page.municipality_id,
        "organisation": page.organisation,
        **{f"contact_{key}": getattr(page, f"contact_{key}") for key in CONTACT_FIELDS},
        "involved": [item.municipality_id for item in page.involved_municipalities.all()],
        **{
            name: [getattr(link, f"{attr}_id") for link in getattr(page, relation).all()]
            for name, (_model, attr, relation) in TERM_MODELS.items()
        },
        "tags": sorted({name.lower() for name in page_tags(page)}),
        **{name: stream_to_text(getattr(page, name)) for name in SECTION_FIELDS},
        "reflection_questions": [block.value for block in page.reflection_questions],
    }


def pages_to_export(language=None):
    pages = PracticePage.objects.select_related("locale").order_by("locale__language_code", "path")
    if language:
        pages = pages.filter(locale__language_code=language)
    for page in pages.iterator(chunk_size=200):
        yield page.get_latest_revision_as_object() if page.latest_revision_id else page


def write_jsonl(records, stream):
    count = 0
    for record in records:
        if not any(record["contact"].values()):
            record.pop("contact")
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(records, stream):
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for record in records:
        contact = record.pop("contact")
        row = {**record, **{f"contact_{key}": value for key, value in contact.items()}}
        writer.writerow(
            [
                LIST_SEPARATOR.join(row[column]) if isinstance(row[column], list) else row[column]
                for column in CSV_COLUMNS
            ]
        )
        count += 1
    return count
