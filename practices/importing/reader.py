"""Read an import file into raw rows with their line numbers; problems become messages, never tracebacks."""

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from practices.importing.fields import CONTACT_FIELDS, REQUIRED_CSV_COLUMNS

MAX_LINE_BYTES = 1_000_000  # one practice is a few KB; a longer line is a broken file
MAX_FILE_BYTES = 500_000_000


@dataclass(frozen=True)
class Problem:
    line: int
    field: str
    message: str

    def __str__(self):
        return f"line {self.line}: {self.field}: {self.message}"


@dataclass
class RawRow:
    line: int
    data: dict


class FileProblem(Exception):
    """The file as a whole cannot be read (missing, wrong type); nothing in it was checked."""


def file_format(path):
    suffix = Path(path).suffix.lower()
    if suffix in {".jsonl", ".ndjson"}:
        return "jsonl"
    if suffix == ".csv":
        return "csv"
    raise FileProblem(
        _("Onbekend bestandstype '%(suffix)s': gebruik .jsonl of .csv.") % {"suffix": suffix}
    )


def read_rows(path):
    """Return (rows, problems) for the file at `path`; raises FileProblem if it cannot be opened."""
    path = Path(path)
    kind = file_format(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise FileProblem(_("Het bestand is groter dan 500 MB."))
        raw = path.read_bytes()
    except FileNotFoundError as error:
        raise FileProblem(_("Bestand niet gevonden: %(path)s") % {"path": path}) from error
    except (IsADirectoryError, PermissionError) as error:
        raise FileProblem(
            _("Kan het bestand niet lezen: %(error)s") % {"error": error.strerror}
        ) from error
    lines, problems = decode_lines(raw)
    if kind == "jsonl":
        rows, more = parse_jsonl(lines)
    else:
        rows, more = parse_csv(lines)
    return rows, problems + more


def decode_lines(raw):
    """Split into (line number, text) pairs, reporting lines that are not UTF-8 or far too long."""
    if raw.startswith(b"\xef\xbb\xbf"):  # the byte order mark spreadsheets like to write
        raw = raw[3:]
    lines, problems = [], []
    for number, chunk in enumerate(raw.split(b"\n"), start=1):
        if len(chunk) > MAX_LINE_BYTES:
            problems.append(
                Problem(
                    number,
                    "bestand",
                    _("regel is te lang (meer dan 1 MB); is dit het goede bestand?"),
                )
            )
            lines.append((number, ""))
            continue
        try:
            text = chunk.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(
                Problem(
                    number,
                    "bestand",
                    _(
                        "geen geldige UTF-8-tekst (teken %(position)d); sla het bestand op als UTF-8."
                    )
                    % {"position": error.start + 1},
                )
            )
            text = ""
        lines.append((number, text.rstrip("\r")))
    return lines, problems


def parse_jsonl(lines):
    rows, problems = [], []
    for number, text in lines:
        if not text.strip():
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            problems.append(
                Problem(
                    number, "bestand", _("geen geldige JSON (%(error)s)") % {"error": error.msg}
                )
            )
            continue
        if not isinstance(data, dict):
            problems.append(
                Problem(number, "bestand", _("elke regel moet één JSON-object {…} zijn."))
            )
            continue
        rows.append(RawRow(number, data))
    return rows, problems


def parse_csv(lines):
    """CSV with a header row, comma-separated, quoted fields may span lines."""
    problems = []
    if not any(text.strip() for _number, text in lines):
        return [], [Problem(1, "bestand", _("het bestand is leeg."))]
    # Keep physical line numbers: feed the reader the text and map its line counter back.
    text = "\n".join(text for _number, text in lines)
    csv.field_size_limit(MAX_LINE_BYTES)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [column.strip() for column in next(reader)]
    except csv.Error as error:
        return [], [Problem(1, "kolommen", str(error))]
    if len(header) == 1 and ";" in header[0]:
        return [], [
            Problem(
                1,
                "kolommen",
                _("de kolommen zijn gescheiden door ';'; gebruik komma's (';' scheidt lijsten)."),
            )
        ]
    missing = [column for column in REQUIRED_CSV_COLUMNS if column not in header]
    if missing:
        problems.append(
            Problem(
                1,
                "kolommen",
                _("ontbrekende kolommen: %(columns)s") % {"columns": ", ".join(missing)},
            )
        )
        return [], problems
    duplicates = sorted({column for column in header if header.count(column) > 1})
    if duplicates:
        return [], [
            Problem(
                1,
                "kolommen",
                _("dubbele kolommen: %(columns)s") % {"columns": ", ".join(duplicates)},
            )
        ]
    rows = []
    start = reader.line_num + 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(
                Problem(start, "bestand", _("onleesbare CSV: %(error)s") % {"error": error})
            )
            break
        line, start = start, reader.line_num + 1
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(header):
            problems.append(
                Problem(
                    line,
                    "bestand",
                    _(
                        "%(found)d kolommen in plaats van %(expected)d (mist er een aanhalingsteken?)"
                    )
                    % {"found": len(values), "expected": len(header)},
                )
            )
            continue
        data = dict(zip(header, values, strict=True))
        contact = {key: data.pop(f"contact_{key}", "") for key in CONTACT_FIELDS}
        if any(contact.values()):
            data["contact"] = contact
        rows.append(RawRow(line, data))
    return rows, problems
