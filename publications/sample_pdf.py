"""Writes small, valid text PDFs (one paragraph list per page) for demo content and tests.

The real publications are not shipped; this stands in for them with real, extractable text.
"""

import textwrap
from datetime import UTC, datetime

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 72
LINE_HEIGHT = 16
WRAP_AT = 80  # characters per line at 11 pt Helvetica within the margins


def _escape(text):
    data = text.encode("cp1252", "replace")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _page_stream(heading, paragraphs, number):
    lines = [(16, heading)] if heading else []
    for paragraph in paragraphs:
        lines.extend((11, line) for line in textwrap.wrap(paragraph, WRAP_AT))
        lines.append((11, ""))
    out = [b"BT", b"/F1 11 Tf", f"{MARGIN} {PAGE_HEIGHT - MARGIN} Td".encode()]
    for size, line in lines:
        out.append(f"/F1 {size} Tf".encode())
        out.append(b"(" + _escape(line) + b") Tj")
        out.append(f"0 -{LINE_HEIGHT + (8 if size > 11 else 0)} Td".encode())
    out.append(b"ET")
    out.append(
        b"BT /F1 9 Tf "
        + f"{PAGE_WIDTH / 2 - 10:.0f} 40 Td".encode()
        + b" ("
        + _escape(f"- {number} -")
        + b") Tj ET"
    )
    return b"\n".join(out)


def make_pdf(pages, title="", author=""):
    """Return the bytes of a PDF with one page per item of `pages`.

    Each item is a string (one paragraph) or a (heading, [paragraphs]) pair.
    """
    objects = []  # object bodies; object number = index + 1

    def add(body):
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in once the page tree exists
    page_tree = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    page_numbers = []
    for number, item in enumerate(pages, start=1):
        heading, paragraphs = (None, [item]) if isinstance(item, str) else item
        stream = _page_stream(heading, paragraphs, number)
        content = add(
            b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream"
        )
        page_numbers.append(
            add(
                f"<< /Type /Page /Parent {page_tree} 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
                f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>".encode()
            )
        )
    kids = " ".join(f"{n} 0 R" for n in page_numbers)
    objects[page_tree - 1] = (
        f"<< /Type /Pages /Kids [{kids}] /Count {len(page_numbers)} >>".encode()
    )
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {page_tree} 0 R >>".encode()
    created = datetime.now(UTC).strftime("D:%Y%m%d%H%M%SZ")
    info = add(
        b"<< /Title ("
        + _escape(title)
        + b") /Author ("
        + _escape(author)
        + b") /Producer (Lerend Werken kennisbank) /CreationDate ("
        + created.encode()
        + b") >>"
    )

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R /Info {info} 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)
