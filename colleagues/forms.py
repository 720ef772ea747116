"""The public forms of the colleagues app: contact, propose yourself, consent, the knowledge
question (both steps), answering a forwarded question and the in-company request. They look and
report errors like the contribution form (templates/contributions/includes/field.html)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from contributions.forms import HONEYPOT_FIELD, lookup_municipality, term_field, text_field
from practices.models import LearningForm, ProfessionalGroup, Theme


def email_field(label, required=True):
    return forms.EmailField(
        label=label,
        max_length=254,
        required=required,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Vul je e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, zoals naam@gemeente.nl."),
        },
    )


def consent_field(label):
    return forms.BooleanField(
        label=label,
        required=True,
        error_messages={"required": _("Zonder je toestemming kunnen we dit niet versturen.")},
    )


def choice_field(label, queryset):
    return forms.ModelChoiceField(
        label=label,
        queryset=queryset,
        required=False,
        empty_label=_("(kies)"),
        error_messages={"invalid_choice": _("Kies uit de lijst.")},
    )


class SiteForm(forms.Form):
    """Utrecht classes, hints and aria-describedby as on the contribution form; a honeypot."""

    multiple_choice_fields = ()
    hints = {}
    website = forms.CharField(label=_("Laat dit veld leeg"), required=False)

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.locale = locale
        for name, field in self.fields.items():
            field.hint = self.hints.get(name, "")
            field.widget.attrs.pop("maxlength", None)
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
                field.widget.attrs["class"] = "utrecht-checkbox utrecht-checkbox--html-input"
            elif isinstance(widget, forms.Select):
                field.widget.attrs["class"] = "utrecht-select utrecht-select--html-select"
            else:
                field.widget.attrs["class"] = "utrecht-textbox utrecht-textbox--html-input"
        self.fields[HONEYPOT_FIELD].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    @property
    def honeypot_filled(self):
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())

    @property
    def visible_list(self):
        return [self[name] for name in self.fields if name != HONEYPOT_FIELD]

    def full_clean(self):
        super().full_clean()
        for name, field in self.fields.items():
            if name in self.multiple_choice_fields or name == HONEYPOT_FIELD:
                continue
            ids = [f"{self[name].auto_id}_hint"] if field.hint else []
            if name in (self._errors or {}):
                ids.append(f"{self[name].auto_id}_error")
                field.widget.attrs["aria-invalid"] = "true"
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)

    def error_links(self):
        links = [("", str(message)) for message in self.non_field_errors()]
        for name in self.fields:
            if name in self.errors:
                bound = self[name]
                anchor = (
                    f"{bound.auto_id}_0" if name in self.multiple_choice_fields else bound.auto_id
                )
                links += [(anchor, f"{bound.label}: {m}") for m in self.errors[name]]
        return links


class MunicipalityMixin:
    def clean_municipality(self):
        text = self.cleaned_data.get("municipality", "")
        return lookup_municipality(text) if text else None


class ContactForm(SiteForm):
    name = text_field(_("Je naam"), 200, autocomplete="name")
    email = email_field(_("Je e-mailadres"))
    message = text_field(_("Je bericht"), 3000, textarea=True, rows=6)
    hints = {
        "email": _(
            "Hierop krijg je antwoord. We sturen je bericht door; het adres van je collega zie je niet."
        ),
    }


class ProposeForm(MunicipalityMixin, SiteForm):
    """A colleague proposes themselves; the profile lands as a draft for the editors."""

    name = text_field(_("Je naam"), 200, autocomplete="name")
    municipality = text_field(_("Gemeente waar je werkt"), 100, required=False)
    organisation = text_field(_("Of: organisatie"), 200, required=False)
    job_title = text_field(_("Functie"), 200, required=False)
    helps_with = text_field(_("Waarmee help je collega's?"), 1000, textarea=True, rows=4)
    themes = term_field(_("Thema's"), Theme.objects.none(), required=True)
    professional_groups = term_field(_("Beroepsgroepen"), ProfessionalGroup.objects.none(), False)
    learning_forms = term_field(_("Werkvormen"), LearningForm.objects.none(), False)
    takes_in_company_requests = forms.BooleanField(
        label=_("Ik geef ook een training of cursus in een andere gemeente"), required=False
    )
    languages = text_field(_("Talen"), 200, required=False)
    email = email_field(_("Je e-mailadres"))
    consent = consent_field(
        _("Ik geef toestemming om dit profiel (zonder mijn e-mailadres) op de kennisbank te tonen.")
    )
    multiple_choice_fields = ("themes", "professional_groups", "learning_forms")
    hints = {
        "helps_with": _("Kort en concreet, bijvoorbeeld: 'intervisie opzetten in een wijkteam'."),
        "email": _("Nooit openbaar. Collega's bereiken je via een contactformulier."),
        "languages": _("Bijvoorbeeld 'Nederlands, Engels'."),
    }

    def __init__(self, *args, locale, **kwargs):
        super().__init__(*args, locale=locale, **kwargs)
        self.fields["themes"].queryset = Theme.objects.filter(locale=locale)
        self.fields["professional_groups"].queryset = ProfessionalGroup.objects.filter(
            locale=locale
        )
        self.fields["learning_forms"].queryset = LearningForm.objects.filter(locale=locale)
        self.fields["municipality"].widget.attrs["list"] = "municipality-options"

    def clean(self):
        cleaned = super().clean()
        if (
            "municipality" not in self.errors
            and not cleaned.get("municipality")
            and not cleaned.get("organisation")
        ):
            self.add_error("municipality", _("Vul je gemeente of je organisatie in."))
        return cleaned


class ConsentChangeForm(SiteForm):
    job_title = text_field(_("Functie"), 200, required=False)
    helps_with = text_field(_("Waarmee help je collega's?"), 1000, textarea=True, rows=4)
    languages = text_field(_("Talen"), 200, required=False)
    takes_in_company_requests = forms.BooleanField(
        label=_("Ik geef ook een training of cursus in een andere gemeente"), required=False
    )


class IntakeForm(SiteForm):
    """Step one: only the question."""

    q = text_field(_("Je vraag"), 500, textarea=True, rows=3)
    hints = {
        "q": _(
            "Schrijf je vraag zoals je hem aan een collega zou stellen, bijvoorbeeld: hoe houden "
            "we als HR-team zicht op capaciteit nu teams zelfsturend worden?"
        )
    }


class QuestionForm(MunicipalityMixin, SiteForm):
    """Step two: the question goes to the editors."""

    q = text_field(_("Je vraag"), 2000, textarea=True, rows=4)
    theme = choice_field(_("Thema"), Theme.objects.none())
    professional_group = choice_field(_("Beroepsgroep"), ProfessionalGroup.objects.none())
    municipality = text_field(_("Je gemeente"), 100, required=False)
    name = text_field(_("Je naam"), 200, required=False, autocomplete="name")
    email = email_field(_("Je e-mailadres"))
    may_show_name = forms.BooleanField(
        label=_("Mijn naam mag bij het gepubliceerde antwoord staan"), required=False
    )
    consent = consent_field(
        _(
            "Ik geef toestemming om mijn vraag en e-mailadres te bewaren tot mijn vraag is "
            "beantwoord. Het antwoord wordt zonder mijn gegevens gepubliceerd."
        )
    )
    hints = {
        "email": _(
            "Je krijgt eerst een mail om je adres te bevestigen; daarna gaat je vraag naar de redactie."
        ),
    }

    def __init__(self, *args, locale, **kwargs):
        # Shown under the intake's own question field: ids of its own, so no id is used twice.
        kwargs.setdefault("auto_id", "question_%s")
        super().__init__(*args, locale=locale, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(locale=locale)
        self.fields["professional_group"].queryset = ProfessionalGroup.objects.filter(locale=locale)
        self.fields["municipality"].widget.attrs["list"] = "municipality-options"


class AnswerForm(SiteForm):
    answer = text_field(_("Je antwoord"), 10000, textarea=True, rows=10)
    hints = {
        "answer": _(
            "Noem gerust praktijkvoorbeelden, cursussen of collega's. De redactie leest je "
            "antwoord en publiceert het daarna, met jouw naam erbij."
        )
    }


class DeclineForm(SiteForm):
    """Shown on one page with the answer form, so its fields get ids of their own."""

    reason = text_field(
        _("Waarom niet? (helpt de redactie iemand anders te vinden)"), 500, required=False
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "decline_%s")
        super().__init__(*args, **kwargs)


class InCompanyForm(MunicipalityMixin, SiteForm):
    name = text_field(_("Je naam"), 200, autocomplete="name")
    municipality = text_field(_("Je gemeente"), 100)
    email = email_field(_("Je e-mailadres"))
    participants = forms.IntegerField(
        label=_("Aantal deelnemers"),
        required=False,
        min_value=1,
        max_value=500,
        error_messages={
            "invalid": _("Vul een aantal in cijfers in."),
            "min_value": _("Vul een aantal van minstens 1 in."),
            "max_value": _("Vul een aantal van hoogstens 500 in."),
        },
    )
    message = text_field(_("Wat wil je organiseren?"), 3000, textarea=True, rows=6)
    hints = {
        "email": _("Je krijgt een link waarmee je ziet hoe het met je verzoek staat."),
    }
