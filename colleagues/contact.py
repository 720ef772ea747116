"""The contact form on a profile: the message is forwarded to the colleague, whose address is never
shown; the sender's address is the reply-to. Honeypot and a rate limit as on the contribution form."""

from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from colleagues import abuse
from colleagues.forms import ContactForm
from colleagues.mail import mail

SENT_PARAMETER = "bericht-verstuurd"


def contact_form_context(colleague, request, form=None, problem=None):
    return {
        "contact_form": form or ContactForm(),
        "contact_problem": problem,
        "contact_sent": request.method == "GET" and SENT_PARAMETER in request.GET,
    }


def render_profile(colleague, request, form, problem=None, status=400):
    context = colleague.get_context(request)
    context.update(contact_form_context(colleague, request, form, problem))
    return TemplateResponse(request, colleague.get_template(request), context, status=status)


def handle_contact(colleague, request):
    form = ContactForm(request.POST)
    if form.honeypot_filled:
        return render_profile(
            colleague, request, form, _("We konden je bericht niet verwerken. Probeer het opnieuw.")
        )
    if abuse.limit_reached("contact", request):
        return render_profile(
            colleague,
            request,
            form,
            _(
                "Je hebt het afgelopen uur al een aantal berichten gestuurd. Probeer het later opnieuw."
            ),
            status=429,
        )
    if not form.is_valid():
        return render_profile(colleague, request, form)
    abuse.count("contact", request)
    data = form.cleaned_data
    mail(
        [colleague.email],
        _("Bericht van %(name)s via de kennisbank") % {"name": data["name"]},
        [
            _("%(name)s (%(email)s) stuurt je dit bericht via je profiel op de kennisbank:")
            % {"name": data["name"], "email": data["email"]},
            data["message"],
            _("Beantwoord deze mail om %(name)s te antwoorden.") % {"name": data["name"]},
        ],
        language=colleague.locale.language_code,
        reply_to=data["email"],
    )
    return HttpResponseRedirect(colleague.url + "?" + SENT_PARAMETER + "#contact")
