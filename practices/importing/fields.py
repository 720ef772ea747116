"""The import/export file format: which keys there are, and how plain text maps to page sections.

One practice per line (JSON Lines) or row (CSV). Lists are JSON arrays in JSON Lines and
`;`-separated in CSV. Section texts are plain text, paragraphs separated by a blank line.
"""

import html
import re

from django.utils.html import escape, strip_tags

SECTION_FIELDS = ("situation", "approach", "results", "lessons")
LIST_FIELDS = (
    "involved_municipalities",
    "themes",
    "professional_groups",
    "learning_forms",
    "tags",
    "reflection_questions",
)
CONTACT_FIELDS = ("name", "role", "email")

# The CSV header, in the order export writes it. JSON Lines uses the same keys except that the
# three contact columns are one object: "contact": {"name": …, "role": …, "email": …}.
CSV_COLUMNS = [
    "id",
    "language",
    "title",
    "summary",
    "date",
    "review_date",
    "municipality",
    "organisation",
    "involved_municipalities",
    "themes",
    "professional_groups",
    "learning_forms",
    "tags",
    "situation",
    "approach",
    "results",
    "lessons",
    "reflection_questions",
    "contact_name",
    "contact_role",
    "contact_email",
]
JSON_KEYS = [key for key in CSV_COLUMNS if not key.startswith("contact_")] + ["contact"]
REQUIRED_CSV_COLUMNS = ("id", "title", "summary", "date", "municipality", "themes")
LIST_SEPARATOR = ";"


def normalise_text(text):
    """Plain text with paragraphs separated by exactly one blank line and no stray whitespace."""
    text = str(text or "").replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.split("\n")]
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def text_to_stream(text):
    """Plain text → a section StreamField value of paragraph blocks (line breaks kept).

    In the stored (JSON) form, which StreamField reads lazily: saving it needs no block conversion.
    """
    blocks = []
    for paragraph in normalise_text(text).split("\n\n"):
        if paragraph:
            body = "<br/>".join(escape(line) for line in paragraph.split("\n"))
            blocks.append({"type": "paragraph", "value": f"<p>{body}</p>"})
    return blocks


def html_to_text(source):
    source = re.sub(r"<br\s*/?>", "\n", source)
    source = re.sub(r"</(p|h[1-6]|li|blockquote)>", "\n\n", source)
    return html.unescape(strip_tags(source))


def stream_to_text(stream):
    """A section StreamField value → plain text; text-bearing blocks only (images etc. are left out)."""
    parts = []
    for block in stream:
        kind, value = block.block_type, block.value
        if kind == "paragraph":
            parts.append(html_to_text(value.source))
        elif kind == "quote":
            attribution = value.get("attribution")
            parts.append(f"“{value['text']}”" + (f" — {attribution}" if attribution else ""))
        elif kind == "key_figures":
            parts.append("\n".join(f"{item['value']} {item['label']}" for item in value))
    return normalise_text("\n\n".join(parts))


def split_list(value):
    """A list field from a file: a JSON array, or a `;`-separated string (CSV)."""
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(LIST_SEPARATOR)
    return [str(item).strip() for item in value if str(item).strip()]
