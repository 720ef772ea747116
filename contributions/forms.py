"""The public form: exactly what a practice page needs, in plain language, plus consent and a honeypot."""

import datetime

from django import forms
from django.core.validators import MaxValueValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from contributions import conf
from contributions.file_checks import ALLOWED, allowed_extensions_text, check_upload
from practices.models import LearningForm, Municipality, ProfessionalGroup, Theme
from practices.places import find_municipality

SECTION_FIELDS = ("situation", "approach", "results", "lessons")
HONEYPOT_FIELD = "website"
TEXT_LIMITS = {
    "title": 150,
    "municipality": 100,
    "summary": 500,
    "section": 5000,
    "person": 200,
    "email": 254,
}
FIRST_YEAR = 2000


def lookup_municipality(text):
    """The municipality a person means by `text` (also former ones), or a Dutch ValidationError."""
    try:
        return find_municipality(text)
    except ValueError as error:  # UnknownMunicipality / AmbiguousMunicipality, message in Dutch
        raise forms.ValidationError(str(error)) from None


def municipality_options():
    """Names for the datalist: today's municipalities and the former ones people may still use."""
    options = []
    seen = set()
    for m in Municipality.objects.filter(Q(is_current=True) | Q(exists_2015=True)).select_related(
        "successor"
    ):
        if m.name in seen:
            continue
        seen.add(m.name)
        note = ""
        if not m.is_current and m.successor_id:
            note = _("voormalige gemeente, nu %(name)s") % {"name": m.successor.name}
        elif not m.is_current:
            note = _("voormalige gemeente")
        options.append((m.name, note))
    return options


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files if item]


def text_field(label, max_length, *, required=True, textarea=False, rows=5, autocomplete="off"):
    widget = (
        forms.Textarea(attrs={"rows": rows, "autocomplete": autocomplete})
        if textarea
        else forms.TextInput(attrs={"autocomplete": autocomplete})
    )
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=widget,
        strip=True,
        error_messages={
            "required": _("Vul dit veld in."),
            "max_length": _(
                "Maak dit korter: hoogstens %(limit_value)d tekens (nu %(show_value)d)."
            ),
        },
    )


def term_field(label, queryset, required):
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=queryset,
        required=required,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Kies minstens één."),
            "invalid_choice": _("Kies uit de lijst."),
            "invalid_pk_value": _("Kies uit de lijst."),
        },
    )


class ContributionForm(forms.Form):
    """Field order is the order of the page; hints are the help texts, shown under each label."""

    title = text_field(_("Titel van je praktijkvoorbeeld"), TEXT_LIMITS["title"])
    municipality = text_field(_("Gemeente"), TEXT_LIMITS["municipality"])
    practice_year = forms.IntegerField(
        label=_("In welk jaar begon dit?"),
        min_value=FIRST_YEAR,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            "required": _("Vul een jaartal in, bijvoorbeeld 2018."),
            "invalid": _("Vul een jaartal in cijfers in, bijvoorbeeld 2018."),
            "min_value": _("Vul een jaartal in vanaf %(limit_value)s."),
            "max_value": _("Dit jaar ligt in de toekomst; vul het beginjaar in."),
        },
    )
    themes = term_field(_("Thema's"), Theme.objects.none(), required=True)
    professional_groups = term_field(
        _("Beroepsgroepen"), ProfessionalGroup.objects.none(), required=False
    )
    learning_forms = term_field(_("Werkvormen"), LearningForm.objects.none(), required=False)
    summary = text_field(_("Samenvatting"), TEXT_LIMITS["summary"], textarea=True, rows=4)
    situation = text_field(
        _("Aanleiding"), TEXT_LIMITS["section"], required=False, textarea=True, rows=6
    )
    approach = text_field(
        _("Aanpak"), TEXT_LIMITS["section"], required=False, textarea=True, rows=6
    )
    results = text_field(
        _("Resultaat"), TEXT_LIMITS["section"], required=False, textarea=True, rows=6
    )
    lessons = text_field(
        _("Geleerde lessen"), TEXT_LIMITS["section"], required=False, textarea=True, rows=6
    )
    attachments = MultipleFileField(label=_("Bijlagen (niet verplicht)"), required=False)
    contact_name = text_field(
        _("Naam contactpersoon"), TEXT_LIMITS["person"], required=False, autocomplete="name"
    )
    contact_role = text_field(
        _("Functie contactpersoon"),
        TEXT_LIMITS["person"],
        required=False,
        autocomplete="organization-title",
    )
    contact_email = forms.EmailField(
        label=_("E-mailadres contactpersoon"),
        max_length=TEXT_LIMITS["email"],
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl."),
            "max_length": _("Dit e-mailadres is te lang."),
        },
    )
    submitter_name = text_field(_("Je naam"), TEXT_LIMITS["person"], autocomplete="name")
    submitter_email = forms.EmailField(
        label=_("Je e-mailadres"),
        max_length=TEXT_LIMITS["email"],
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Vul je e-mailadres in; we sturen je een bevestiging."),
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl."),
            "max_length": _("Dit e-mailadres is te lang."),
        },
    )
    consent = forms.BooleanField(
        label=_("Ik heb gelezen wat er met mijn gegevens gebeurt en ga daarmee akkoord."),
        error_messages={
            "required": _("Geef toestemming, anders kunnen we je inzending niet gebruiken.")
        },
    )
    # Honeypot: hidden from people (CSS, aria-hidden, not focusable); bots fill it in.
    website = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    hints = {
        "title": _("Kort en concreet, bijvoorbeeld: Keukentafelgesprekken in het wijkteam."),
        "municipality": _(
            "Typ de naam en kies uit de lijst. Bestaat je gemeente niet meer, bijvoorbeeld door een fusie? Vul dan de oude naam in."
        ),
        "practice_year": _("Een schatting is goed."),
        "themes": _("Kies een of meer thema's waar je voorbeeld over gaat."),
        "professional_groups": _("Wie werkten eraan mee?"),
        "learning_forms": _("Hoe leerden jullie van elkaar?"),
        "summary": _(
            "Twee of drie zinnen in gewone taal, hoogstens 500 tekens. Dit staat bovenaan de pagina en in de zoekresultaten."
        ),
        "situation": _("Wat was er aan de hand? Waarom wilden jullie iets veranderen?"),
        "approach": _("Wat hebben jullie gedaan, en met wie?"),
        "results": _("Wat leverde het op, voor inwoners en voor jullie?"),
        "lessons": _("Wat zou je een collega meegeven? Ook wat niet werkte."),
        "contact_name": _(
            "Wordt op de pagina getoond, zodat collega's contact kunnen opnemen. Laat leeg als je dat niet wilt."
        ),
        "contact_role": _("Bijvoorbeeld: beleidsmedewerker Wmo, gemeente Zwolle."),
        "contact_email": _(
            "Collega's kunnen via de redactie contact opnemen; het adres staat niet als tekst op de pagina."
        ),
        "submitter_name": _("Alleen voor de redactie; wordt niet gepubliceerd."),
        "submitter_email": _(
            "Alleen voor de redactie, voor vragen over je inzending. Je krijgt een bevestiging."
        ),
    }
    fieldsets = (
        (_("Over je praktijkvoorbeeld"), ("title", "municipality", "practice_year", "summary")),
        (_("Indeling"), ("themes", "professional_groups", "learning_forms")),
        (_("Het verhaal"), SECTION_FIELDS),
        (_("Bijlagen"), ("attachments",)),
        (_("Contactpersoon op de pagina"), ("contact_name", "contact_role", "contact_email")),
        (_("Over jou (niet openbaar)"), ("submitter_name", "submitter_email", "consent")),
    )
    fieldset_hints = {
        "situation": _(
            "Vertel je verhaal in vier stappen. Eén onderdeel invullen is genoeg; hoe meer je vertelt, hoe meer collega's ervan leren."
        ),
    }
    summary_labels = {
        "consent": _("Toestemming"),
        "attachments": _("Bijlagen"),
        "practice_year": _("Beginjaar"),
    }
    multiple_choice_fields = ("themes", "professional_groups", "learning_forms")

    def __init__(self, *args, locale, **kwargs):
        super().__init__(*args, **kwargs)
        self.locale = locale
        self.limits = conf.Limits.current()
        self.fields["themes"].queryset = Theme.objects.filter(locale=locale)
        self.fields["professional_groups"].queryset = ProfessionalGroup.objects.filter(
            locale=locale
        )
        self.fields["learning_forms"].queryset = LearningForm.objects.filter(locale=locale)
        this_year = datetime.date.today().year
        self.fields["practice_year"].validators.append(MaxValueValidator(this_year))
        self.fields["practice_year"].widget.attrs["max"] = this_year
        self.hints = dict(self.hints)
        self.hints["attachments"] = _(
            "Bijvoorbeeld een verslag of een presentatie. Hoogstens %(count)d bestanden, samen hoogstens %(total)s. Toegestaan zijn %(allowed)s."
        ) % {
            "count": self.limits.max_files,
            "total": conf.megabytes(self.limits.max_total_bytes),
            "allowed": allowed_extensions_text(),
        }
        self.fields["attachments"].widget.attrs["accept"] = ",".join(f".{ext}" for ext in ALLOWED)
        for name, field in self.fields.items():
            field.hint = self.hints.get(name, "")
            # A browser's maxlength silently cuts off pasted text; the server says what is too long.
            field.widget.attrs.pop("maxlength", None)
            field.widget.attrs["class"] = self.widget_class(field)
        self.fields["municipality"].widget.attrs["list"] = "municipality-options"
        self._describe()

    @staticmethod
    def widget_class(field):
        """NL Design System (Utrecht) classes, so the form looks like the rest of the site."""
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
            return "utrecht-checkbox utrecht-checkbox--html-input"
        if isinstance(widget, forms.FileInput):
            return "contribution-form__file"
        if isinstance(widget, forms.NumberInput):
            return "utrecht-textbox utrecht-textbox--html-input utrecht-textbox--numeric"
        return "utrecht-textbox utrecht-textbox--html-input"

    @property
    def honeypot_filled(self):
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())

    def _describe(self):
        """Point each input at its hint and, after validation, its error message (aria-describedby)."""
        for name, field in self.fields.items():
            if name in self.multiple_choice_fields or name == HONEYPOT_FIELD:
                continue
            bound = self[name]
            ids = []
            if name == "consent":
                ids.append("privacy-statement")
            if field.hint:
                ids.append(f"{bound.auto_id}_hint")
            if self.is_bound and name in self._errors_or_empty():
                ids.append(f"{bound.auto_id}_error")
                field.widget.attrs["aria-invalid"] = "true"
                if "utrecht-textbox" in field.widget.attrs.get("class", ""):
                    field.widget.attrs["class"] += " utrecht-textbox--invalid"
            else:
                field.widget.attrs.pop("aria-invalid", None)
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)
            else:
                field.widget.attrs.pop("aria-describedby", None)

    def _errors_or_empty(self):
        return self._errors or {}

    def full_clean(self):
        super().full_clean()
        self._describe()

    def clean_municipality(self):
        return lookup_municipality(self.cleaned_data["municipality"])

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        if len(files) > self.limits.max_files:
            raise forms.ValidationError(
                _("Stuur hoogstens %(count)d bijlagen mee."),
                params={"count": self.limits.max_files},
            )
        problems = [check_upload(f, max_bytes=self.limits.max_file_bytes) for f in files]
        problems = [p.message for p in problems if p]
        if problems:
            raise forms.ValidationError(problems)
        total = sum(f.size for f in files)
        if total > self.limits.max_total_bytes:
            raise forms.ValidationError(
                _("De bijlagen zijn samen te groot (%(size)s); het maximum is %(max)s."),
                params={
                    "size": f"{total / (1024 * 1024):.1f} MB",
                    "max": conf.megabytes(self.limits.max_total_bytes),
                },
            )
        return files

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in SECTION_FIELDS) and not any(
            name in self.errors for name in SECTION_FIELDS
        ):
            self.add_error(
                "situation",
                _(
                    "Vertel minstens iets bij Aanleiding, Aanpak, Resultaat of Geleerde lessen. Eén onderdeel is genoeg."
                ),
            )
        return cleaned

    def error_links(self):
        """(anchor id, message) pairs for the error summary, in the order of the form."""
        links = [("", str(message)) for message in self.non_field_errors()]
        for name in self.fields:
            if name not in self.errors:
                continue
            bound = self[name]
            anchor = f"{bound.auto_id}_0" if name in self.multiple_choice_fields else bound.auto_id
            label = self.summary_labels.get(name, self.fields[name].label)
            links.extend((anchor, f"{label}: {message}") for message in self.errors[name])
        return links

    def fieldset_list(self):
        return [
            (legend, self.fieldset_hints.get(names[0], ""), [self[name] for name in names])
            for legend, names in self.fieldsets
        ]
