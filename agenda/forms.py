"""The public registration form: the least we need (name, e-mail, where you work), and a honeypot.

Built like the contribution form (same field markup, municipality by name with a list to choose
from, messages in Dutch that keep what was typed)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from contributions.forms import HONEYPOT_FIELD, lookup_municipality
from practices.models import ProfessionalGroup


class RegistrationForm(forms.Form):
    name = forms.CharField(
        label=_("Je naam"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={
            "required": _("Vul je naam in."),
            "max_length": _(
                "Maak dit korter: hoogstens %(limit_value)d tekens (nu %(show_value)d)."
            ),
        },
    )
    email = forms.EmailField(
        label=_("Je e-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Vul je e-mailadres in; daar sturen we de bevestigingslink heen."),
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl."),
            "max_length": _("Dit e-mailadres is te lang."),
        },
    )
    municipality = forms.CharField(
        label=_("Gemeente waar je werkt"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "list": "municipality-options"}),
        error_messages={"max_length": _("Dit is te lang voor de naam van een gemeente.")},
    )
    organisation = forms.CharField(
        label=_("Of: andere organisatie"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        error_messages={
            "max_length": _(
                "Maak dit korter: hoogstens %(limit_value)d tekens (nu %(show_value)d)."
            )
        },
    )
    professional_group = forms.ModelChoiceField(
        label=_("Beroepsgroep"),
        queryset=ProfessionalGroup.objects.none(),
        required=False,
        empty_label=_("Kies je beroepsgroep"),
        error_messages={"invalid_choice": _("Kies een beroepsgroep uit de lijst.")},
    )
    remark = forms.CharField(
        label=_("Opmerking"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _(
                "Maak dit korter: hoogstens %(limit_value)d tekens (nu %(show_value)d)."
            )
        },
    )
    website = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    hints = {
        "municipality": _(
            "Typ de naam en kies uit de lijst. Werk je niet bij een gemeente? Vul dan hieronder je organisatie in."
        ),
        "remark": _(
            "Bijvoorbeeld een dieetwens of wat je nodig hebt om mee te kunnen doen. Schrijf hier geen gegevens over inwoners."
        ),
        "email": _(
            "Je krijgt een e-mail met een link. Pas als je die volgt, houden we een plek voor je vast."
        ),
    }
    multiple_choice_fields = ()
    summary_labels = {}

    def __init__(self, *args, locale, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["professional_group"].queryset = ProfessionalGroup.objects.filter(
            locale=locale
        ).order_by("name")
        for name, field in self.fields.items():
            field.hint = self.hints.get(name, "")
            field.widget.attrs.pop("maxlength", None)
            field.widget.attrs["class"] = (
                "utrecht-select utrecht-select--html-select"
                if isinstance(field.widget, forms.Select)
                else "utrecht-textbox utrecht-textbox--html-input"
            )
        self._describe()

    def full_clean(self):
        super().full_clean()
        self._describe()

    def _describe(self):
        """Point each input at its hint and, after validation, its error (aria-describedby)."""
        for name, field in self.fields.items():
            if name == HONEYPOT_FIELD:
                continue
            ids = [f"{self[name].auto_id}_hint"] if field.hint else []
            if self.is_bound and name in (self._errors or {}):
                ids.append(f"{self[name].auto_id}_error")
                field.widget.attrs["aria-invalid"] = "true"
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)

    @property
    def honeypot_filled(self):
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())

    def clean_municipality(self):
        text = self.cleaned_data["municipality"]
        return lookup_municipality(text) if text else None

    def clean(self):
        cleaned = super().clean()
        if (
            "municipality" not in self.errors
            and not cleaned.get("municipality")
            and not cleaned.get("organisation")
        ):
            self.add_error(
                "municipality",
                _("Vul de gemeente in waar je werkt, of je organisatie als dat geen gemeente is."),
            )
        return cleaned

    def error_links(self):
        links = [("", str(message)) for message in self.non_field_errors()]
        for name in self.fields:
            for message in self.errors.get(name, []):
                links.append((self[name].auto_id, f"{self.fields[name].label}: {message}"))
        return links

    def visible_fields_in_order(self):
        return [self[name] for name in self.fields if name != HONEYPOT_FIELD]
