"""The public form's request handling: show, check (abuse first, then content), create, redirect."""

import logging

from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from contributions import abuse, conf
from contributions.forms import ContributionForm, municipality_options
from contributions.notifications import notify_editors, send_confirmation
from contributions.services import ContributionsUnavailable, create_contribution

logger = logging.getLogger(__name__)

SENT_PARAMETER = "verzonden"
TEMPLATE = "contributions/contribution_form_page.html"


def render_form(page, request, form, *, status=200, problem=None):
    context = page.get_context(request)
    context.update(
        {
            "form": form,
            "problem": problem,
            "municipality_options": municipality_options(),
            "retention_days": conf.get("CONTRIBUTION_RETENTION_DAYS"),
            "files_were_sent": bool(request.FILES),
            "sent": False,
        }
    )
    return TemplateResponse(request, TEMPLATE, context, status=status)


def render_refused_form(page, request):
    """The form as it was sent, after the CSRF check refused it (operations.csrf): nothing typed is
    lost, and the page carries a fresh token, so sending it again works."""
    form = ContributionForm(request.POST, locale=page.locale)
    return render_form(
        page,
        request,
        form,
        status=403,
        problem=_(
            "Je formulier is niet verzonden: de pagina stond te lang open of je browser blokkeert cookies van deze site. Je tekst staat hieronder nog; controleer hem en verstuur het formulier opnieuw."
        ),
    )


def serve_contribution_form(page, request):
    if request.method == "POST":
        return handle_submission(page, request)
    if request.method not in ("GET", "HEAD"):
        return TemplateResponse(request, TEMPLATE, page.get_context(request), status=405)
    if SENT_PARAMETER in request.GET:
        context = page.get_context(request)
        context.update({"sent": True, "retention_days": conf.get("CONTRIBUTION_RETENTION_DAYS")})
        return TemplateResponse(request, TEMPLATE, context)
    return render_form(page, request, ContributionForm(locale=page.locale))


def handle_submission(page, request):
    form = ContributionForm(request.POST, request.FILES, locale=page.locale)
    ip_hash = abuse.hash_ip(abuse.client_ip(request))

    # Abuse checks come first and keep the form filled in, so a person caught by one loses nothing.
    if form.honeypot_filled:
        logger.info("Contribution refused: honeypot filled")
        return render_form(
            page,
            request,
            form,
            status=400,
            problem=_(
                "We konden je inzending niet verwerken. Controleer het formulier en verstuur het opnieuw."
            ),
        )
    if abuse.rate_limit_reached(ip_hash):
        return render_form(
            page,
            request,
            form,
            status=429,
            problem=_(
                "Er zijn vanaf jouw internetverbinding het afgelopen uur al veel voorbeelden ingestuurd. Probeer het over een uur opnieuw; je tekst staat hieronder nog."
            ),
        )
    if abuse.too_many_pending():
        return render_form(
            page,
            request,
            form,
            status=503,
            problem=_(
                "De redactie heeft op dit moment veel inzendingen te beoordelen. Probeer het later opnieuw; je tekst staat hieronder nog. Kopieer hem eventueel naar een eigen document."
            ),
        )
    if not form.is_valid():
        return render_form(page, request, form)

    try:
        contribution = create_contribution(form.cleaned_data, locale=page.locale, ip_hash=ip_hash)
    except ContributionsUnavailable:
        logger.error("Contribution refused: there is no practice index page to put it under")
        return render_form(
            page,
            request,
            form,
            status=503,
            problem=_(
                "Insturen lukt op dit moment niet door een fout aan onze kant. Je tekst staat hieronder nog; probeer het later opnieuw."
            ),
        )
    abuse.count_submission(ip_hash)
    # The page and record are committed by now; a failing mail server only gets logged.
    send_confirmation(contribution)
    notify_editors()
    return HttpResponseRedirect(f"{page.url}?{SENT_PARAMETER}=1")
