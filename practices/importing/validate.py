"""Check every row of an import file and resolve names to municipalities and terms, before anything is written."""

import datetime
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale

from practices.importing.fields import (
    CONTACT_FIELDS,
    JSON_KEYS,
    SECTION_FIELDS,
    normalise_text,
    split_list,
)
from practices.importing.reader import Problem
from practices.models import LearningForm, PracticeIndexPage, PracticePage, ProfessionalGroup, Theme
from practices.places import MunicipalityFinder, MunicipalityLookupError, fold

TERM_MODELS = {
    "themes": (Theme, "theme", "practice_themes"),
    "professional_groups": (
        ProfessionalGroup,
        "professional_group",
        "practice_professional_groups",
    ),
    "learning_forms": (LearningForm, "learning_form", "practice_learning_forms"),
}
TERM_LABELS = {
    "themes": "onbekend thema",
    "professional_groups": "onbekende beroepsgroep",
    "learning_forms": "onbekende werkvorm",
}
PAGE_ID_PREFIX = "page-"  # export's id for pages an editor made (no external id)
MAX_LENGTHS = {
    "id": 100,
    "title": 255,
    "organisation": 200,
    "contact_name": 200,
    "contact_role": 200,
}


@dataclass
class NewTerm:
    """A term that --create-missing-terms will create before the pages are written."""

    model: type
    locale: Locale
    name: str
    instance: object = None

    @property
    def pk(self):
        return self.instance.pk if self.instance else None


@dataclass
class Plan:
    """One valid row: what the practice page should look like, and whether it exists already."""

    line: int
    external_id: str
    locale: Locale
    parent: PracticeIndexPage
    fields: dict
    sections: dict
    involved: list
    terms: dict
    tags: list
    reflection_questions: list
    existing_id: int | None = None
    translation_key: uuid.UUID | None = None
    source_plan: "Plan | None" = None  # the Dutch row of the same id in this file
    link_keys: dict = field(default_factory=dict)  # (term model, term translation key) -> link key

    def canonical(self):
        return {
            **self.fields,
            "municipality": self.fields["municipality"].pk if self.fields["municipality"] else None,
            "involved": [item.pk for item in self.involved],
            **{name: [term.pk for term in terms] for name, terms in self.terms.items()},
            "tags": sorted({tag.lower() for tag in self.tags}),
            **self.sections,
            "reflection_questions": self.reflection_questions,
        }


class TermResolver:
    """Terms per model and language by folded name or slug; unknown names optionally become NewTerms."""

    def __init__(self, create_missing):
        self.create_missing = create_missing
        self.lookup = {}
        self.new_terms = {}

    def terms_for(self, model, locale):
        key = (model, locale.pk)
        if key not in self.lookup:
            index = {}
            for term in model.objects.filter(locale=locale):
                index.setdefault(fold(term.slug), term)
                index[fold(term.name)] = term
            self.lookup[key] = index
        return self.lookup[key]

    def resolve(self, model, locale, name):
        found = self.terms_for(model, locale).get(fold(name))
        if found is not None:
            return found
        if not self.create_missing:
            return None
        key = (model, locale.pk, fold(name))
        if key not in self.new_terms:
            self.new_terms[key] = NewTerm(model, locale, name)
        return self.new_terms[key]


def parse_date(value):
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value).strip())


class Validator:
    def __init__(self, *, create_missing_terms=False):
        self.finder = MunicipalityFinder()
        self.terms = TermResolver(create_missing_terms)
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.parents = {
            index.locale_id: index for index in PracticeIndexPage.objects.order_by("path")
        }
        self.problems = []

    def problem(self, line, field_name, message):
        self.problems.append(Problem(line, field_name, message))

    def validate(self, rows):
        """Return (plans, problems); plans are only meaningful when problems is empty."""
        plans = []
        seen = {}
        for row in rows:
            plan = self.validate_row(row)
            if plan is None:
                continue
            key = (plan.locale.language_code, plan.external_id)
            if key in seen:
                self.problem(
                    row.line,
                    "id",
                    _("'%(id)s' staat al op regel %(line)d (in dezelfde taal).")
                    % {"id": plan.external_id, "line": seen[key]},
                )
                continue
            seen[key] = row.line
            plans.append(plan)
        self.match_existing(plans)
        return plans, sorted(self.problems, key=lambda problem: problem.line)

    def text(self, row, name, *, required=False):
        value = row.data.get(name)
        if value is None:
            value = ""
        if not isinstance(value, str | int | float):
            self.problem(row.line, name, _("verwacht tekst."))
            return ""
        value = str(value).strip()
        if required and not value:
            self.problem(row.line, name, _("is verplicht."))
        limit = MAX_LENGTHS.get(name)
        if limit and len(value) > limit:
            self.problem(
                row.line,
                name,
                _("is %(length)d tekens; hoogstens %(limit)d.")
                % {"length": len(value), "limit": limit},
            )
        return value

    def list_value(self, row, name):
        value = row.data.get(name)
        if value is not None and not isinstance(value, str | list):
            self.problem(row.line, name, _("verwacht een lijst."))
            return []
        return split_list(value)

    def validate_row(self, row):  # noqa: C901 - one check per field reads best top to bottom
        data = row.data
        line = row.line
        before = len(self.problems)
        unknown = sorted(set(data) - set(JSON_KEYS))
        if unknown:
            self.problem(
                line,
                unknown[0],
                _("onbekend veld (verwacht: %(keys)s).") % {"keys": ", ".join(JSON_KEYS)},
            )

        external_id = self.text(row, "id", required=True)
        language = self.text(row, "language") or settings.LANGUAGE_CODE
        locale = self.locales.get(language)
        parent = self.parents.get(locale.pk) if locale else None
        if locale is None:
            codes = ", ".join(code for code, _name in settings.LANGUAGES)
            self.problem(
                line,
                "language",
                _("onbekende taal '%(language)s' (kies uit %(codes)s).")
                % {"language": language, "codes": codes},
            )
        elif parent is None:
            self.problem(
                line,
                "language",
                _(
                    "er is geen overzicht praktijkvoorbeelden in deze taal; draai eerst 'manage.py setup_site'."
                ),
            )

        title = self.text(row, "title", required=True)
        summary = normalise_text(self.text(row, "summary", required=True))
        if len(summary) > 500:
            self.problem(
                line,
                "summary",
                _("is %(length)d tekens; hoogstens 500.") % {"length": len(summary)},
            )

        practice_date = review_date = None
        raw_date = self.text(row, "date", required=True)
        if raw_date:
            try:
                practice_date = parse_date(raw_date)
            except ValueError:
                self.problem(
                    line,
                    "date",
                    _("'%(value)s' is geen datum; gebruik JJJJ-MM-DD.") % {"value": raw_date},
                )
        raw_review = self.text(row, "review_date")
        if raw_review:
            try:
                review_date = parse_date(raw_review)
            except ValueError:
                self.problem(
                    line,
                    "review_date",
                    _("'%(value)s' is geen datum; gebruik JJJJ-MM-DD.") % {"value": raw_review},
                )

        municipality = None
        raw_municipality = self.text(row, "municipality")
        if raw_municipality:
            try:
                municipality = self.finder.find(raw_municipality)
            except MunicipalityLookupError as error:
                self.problem(line, "municipality", str(error))
        organisation = self.text(row, "organisation")
        involved = []
        for name in self.list_value(row, "involved_municipalities"):
            try:
                found = self.finder.find(name)
            except MunicipalityLookupError as error:
                self.problem(line, "involved_municipalities", str(error))
                continue
            if found not in involved:
                involved.append(found)
        if not raw_municipality and not (organisation and involved):
            self.problem(
                line,
                "municipality",
                _(
                    "geef de gemeente, of bij een samenwerkingsverband 'organisation' en 'involved_municipalities'."
                ),
            )

        terms = {}
        for name, (model, _attr, _relation) in TERM_MODELS.items():
            terms[name] = []
            for term_name in self.list_value(row, name):
                if locale is None:
                    break
                term = self.terms.resolve(model, locale, term_name)
                if term is None:
                    self.problem(
                        line,
                        name,
                        _(
                            "%(kind)s '%(name)s' (bestaat niet in taal '%(language)s'; gebruik --create-missing-terms om hem aan te maken)."
                        )
                        % {"kind": TERM_LABELS[name], "name": term_name, "language": language},
                    )
                elif term not in terms[name]:
                    terms[name].append(term)
        if not self.list_value(row, "themes"):
            self.problem(line, "themes", _("geef minstens één thema."))

        tags = []
        for tag in self.list_value(row, "tags"):
            if len(tag) > 100:
                self.problem(line, "tags", _("trefwoord is langer dan 100 tekens."))
            elif tag.lower() not in {existing.lower() for existing in tags}:
                tags.append(tag)
        questions = self.list_value(row, "reflection_questions")
        if any(len(question) > 300 for question in questions):
            self.problem(line, "reflection_questions", _("een vraag is langer dan 300 tekens."))

        sections = {}
        for name in SECTION_FIELDS:
            value = data.get(name)
            if value is not None and not isinstance(value, str):
                self.problem(line, name, _("verwacht tekst."))
                value = ""
            sections[name] = normalise_text(value)
        if not any(sections.values()):
            self.problem(
                line,
                "situation",
                _("vul minstens één van situation, approach, results of lessons in."),
            )

        contact = data.get("contact") or {}
        if not isinstance(contact, dict):
            self.problem(line, "contact", _("verwacht een object met name, role en email."))
            contact = {}
        unknown_contact = sorted(set(contact) - set(CONTACT_FIELDS))
        if unknown_contact:
            self.problem(
                line,
                "contact",
                _("onbekend veld '%(key)s' (verwacht: name, role, email).")
                % {"key": unknown_contact[0]},
            )
        contact_values = {}
        for key in CONTACT_FIELDS:
            value = contact.get(key) or ""
            if not isinstance(value, str):
                self.problem(line, f"contact.{key}", _("verwacht tekst."))
                value = ""
            value = value.strip()
            limit = MAX_LENGTHS.get(f"contact_{key}")
            if limit and len(value) > limit:
                self.problem(
                    line, f"contact.{key}", _("hoogstens %(limit)d tekens.") % {"limit": limit}
                )
            contact_values[f"contact_{key}"] = value
        if contact_values["contact_email"]:
            try:
                validate_email(contact_values["contact_email"])
            except ValidationError:
                self.problem(
                    line,
                    "contact.email",
                    _("'%(value)s' is geen geldig e-mailadres.")
                    % {"value": contact_values["contact_email"]},
                )

        if len(self.problems) > before:
            return None
        return Plan(
            line=line,
            external_id=external_id,
            locale=locale,
            parent=parent,
            fields={
                "title": title,
                "summary": summary,
                "practice_date": practice_date,
                "review_date": review_date,
                "municipality": municipality,
                "organisation": organisation,
                **contact_values,
            },
            sections=sections,
            involved=involved,
            terms=terms,
            tags=tags,
            reflection_questions=questions,
        )

    def match_existing(self, plans):
        """Find the page each plan updates (by external id per language) and link translations."""
        ids = {plan.external_id for plan in plans}
        existing = {}
        for page_id, external_id, locale_id, translation_key in PracticePage.objects.filter(
            external_id__in=ids
        ).values_list("id", "external_id", "locale_id", "translation_key"):
            existing[(locale_id, external_id)] = (page_id, translation_key)
        keys = {}
        for plan in plans:
            if plan.external_id.startswith(PAGE_ID_PREFIX):
                try:
                    keys[plan.external_id] = uuid.UUID(plan.external_id[len(PAGE_ID_PREFIX) :])
                except ValueError:
                    pass
        for page_id, locale_id, translation_key in PracticePage.objects.filter(
            translation_key__in=set(keys.values())
        ).values_list("id", "locale_id", "translation_key"):
            for external_id, key in keys.items():
                if key == translation_key:
                    existing.setdefault((locale_id, external_id), (page_id, translation_key))

        default_locale = self.locales.get(settings.LANGUAGE_CODE)
        by_id = {plan.external_id: plan for plan in plans if plan.locale == default_locale}
        # Dutch rows first, so a translation in the same file can take over their key.
        for plan in sorted(plans, key=lambda plan: plan.locale != default_locale):
            found = existing.get((plan.locale.pk, plan.external_id))
            if found:
                plan.existing_id, plan.translation_key = found
                continue
            if plan.locale == default_locale:
                plan.translation_key = uuid.uuid4()
                continue
            # A translation: share the translation key of the Dutch page with the same id.
            source = by_id.get(plan.external_id)
            source_key = None
            if default_locale and (default_locale.pk, plan.external_id) in existing:
                source_key = existing[(default_locale.pk, plan.external_id)][1]
            elif source is not None:
                source_key = source.translation_key
                plan.source_plan = source
            if source_key is None:
                plan.translation_key = uuid.uuid4()
                continue
            translated = (
                PracticePage.objects.filter(translation_key=source_key, locale=plan.locale)
                .values_list("id", flat=True)
                .first()
            )
            plan.translation_key = source_key
            if translated:
                # The page was translated in the admin: this row updates that translation.
                plan.existing_id = translated


def slug_for(name, taken, *, fallback="term", length=90):
    """A slug for `name` that is not in `taken` (which it is added to)."""
    base = slugify(name)[:length] or fallback
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug
