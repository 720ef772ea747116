"""Consent (AVG) of a colleague-trainer: asked by e-mail with a signed link, given, changed (as a
proposal for the editors) and withdrawn; withdrawing unpublishes the profile at once."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from colleagues.links import link_url
from colleagues.mail import editor_addresses, mail
from colleagues.models import ColleaguePage

# What a colleague may change through the link; editors review it as a draft revision.
EDITABLE_FIELDS = ("job_title", "helps_with", "languages", "takes_in_company_requests")


def request_consent(page):
    """Mail the colleague the link to see the profile and give (or refuse) consent."""
    return mail(
        [page.email],
        _("Mag je profiel op de kennisbank? Je toestemming gevraagd"),
        [
            _(
                "De redactie van de kennisbank wil je profiel als collega-trainer of expert "
                "tonen, zodat collega's uit andere gemeenten je kunnen vinden."
            ),
            _(
                "Via de link hieronder zie je precies wat er komt te staan. Je geeft toestemming, "
                "stelt een wijziging voor of trekt je toestemming later weer in. Je e-mailadres "
                "wordt nooit getoond."
            ),
        ],
        link=link_url("consent", page.pk, page.locale.language_code),
        link_label=_("Bekijk je profiel en geef toestemming"),
        language=page.locale.language_code,
    )


@transaction.atomic
def give_consent(page):
    page = ColleaguePage.objects.select_for_update().get(pk=page.pk)
    page.consent_given_at = timezone.now()
    page.consent_withdrawn_at = None
    page.save(update_fields=["consent_given_at", "consent_withdrawn_at"])
    mail(
        editor_addresses(),
        _("Toestemming gegeven voor het profiel van %(name)s") % {"name": page.title},
        [
            _("%(name)s heeft toestemming gegeven; het profiel kan worden gepubliceerd.")
            % {"name": page.title}
        ],
    )
    return page


@transaction.atomic
def withdraw_consent(page):
    """Record the withdrawal and take the profile (and its translations) offline at once."""
    page = ColleaguePage.objects.select_for_update().get(pk=page.pk)
    page.consent_withdrawn_at = timezone.now()
    page.save(update_fields=["consent_withdrawn_at"])
    for version in ColleaguePage.objects.filter(translation_key=page.translation_key, live=True):
        version.consent_withdrawn_at = page.consent_withdrawn_at
        version.save(update_fields=["consent_withdrawn_at"])
        version.unpublish(log_action=True)
    mail(
        editor_addresses(),
        _("Toestemming ingetrokken door %(name)s") % {"name": page.title},
        [
            _("%(name)s heeft de toestemming ingetrokken. Het profiel is meteen offline gehaald.")
            % {"name": page.title}
        ],
    )
    return page


@transaction.atomic
def propose_change(page, data):
    """The colleague's changes as a new draft revision for the editors; the live profile stays."""
    draft = page.get_latest_revision_as_object()
    changed = [name for name in EDITABLE_FIELDS if getattr(draft, name) != data[name]]
    if not changed:
        return False
    for name in changed:
        setattr(draft, name, data[name])
    draft.save_revision(log_action=True)
    mail(
        editor_addresses(),
        _("Wijziging voorgesteld voor het profiel van %(name)s") % {"name": page.title},
        [
            _(
                "%(name)s stelt een wijziging van het profiel voor. Je vindt die als concept in "
                "de beheeromgeving; publiceer het concept om de wijziging over te nemen."
            )
            % {"name": page.title}
        ],
    )
    return True
