"""The registration form and the pages behind the links in the e-mails.

Abuse checks come first and keep the form filled in (like the contribution form); a full or closed
activity says so above the form, before anyone types. None of these answers is cached."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from agenda import services
from agenda.forms import RegistrationForm
from agenda.jobs import retention_days
from agenda.models import Registration
from agenda.tokens import ACTIONS, BadToken, read_token
from contributions import abuse
from contributions.forms import municipality_options

logger = logging.getLogger(__name__)

FORM_TEMPLATE = "agenda/registration_form.html"
RESULT_TEMPLATE = "agenda/registration_result.html"
RATE_WINDOW_SECONDS = 3600


def _never_cached(response):
    add_never_cache_headers(response)
    return response


def _rate_key(ip_hash):
    return f"agenda:rate:{ip_hash}"


def rate_limit_reached(ip_hash):
    return cache.get(_rate_key(ip_hash), 0) >= getattr(settings, "AGENDA_RATE_LIMIT", 10)


def count_registration(ip_hash):
    key = _rate_key(ip_hash)
    cache.add(key, 0, timeout=RATE_WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=RATE_WINDOW_SECONDS)


def render_form(activity, request, form, *, status=200, problem=None):
    context = activity.get_context(request)
    context.update(
        {
            "form": form,
            "problem": problem,
            "municipality_options": municipality_options(),
            "retention_days": retention_days(),
        }
    )
    return _never_cached(TemplateResponse(request, FORM_TEMPLATE, context, status=status))


def serve_form(activity, request):
    if request.method == "POST":
        return handle_registration(activity, request)
    return render_form(activity, request, RegistrationForm(locale=activity.locale))


def handle_registration(activity, request):
    form = RegistrationForm(request.POST, locale=activity.locale)
    availability = services.availability(activity)
    if not availability.is_open:
        return render_form(activity, request, form, status=409, problem=availability.closed_reason)
    if form.honeypot_filled:
        logger.info("Registration refused: honeypot filled")
        return render_form(
            activity,
            request,
            form,
            status=400,
            problem=_(
                "We konden je aanmelding niet verwerken. Controleer het formulier en verstuur het opnieuw."
            ),
        )
    ip_hash = abuse.hash_ip(abuse.client_ip(request))
    if rate_limit_reached(ip_hash):
        return render_form(
            activity,
            request,
            form,
            status=429,
            problem=_(
                "Er zijn vanaf jouw internetverbinding het afgelopen uur al veel aanmeldingen verstuurd. Probeer het over een uur opnieuw; wat je typte staat hieronder nog."
            ),
        )
    if not form.is_valid():
        return render_form(activity, request, form)
    data = form.cleaned_data
    services.register(
        activity,
        name=data["name"],
        email=data["email"],
        municipality=data["municipality"],
        organisation=data["organisation"],
        professional_group=data["professional_group"],
        remark=data["remark"],
        language=get_language() or settings.LANGUAGE_CODE,
    )
    count_registration(ip_hash)
    return HttpResponseRedirect(activity.route_url("registered"))


def _result(
    activity, request, *, heading, message, status=200, form_action="", button="", registration=None
):
    context = activity.get_context(request)
    context.update(
        {
            "heading": heading,
            "message": message,
            "form_action": form_action,
            "button": button,
            "registration": registration,
        }
    )
    return _never_cached(TemplateResponse(request, RESULT_TEMPLATE, context, status=status))


def serve_sent(activity, request):
    return _result(
        activity,
        request,
        heading=_("Kijk in je mailbox"),
        message=_(
            "We hebben je een e-mail gestuurd met een link. Volg die link om je aanmelding te bevestigen; pas dan houden we een plek voor je vast. Geen mail gekregen? Kijk ook bij je ongewenste e-mail."
        ),
    )


def serve_token(activity, request, slug, token):
    action = ACTIONS[slug]
    try:
        registration_id = read_token(token, action)
    except BadToken as error:
        if error.expired:
            message = _(
                "Deze link is verlopen. Meld je opnieuw aan via de pagina van de activiteit, of gebruik de link in een nieuwere e-mail."
            )
        else:
            message = _(
                "Deze link klopt niet: hij is misschien niet helemaal gekopieerd. Gebruik de link uit de e-mail precies zoals hij is, of meld je opnieuw aan."
            )
        return _result(
            activity, request, heading=_("Deze link werkt niet"), message=message, status=400
        )
    registration = Registration.objects.filter(
        pk=registration_id, activity_key=activity.translation_key
    ).first()
    if registration is None:
        return _result(
            activity,
            request,
            heading=_("Aanmelding niet gevonden"),
            message=_(
                "We vinden deze aanmelding niet meer. Misschien is de activiteit lang geleden en zijn de gegevens gewist."
            ),
            status=404,
        )
    if action == "confirm":
        return _confirm(activity, request, registration)
    if action == "cancel":
        return _cancel(activity, request, registration, token)
    return _offer(activity, request, registration, token)


def _confirm(activity, request, registration):
    """Following the link is the confirmation (double opt-in): the place is held now."""
    registration = services.confirm_email(registration.pk)
    Status = Registration.Status
    if registration.status == Status.CONFIRMED:
        heading, message = (
            _("Je bent aangemeld"),
            _(
                "Je aanmelding is bevestigd en je plek staat vast. Je krijgt een e-mail met de afspraak voor je agenda."
            ),
        )
    elif registration.status in (Status.WAITING, Status.OFFERED):
        heading, message = (
            _("Je staat op de wachtlijst"),
            _(
                "De activiteit is vol. Je staat op de wachtlijst; komt er een plek vrij, dan mailen we je meteen."
            ),
        )
    else:
        heading, message = (
            _("Deze aanmelding is niet meer actief"),
            _(
                "Je had je al afgemeld, of het aanbod is verlopen. Meld je opnieuw aan als je toch wilt komen."
            ),
        )
    return _result(activity, request, heading=heading, message=message, registration=registration)


def _cancel(activity, request, registration, token):
    """A GET only asks (mail scanners follow links); the button sends the cancellation."""
    if registration.status not in Registration.ACTIVE:
        return _result(
            activity,
            request,
            heading=_("Je bent afgemeld"),
            message=_("Je bent afgemeld voor deze activiteit."),
        )
    if request.method == "POST":
        services.cancel(registration.pk)
        return _result(
            activity,
            request,
            heading=_("Je bent afgemeld"),
            message=_(
                "Je bent afgemeld. Je krijgt nog een bevestiging per e-mail. Bedankt dat je het liet weten!"
            ),
        )
    return _result(
        activity,
        request,
        heading=_("Wil je je afmelden?"),
        message=_(
            "Meld je af als je niet kunt komen; je plek gaat dan naar iemand op de wachtlijst."
        ),
        form_action=request.get_full_path(),
        button=_("Ja, meld mij af"),
        registration=registration,
    )


def _offer(activity, request, registration, token):
    if request.method == "POST":
        try:
            services.accept_offer(registration.pk)
        except services.OfferExpired:
            return _result(
                activity,
                request,
                heading=_("Dit aanbod is verlopen"),
                message=_(
                    "Je hebt de plek niet op tijd aangenomen; hij is naar de volgende op de wachtlijst gegaan. Meld je opnieuw aan als je toch wilt komen."
                ),
                status=410,
            )
        return _result(
            activity,
            request,
            heading=_("Je bent aangemeld"),
            message=_("De plek is van jou. Je krijgt een e-mail met de afspraak voor je agenda."),
        )
    if registration.status == Registration.Status.CONFIRMED:
        return _result(
            activity,
            request,
            heading=_("Je bent aangemeld"),
            message=_("Je hebt deze plek al aangenomen."),
        )
    return _result(
        activity,
        request,
        heading=_("Er is een plek voor je vrij"),
        message=_("Neem de plek aan met de knop hieronder."),
        form_action=request.get_full_path(),
        button=_("Ja, ik neem de plek aan"),
        registration=registration,
    )
