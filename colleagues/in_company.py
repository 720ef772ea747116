"""In-company requests: stored, sent to the trainer and the editors; the requester follows the state
through a signed link; an editor's change of state is mailed to the requester."""

from django.db import transaction
from django.utils.translation import gettext as _

from colleagues.links import link_url
from colleagues.mail import editor_addresses, mail
from colleagues.models import InCompanyRequest


@transaction.atomic
def create_request(colleague, data, language="nl", course=None):
    request = InCompanyRequest.objects.create(
        colleague=colleague,
        course=course,
        municipality=data["municipality"],
        requester_name=data["name"],
        requester_email=data["email"],
        message=data["message"],
        participants=data.get("participants"),
    )
    place = data["municipality"].name if data["municipality"] else ""
    summary = [
        _("%(name)s van gemeente %(place)s vraagt een training of cursus in de eigen organisatie:")
        % {"name": data["name"], "place": place},
        data["message"],
    ]
    if course is not None:
        summary.append(_("Het gaat om de cursus: %(title)s") % {"title": course.title})
    if data.get("participants"):
        summary.append(_("Aantal deelnemers: %(count)s") % {"count": data["participants"]})
    mail(
        [colleague.email],
        _("Incompany-verzoek via de kennisbank"),
        summary
        + [
            _(
                "De redactie neemt contact met je op om het verzoek te bespreken; beantwoord deze mail gerust direct."
            )
        ],
        language=colleague.locale.language_code,
        reply_to=data["email"],
    )
    mail(
        editor_addresses(),
        _("Nieuw incompany-verzoek voor %(name)s") % {"name": colleague.title},
        summary,
    )
    mail(
        [data["email"]],
        _("Je incompany-verzoek is ontvangen"),
        [
            _("We hebben je verzoek doorgestuurd naar %(name)s en de redactie.")
            % {"name": colleague.title},
            _("Met de link hieronder zie je steeds hoe het met je verzoek staat."),
        ],
        link=link_url("request", request.pk, language),
        link_label=_("Bekijk je verzoek"),
        language=language,
    )
    return request


def status_changed(request):
    mail(
        [request.requester_email],
        _("Je incompany-verzoek: %(status)s") % {"status": request.get_status_display()},
        [request.status_note] if request.status_note else [],
        link=link_url("request", request.pk, "nl"),
        link_label=_("Bekijk je verzoek"),
    )
