"""Wagtail's login form with every label translated (its password field has none, so Django shows
the English field name "Password")."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Wachtwoord")
        self.fields["password"].widget.attrs["placeholder"] = _("Vul je wachtwoord in")
        self.fields["remember"].label = _("Ingelogd blijven")
