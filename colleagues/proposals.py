"""A colleague proposes themselves: the profile lands as a draft for the editors (with the consent
given in the form recorded), submitted to the moderation workflow like a contribution."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from colleagues.links import link_url
from colleagues.mail import editor_addresses, mail
from colleagues.models import (
    ColleagueIndexPage,
    ColleagueLearningForm,
    ColleaguePage,
    ColleagueProfessionalGroup,
    ColleagueTheme,
)
from contributions.services import start_workflow, unique_slug


@transaction.atomic
def create_proposal(data, locale):
    index = (
        ColleagueIndexPage.objects.filter(locale=locale).first()
        or ColleagueIndexPage.objects.first()
    )
    page = ColleaguePage(
        title=data["name"],
        slug=unique_slug(index, data["name"]),
        live=False,
        municipality=data.get("municipality"),
        organisation=data.get("organisation", ""),
        job_title=data.get("job_title", ""),
        helps_with=data["helps_with"],
        takes_in_company_requests=data.get("takes_in_company_requests", False),
        languages=data.get("languages") or "Nederlands",
        email=data["email"],
        consent_given_at=timezone.now(),
    )
    page.themes = [ColleagueTheme(theme=t, locale=index.locale) for t in data["themes"]]
    page.professional_groups = [
        ColleagueProfessionalGroup(professional_group=g, locale=index.locale)
        for g in data.get("professional_groups", [])
    ]
    page.learning_forms = [
        ColleagueLearningForm(learning_form=f, locale=index.locale)
        for f in data.get("learning_forms", [])
    ]
    index.add_child(instance=page)
    page.save_revision(log_action=True)
    start_workflow(page)
    mail(
        editor_addresses(),
        _("%(name)s meldt zich aan als collega-trainer") % {"name": page.title},
        [_("Het profiel staat als concept klaar in de beheeromgeving."), page.helps_with],
    )
    mail(
        [page.email],
        _("Je aanmelding als collega-trainer is ontvangen"),
        [
            _(
                "Dank je wel. De redactie bekijkt je profiel en zet het daarna online. Je krijgt "
                "een mail met een link waarmee je je profiel ziet, een wijziging voorstelt of je "
                "toestemming weer intrekt."
            )
        ],
        link=link_url("consent", page.pk, locale.language_code),
        link_label=_("Bekijk je profiel en je toestemming"),
        language=locale.language_code,
    )
    return page
