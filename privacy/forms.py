from django import forms
from django.utils.translation import gettext_lazy as _


class SubjectForm(forms.Form):
    """The person a request is about, by e-mail address."""

    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        help_text=_("Het adres van de persoon die wil weten wat we van hem of haar bewaren."),
    )
    confirm_erase = forms.BooleanField(
        label=_("Ja, wis alle gevonden gegevens van deze persoon. Dit kan niet ongedaan worden."),
        required=False,
    )
