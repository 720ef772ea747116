"""One form of address: the site says "je" to its visitors and contributors, never "u"."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORMAL = re.compile(r"\b(u|uw|U|Uw|UW)\b")
# The texts a visitor reads: template strings and translatable strings in Python code.
TEMPLATE_STRING = re.compile(
    r"{%\s*(?:translate|trans)\s+\"([^\"]+)\"|{%\s*blocktranslate[^%]*%}(.*?){%\s*endblocktranslate",
    re.S,
)
PYTHON_STRING = re.compile(r"\b(?:_|gettext|gettext_lazy|ngettext|pgettext)\(\s*\"([^\"]+)\"")
SKIP_DIRS = {".venv", "locale", "tests", "migrations", "node_modules", "var"}


def visitor_texts():
    for path in sorted(ROOT.rglob("*")):
        if SKIP_DIRS & set(path.relative_to(ROOT).parts) or not path.is_file():
            continue
        if path.suffix in (".html", ".txt"):
            for match in TEMPLATE_STRING.finditer(path.read_text()):
                yield path, match.group(1) or match.group(2)
        elif path.suffix == ".py":
            for match in PYTHON_STRING.finditer(path.read_text()):
                yield path, match.group(1)


def test_every_dutch_text_says_je_not_u():
    formal = [
        f"{path.relative_to(ROOT)}: {text}" for path, text in visitor_texts() if FORMAL.search(text)
    ]
    assert not formal, "\n".join(formal)


@pytest.mark.django_db
def test_not_found_page_says_je(client, home_page):
    html = client.get("/bestaat-niet/").content.decode()
    assert "De pagina die je zocht" in html
