"""Factories for test content: places, terms and practice pages, published under a practice index."""

import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.text import slugify
from wagtail.models import Locale

from practices.models import (
    LearningForm,
    Municipality,
    PracticeIndexPage,
    PracticeInvolvedMunicipality,
    PracticeLearningForm,
    PracticePage,
    PracticeProfessionalGroup,
    PracticeTheme,
    ProfessionalGroup,
    Province,
    Theme,
)
from tests.deferred import each_task_once


def locale(code="nl"):
    return Locale.objects.get_or_create(language_code=code)[0]


class ProvinceFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Provincie {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))

    class Meta:
        model = Province
        django_get_or_create = ("name",)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    cbs_code = factory.Sequence(lambda n: f"GM{9000 + n:04d}")
    name = factory.Sequence(lambda n: f"Gemeente {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    province = factory.SubFactory(ProvinceFactory)
    exists_2015 = True
    is_current = True

    class Meta:
        model = Municipality
        django_get_or_create = ("cbs_code",)


class TermFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Term {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    locale = factory.LazyFunction(locale)

    class Meta:
        abstract = True
        django_get_or_create = ("locale", "slug")


class ThemeFactory(TermFactory):
    class Meta:
        model = Theme


class ProfessionalGroupFactory(TermFactory):
    class Meta:
        model = ProfessionalGroup


class LearningFormFactory(TermFactory):
    class Meta:
        model = LearningForm


class PracticeIndexPageFactory(wagtail_factories.PageFactory):
    title = "Praktijkvoorbeelden"
    slug = "praktijkvoorbeelden"

    class Meta:
        model = PracticeIndexPage


def paragraph(text):
    """A section StreamField value of one or more paragraphs (blank-line separated)."""
    return [("paragraph", f"<p>{part.strip()}</p>") for part in text.split("\n\n") if part.strip()]


@each_task_once()
def make_practice(
    parent,
    title,
    *,
    summary="Een praktijkvoorbeeld.",
    municipality=None,
    themes=(),
    professional_groups=(),
    learning_forms=(),
    involved=(),
    organisation="",
    situation="",
    approach="",
    results="",
    lessons="",
    practice_date=datetime.date(2016, 3, 1),
    publish=True,
    **fields,
):
    """Create a practice page under `parent` (a PracticeIndexPage) the way an editor would."""
    if not any((situation, approach, results, lessons)):
        situation = summary
    page = PracticePage(
        title=title,
        summary=summary,
        municipality=municipality,
        organisation=organisation,
        practice_date=practice_date,
        situation=paragraph(situation),
        approach=paragraph(approach),
        results=paragraph(results),
        lessons=paragraph(lessons),
        **{"live": publish, **fields},  # an unpublished page is a draft, as in the admin
    )
    page.practice_themes = [PracticeTheme(theme=t) for t in themes]
    page.practice_professional_groups = [
        PracticeProfessionalGroup(professional_group=g) for g in professional_groups
    ]
    page.practice_learning_forms = [PracticeLearningForm(learning_form=f) for f in learning_forms]
    page.involved_municipalities = [PracticeInvolvedMunicipality(municipality=m) for m in involved]
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def make_user(username, group=None):
    """A user with password "wachtwoord", in the Wagtail group named `group` if given."""
    user = get_user_model().objects.create_user(username, f"{username}@example.nl", "wachtwoord")
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user
