"""Dutch municipalities as people write them: loading the CBS lists and finding a municipality by name or code.

`find_municipality(text)` is what the importer and the contributions form use.
"""

import csv
import difflib
import re
from decimal import Decimal
from pathlib import Path

from django.utils.text import slugify
from django.utils.translation import gettext as _

from search.analysis import fold as fold_accents
from search.versioning import VersionedCache

DATA_DIR = Path(__file__).resolve().parent / "data"

# CBS renamed the province in 1997 officially, but its 2015 layer still says "Friesland".
PROVINCE_ALIASES = {"Friesland": "Fryslân"}

# Names people use that CBS does not: the everyday name of a municipality beside its official one.
EVERYDAY_NAMES = {
    "GM0518": ["Den Haag"],  # 's-Gravenhage
    "GM0796": ["Den Bosch"],  # 's-Hertogenbosch
    "GM0820": ["Nuenen"],  # Nuenen, Gerwen en Nederwetten
}

# "Hengelo (O.)", "Bergen (NH.)": CBS's disambiguating suffix.
SUFFIX = re.compile(r"\s*\([^)]*\)\s*$")
CBS_CODE = re.compile(r"^\s*(?:gm)?\s*0*(\d{1,4})\s*$", re.IGNORECASE)


def without_suffix(name):
    return SUFFIX.sub("", name).strip()


def fold(text):
    """Compare names as people write them: no case, accents, punctuation or 'gemeente' prefix."""
    text = re.sub(r"[^a-z0-9]+", " ", fold_accents(text)).strip()
    return re.sub(r"^gemeente ", "", text)


def read_csv(name):
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_places(Province, Municipality, MunicipalitySuccession):
    """Create or update provinces, municipalities and successions from `practices/data/`.

    Takes the model classes so a data migration can pass its historical models. Idempotent.
    """
    rows_2015 = {row["cbs_code"]: row for row in read_csv("gemeenten_2015.csv")}
    rows_2026 = {row["cbs_code"]: row for row in read_csv("gemeenten_2026.csv")}
    successions = read_csv("herindelingen_2015_2026.csv")

    provinces = {}
    for row in [*rows_2026.values(), *rows_2015.values()]:
        name = PROVINCE_ALIASES.get(row["province"], row["province"])
        if name not in provinces:
            provinces[name], _created = Province.objects.update_or_create(
                name=name, defaults={"slug": slugify(name)}
            )

    municipalities = {}
    used_slugs = set()
    for code in sorted(set(rows_2015) | set(rows_2026)):
        row = rows_2026.get(code) or rows_2015[code]
        name = row["name"]
        everyday = list(EVERYDAY_NAMES.get(code, []))
        if without_suffix(name) != name:
            everyday.insert(0, without_suffix(name))
        slug = slugify(name)
        if slug in used_slugs:
            slug = f"{slug}-{code.lower()}"
        used_slugs.add(slug)
        municipalities[code], _created = Municipality.objects.update_or_create(
            cbs_code=code,
            defaults={
                "name": name,
                "slug": slug,
                "province": provinces[PROVINCE_ALIASES.get(row["province"], row["province"])],
                "exists_2015": code in rows_2015,
                "is_current": code in rows_2026,
                "everyday_names": ", ".join(everyday),
            },
        )

    by_old = {}
    for row in successions:
        by_old.setdefault(row["old_code"], []).append(row)
    for old_code, rows in by_old.items():
        old = municipalities[old_code]
        dominant = max(rows, key=lambda row: Decimal(row["area_share"]))
        old.successor = municipalities[dominant["new_code"]]
        old.dissolved_in = max(int(row["year"]) for row in rows)
        old.save(update_fields=["successor", "dissolved_in"])
        for row in rows:
            MunicipalitySuccession.objects.update_or_create(
                old=old,
                new=municipalities[row["new_code"]],
                defaults={
                    "year": int(row["year"]),
                    "area_share": Decimal(row["area_share"]),
                    "relation": row["relation"],
                },
            )
    return municipalities


# One finder per content version (municipalities are watched content, see practices.apps): building
# it reads every municipality, about 80 ms, too much for each form a visitor sends.
_finders = VersionedCache()


class MunicipalityLookupError(ValueError):
    """The text names no municipality, or more than one; the message says what to do."""


class UnknownMunicipality(MunicipalityLookupError):
    pass


class AmbiguousMunicipality(MunicipalityLookupError):
    def __init__(self, message, candidates):
        super().__init__(message)
        self.candidates = candidates


class MunicipalityFinder:
    """An in-memory index of every municipality (current and former) by code and by folded name.

    An import builds its own; `find_municipality` keeps one per content version.
    """

    def __init__(self, queryset=None):
        from practices.models import Municipality

        queryset = queryset if queryset is not None else Municipality.objects.all()
        self.by_code = {}
        self.by_name = {}  # folded official name -> municipality (official names are unique)
        self.by_alias = {}  # folded suffix-less or everyday name -> [municipalities]
        # Predecessors are prefetched: the search document lists former names per practice.
        for municipality in queryset.select_related("province", "successor").prefetch_related(
            "predecessors"
        ):
            self.by_code[municipality.cbs_code.upper()] = municipality
            self.by_name[fold(municipality.name)] = municipality
            aliases = {fold(without_suffix(municipality.name))}
            aliases.update(
                fold(name) for name in municipality.everyday_names.split(",") if name.strip()
            )
            for alias in aliases - {fold(municipality.name)}:
                self.by_alias.setdefault(alias, []).append(municipality)

    def find(self, text):
        text = str(text or "").strip()
        if not text:
            raise UnknownMunicipality(_("Geef een gemeente op (naam of CBS-code)."))
        code = CBS_CODE.match(text)
        if code:
            found = self.by_code.get(f"GM{int(code.group(1)):04d}")
            if found is None:
                raise UnknownMunicipality(
                    _("Er is geen gemeente met CBS-code %(code)s.") % {"code": text}
                )
            return found
        key = fold(text)
        if key in self.by_name:
            return self.by_name[key]
        candidates = self.by_alias.get(key, [])
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            listed = ", ".join(
                f"{item.name} ({item.cbs_code}, {item.province})"
                for item in sorted(candidates, key=lambda item: item.cbs_code)
            )
            raise AmbiguousMunicipality(
                _("'%(name)s' kan meerdere gemeenten zijn: %(listed)s. Geef de CBS-code.")
                % {"name": text, "listed": listed},
                candidates,
            )
        close = difflib.get_close_matches(key, list(self.by_name), n=1, cutoff=0.8)
        if close:
            raise UnknownMunicipality(
                _("Onbekende gemeente '%(name)s'. Bedoel je %(suggestion)s?")
                % {"name": text, "suggestion": self.by_name[close[0]].name}
            )
        raise UnknownMunicipality(
            _("Onbekende gemeente '%(name)s'. Gebruik de naam of de CBS-code (bijv. GM0203).")
            % {"name": text}
        )


def find_municipality(text):
    """Return the Municipality that `text` names (a name as people write it, or a CBS code).

    Raises UnknownMunicipality or AmbiguousMunicipality (both MunicipalityLookupError, a
    ValueError) with a Dutch message for the person who typed it.
    """
    return _finders.get("finder", MunicipalityFinder).find(text)
