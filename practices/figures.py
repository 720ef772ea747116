"""CBS key figures per municipality: reading and checking a CBS file, loading it, CBS's size classes,
and "Gemeenten zoals …": the municipalities most like one another in size, density and province.

The figures are read from the database once per content version (one query) and the similar
municipalities are computed from them in Python, again only when the figures themselves changed.
"""

import csv
import math
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from search.versioning import VersionedCache

DATA_DIR = Path(__file__).resolve().parent / "data"
FIRST_EDITION = DATA_DIR / "gemeenten_kerncijfers_2024.csv"
FIRST_YEAR = 2024
CBS_SOURCE = "CBS 85984NED, Kerncijfers wijken en buurten"

# --- CBS's municipal size classes (gemeentegrootteklassen) ---------------------------------------

# (value in the URL, lowest number of inhabitants, label); each class runs up to the next one's low.
SIZE_CLASSES = (
    ("tot-5000", 0, _("minder dan 5.000 inwoners")),
    ("5000-10000", 5_000, _("5.000 tot 10.000 inwoners")),
    ("10000-20000", 10_000, _("10.000 tot 20.000 inwoners")),
    ("20000-50000", 20_000, _("20.000 tot 50.000 inwoners")),
    ("50000-100000", 50_000, _("50.000 tot 100.000 inwoners")),
    ("100000-150000", 100_000, _("100.000 tot 150.000 inwoners")),
    ("150000-250000", 150_000, _("150.000 tot 250.000 inwoners")),
    ("250000-of-meer", 250_000, _("250.000 inwoners of meer")),
)


def size_class(inhabitants):
    """The value of the CBS size class a number of inhabitants falls in."""
    found = SIZE_CLASSES[0][0]
    for value, lowest, _label in SIZE_CLASSES:
        if inhabitants >= lowest:
            found = value
    return found


def size_class_label(value):
    return next((label for v, _lowest, label in SIZE_CLASSES if v == value), value)


# --- similar municipalities ----------------------------------------------------------------------

SIMILAR_COUNT = 8  # how many "Gemeenten zoals …" a municipality has
# Added to the distance of a municipality in another province: about half of "twice as many
# inhabitants" (ln 2 ≈ 0.69), so a close match elsewhere still beats a poor one nearby.
OTHER_PROVINCE = 0.35


@dataclass(frozen=True)
class Figures:
    cbs_code: str
    name: str
    slug: str
    province_id: int
    year: int
    inhabitants: int
    density: int
    dwellings: int | None
    land_area_ha: int

    @property
    def size_class(self):
        return size_class(self.inhabitants)

    @property
    def land_area_km2(self):
        return self.land_area_ha / 100


def distance(a, b):
    """How unlike two municipalities are: the distance between their log(inhabitants) and
    log(density), so twice as large counts as much as half as large, at every size; plus
    OTHER_PROVINCE when they lie in different provinces."""
    size = math.log(a.inhabitants) - math.log(b.inhabitants)
    density = math.log(a.density) - math.log(b.density)
    province = 0.0 if a.province_id == b.province_id else OTHER_PROVINCE
    return math.hypot(size, density) + province


def most_similar(figures, count=SIMILAR_COUNT):
    """{code: [codes of the `count` most similar municipalities, most similar first]}."""
    points = [
        (f.cbs_code, math.log(f.inhabitants), math.log(f.density), f.province_id)
        for f in figures.values()
    ]
    similar = {}
    for code, size, density, province in points:
        scored = [
            (
                math.hypot(size - o_size, density - o_density)
                + (0.0 if province == o_province else OTHER_PROVINCE),
                o_code,
            )
            for o_code, o_size, o_density, o_province in points
            if o_code != code
        ]
        scored.sort()
        similar[code] = [o_code for _d, o_code in scored[:count]]
    return similar


@dataclass(frozen=True)
class FiguresTable:
    """Every current municipality's figures, the codes of former municipalities mapped to the one
    they became, and the similar municipalities of each (and the reverse)."""

    figures: dict  # code -> Figures
    current_code: dict  # any code (current or former) -> current code with figures
    similar: dict  # code -> [codes], most similar first
    similar_to: dict  # code -> codes of the municipalities that list it among their similar ones

    def code_of_slug(self, slug):
        """The code of the current municipality whose page has this slug (/gemeente/<slug>/)."""
        return next((f.cbs_code for f in self.figures.values() if f.slug == slug), None)

    def of(self, code):
        current = self.current_code.get(code)
        return self.figures.get(current) if current else None

    def size_classes(self, codes):
        return list(dict.fromkeys(f.size_class for c in codes if (f := self.of(c))))

    def like(self, codes):
        """Codes of the municipalities whose similar ones include one of `codes`: the values of
        the "lijkt op" facet of a practice filed under `codes`."""
        found = {}
        for code in codes:
            current = self.current_code.get(code)
            for other in self.similar_to.get(current, ()):
                found[other] = True
        return list(found)


_tables = VersionedCache()
_similar_lock = threading.Lock()
_similar_cache = {}  # fingerprint of the figures -> (similar, similar_to)


def _read_table():
    from practices.models import Municipality

    rows = Municipality.objects.values_list(
        "cbs_code",
        "name",
        "slug",
        "province_id",
        "successor__cbs_code",
        "figures__year",
        "figures__inhabitants",
        "figures__density",
        "figures__dwellings",
        "figures__land_area_ha",
    )
    figures, successors = {}, {}
    for code, name, slug, province, successor, year, inhabitants, density, dwellings, land in rows:
        if year is not None and inhabitants and density:
            figures[code] = Figures(
                code, name, slug, province, year, inhabitants, density, dwellings, land
            )
        elif successor:
            successors[code] = successor
    current_code = {code: code for code in figures}
    for code, successor in successors.items():
        seen = {code}
        while successor in successors and successor not in seen:  # a merger of a merger
            seen.add(successor)
            successor = successors[successor]
        if successor in figures:
            current_code[code] = successor
    fingerprint = tuple(
        sorted((f.cbs_code, f.inhabitants, f.density, f.province_id) for f in figures.values())
    )
    with _similar_lock:
        computed = _similar_cache.get(fingerprint)
    if computed is None:
        similar = most_similar(figures)
        similar_to = {}
        for code, others in similar.items():
            for other in others:
                similar_to.setdefault(other, []).append(code)
        computed = (similar, similar_to)
        with _similar_lock:
            _similar_cache.clear()
            _similar_cache[fingerprint] = computed
    return FiguresTable(figures, current_code, *computed)


def figures_table(version=None):
    """The FiguresTable of the current content (one query when the content changed)."""
    return _tables.get("figures", _read_table, version)


# --- reading a CBS file --------------------------------------------------------------------------

REQUIRED_COLUMNS = ("cbs_code", "inwoners", "bevolkingsdichtheid_per_km2", "oppervlakte_land_ha")
OPTIONAL_COLUMNS = ("woningvoorraad", "oppervlakte_totaal_ha")
CODE_RE = re.compile(r"^GM\d{4}$")


class FiguresFileError(ValueError):
    """The file cannot be loaded; `problems` lists every one as "regel N: kolom: bericht"."""

    def __init__(self, problems):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class FiguresRow:
    line: int
    cbs_code: str
    inhabitants: int
    density: int
    dwellings: int | None
    land_area_ha: int
    total_area_ha: int | None


def _number(raw, line, column, problems, required=True, positive=True):
    text = (raw or "").strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        if required:
            problems.append(f"regel {line}: {column}: leeg; geef een geheel getal")
        return None
    if not text.isdigit():
        problems.append(f"regel {line}: {column}: '{text[:30]}' is geen geheel getal")
        return None
    value = int(text)
    if positive and value <= 0:
        problems.append(f"regel {line}: {column}: moet groter dan 0 zijn")
        return None
    return value


def read_figures_file(path, known_codes):
    """The rows of a CBS key-figures CSV (UTF-8, comma-separated, header line with at least
    REQUIRED_COLUMNS), checked against `known_codes` (the current municipalities): every one must
    be there exactly once and no other. Raises FiguresFileError listing every problem."""
    problems = []
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            text = handle.read()
    except FileNotFoundError:
        raise FiguresFileError([f"bestand niet gevonden: {path}"]) from None
    except UnicodeDecodeError as error:
        raise FiguresFileError([f"het bestand is geen UTF-8 ({error.reason})"]) from None
    reader = csv.DictReader(text.splitlines())
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise FiguresFileError(
            [f"regel 1: kolommen ontbreken: {', '.join(missing)} (gevonden: {', '.join(header)})"]
        )
    reader.fieldnames = header
    rows, seen = [], {}
    for number, row in enumerate(reader, start=2):
        if None in row:
            problems.append(f"regel {number}: meer waarden dan kolommen")
            continue
        code = (row.get("cbs_code") or "").strip().upper()
        if not CODE_RE.match(code):
            problems.append(f"regel {number}: cbs_code: '{code[:20]}' is geen CBS-code (GM0344)")
            continue
        if code in seen:
            problems.append(f"regel {number}: cbs_code: {code} staat ook op regel {seen[code]}")
            continue
        seen[code] = number
        if code not in known_codes:
            problems.append(
                f"regel {number}: cbs_code: {code} is geen huidige gemeente; "
                "laad eerst de nieuwe gemeentelijke indeling"
            )
            continue
        found = len(problems)
        values = {
            "inhabitants": _number(row.get("inwoners"), number, "inwoners", problems),
            "density": _number(
                row.get("bevolkingsdichtheid_per_km2"),
                number,
                "bevolkingsdichtheid_per_km2",
                problems,
            ),
            "dwellings": _number(
                row.get("woningvoorraad"), number, "woningvoorraad", problems, required=False
            ),
            "land_area_ha": _number(
                row.get("oppervlakte_land_ha"), number, "oppervlakte_land_ha", problems
            ),
            "total_area_ha": _number(
                row.get("oppervlakte_totaal_ha"),
                number,
                "oppervlakte_totaal_ha",
                problems,
                required=False,
            ),
        }
        if len(problems) == found:
            rows.append(FiguresRow(number, code, **values))
    absent = sorted(set(known_codes) - set(seen))
    if absent:
        listed = ", ".join(absent[:10]) + (" …" if len(absent) > 10 else "")
        problems.append(f"{len(absent)} huidige gemeente(n) ontbreken: {listed}")
    if problems:
        raise FiguresFileError(problems)
    return rows


def store_figures(rows, year, source, Municipality, MunicipalityFigures):
    """Replace every municipality's figures by `rows` (checked by read_figures_file). Takes the
    model classes so a data migration can pass its historical models; call it in a transaction."""
    ids = dict(Municipality.objects.filter(is_current=True).values_list("cbs_code", "id"))
    MunicipalityFigures.objects.all().delete()
    MunicipalityFigures.objects.bulk_create(
        MunicipalityFigures(
            municipality_id=ids[row.cbs_code],
            year=year,
            source=source,
            inhabitants=row.inhabitants,
            density=row.density,
            dwellings=row.dwellings,
            land_area_ha=row.land_area_ha,
            total_area_ha=row.total_area_ha,
        )
        for row in rows
    )
    return len(rows)


def load_first_edition(Municipality, MunicipalityFigures):
    """The 2024 edition shipped in practices/data/ (the data migration)."""
    known = set(Municipality.objects.filter(is_current=True).values_list("cbs_code", flat=True))
    rows = read_figures_file(FIRST_EDITION, known)
    return store_figures(rows, FIRST_YEAR, CBS_SOURCE + " 2024", Municipality, MunicipalityFigures)
