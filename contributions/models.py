"""The public contribution form page, and the submitter's details kept apart from the practice page."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class ContributionFormPage(Page):
    """'Deel je praktijkvoorbeeld': colleagues submit a practice example that editors then moderate."""

    intro = RichTextField(
        _("inleiding"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("Wat vragen we en wat gebeurt er met een inzending? Kort en in gewone taal."),
    )
    thank_you = RichTextField(
        _("bedankttekst"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Verschijnt na het verzenden. Leeg: een standaardtekst."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("thank_you")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("formulier praktijkvoorbeeld delen")
        verbose_name_plural = _("formulieren praktijkvoorbeeld delen")

    def serve(self, request, *args, **kwargs):
        from contributions.views import serve_contribution_form

        return serve_contribution_form(self, request)

    def render_after_csrf_failure(self, request):
        from contributions.views import render_refused_form

        return render_refused_form(self, request)


class ContributionQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=Contribution.Status.PENDING)


class Contribution(models.Model):
    """Who sent in a practice page and what they agreed to; never copied onto the page itself."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wacht op de redactie")
        PUBLISHED = "published", _("gepubliceerd")
        REJECTED = "rejected", _("afgewezen")

    page = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("conceptpagina"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
    )
    title = models.CharField(
        _("titel bij inzending"),
        max_length=255,
        help_text=_("Zo heette het voorbeeld toen het binnenkwam."),
    )
    language = models.CharField(_("taal"), max_length=10, default="nl")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    submitter_name = models.CharField(_("naam inzender"), max_length=200, blank=True)
    submitter_email = models.EmailField(_("e-mail inzender"), max_length=254, blank=True)
    consent_given_at = models.DateTimeField(_("toestemming gegeven op"))
    consent_version = models.CharField(_("versie toestemmingstekst"), max_length=20)
    ip_hash = models.CharField(
        _("versleuteld IP-adres"),
        max_length=64,
        blank=True,
        help_text=_("Een onomkeerbare hash, alleen om misbruik te herkennen."),
    )
    attachment_bytes = models.PositiveBigIntegerField(_("grootte bijlagen (bytes)"), default=0)
    created_at = models.DateTimeField(_("ingezonden op"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    decided_at = models.DateTimeField(
        _("besloten op"),
        null=True,
        blank=True,
        help_text=_("Gepubliceerd of afgewezen; vanaf hier telt de bewaartermijn."),
    )
    editors_notified_at = models.DateTimeField(_("redactie gemaild op"), null=True, blank=True)
    personal_data_removed_at = models.DateTimeField(
        _("persoonsgegevens gewist op"), null=True, blank=True
    )

    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("inzending")
        verbose_name_plural = _("inzendingen")

    def __str__(self):
        return self.title

    def decide(self, status, when=None):
        self.status = status
        self.decided_at = when or timezone.now()
        self.save(update_fields=["status", "decided_at", "updated_at"])

    def erase_personal_data(self, when=None):
        """Remove everything that identifies the submitter; the anonymous record stays for statistics."""
        self.submitter_name = ""
        self.submitter_email = ""
        self.ip_hash = ""
        self.personal_data_removed_at = when or timezone.now()
        self.save(
            update_fields=[
                "submitter_name",
                "submitter_email",
                "ip_hash",
                "personal_data_removed_at",
                "updated_at",
            ]
        )
