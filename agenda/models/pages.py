"""The agenda "Leren van collega's": learning meetings and collegial courses, each with its sessions,
place, capacity, the colleague-trainers who give it, and a short report afterwards."""

import datetime
import functools

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from agenda.blocks import ProgrammeBlock
from practices.models.term_links import (
    LearningFormLink,
    ProfessionalGroupLink,
    ThemeLink,
    TranslatableLink,
)
from search.documents import SearchDocumentMixin, searchable_fields
from search.filter_fields import ENGINE_FILTER_FIELDS, EngineFilterMixin

REPORT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class LocalisedRoutesMixin(RoutablePageMixin):
    """Sub-addresses in the page's own language: a route `name` may have an English twin named
    `name-en` (same view, English path); an English page links to the twin. Both paths answer on
    every page, so a Dutch address typed or sent in an e-mail keeps working."""

    def reverse_subpage(self, name, args=None, kwargs=None):
        language = self.locale.language_code
        if language != "nl":
            try:
                return super().reverse_subpage(f"{name}-{language}", args=args, kwargs=kwargs)
            except NoReverseMatch:
                pass  # no twin (or not for these arguments): the Dutch path
        return super().reverse_subpage(name, args=args, kwargs=kwargs)


class ChangesWithTheClockMixin:
    """Upcoming or past, and places left, change with the clock, not only with the content: the
    server keeps these pages no longer than shared caches do (caching.middleware.keep_briefly)."""

    def serve(self, request, *args, **kwargs):
        from caching.middleware import keep_briefly

        return keep_briefly(super().serve(request, *args, **kwargs))


class AgendaIndexPage(ChangesWithTheClockMixin, LocalisedRoutesMixin, Page):
    """The agenda: upcoming activities first, with filters; the past as an archive with reports."""

    intro = RichTextField(_("inleiding"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["agenda.ActivityPage"]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agenda's")

    @path("")
    def upcoming(self, request):
        from agenda.views.listing import serve_listing

        return serve_listing(self, request, archive=False)

    @path("archief/", name="archive")
    @path("archive/", name="archive-en")
    def archive(self, request):
        from agenda.views.listing import serve_listing

        return serve_listing(self, request, archive=True)

    @path("kalender/", name="calendar")
    @path("calendar/", name="calendar-en")
    def calendar(self, request):
        from agenda.views.calendar import serve_feed

        return serve_feed(self, request)


class ActivityPage(
    ChangesWithTheClockMixin, SearchDocumentMixin, EngineFilterMixin, LocalisedRoutesMixin, Page
):
    """One learning activity: a meeting, a course of a few sessions, a webinar, a work visit."""

    class Kind(models.TextChoices):
        MEETING = "leerbijeenkomst", _("Leerbijeenkomst")
        COURSE = "collegiale-cursus", _("Collegiale cursus")
        PEER_GROUP = "intervisiegroep", _("Intervisiegroep")
        PROGRAMME = "leergang", _("Leergang")
        VISIT = "werkbezoek", _("Werkbezoek")
        WEBINAR = "webinar", _("Webinar")

    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices, default=Kind.MEETING)
    summary = models.TextField(
        _("samenvatting"),
        max_length=500,
        help_text=_("Twee of drie zinnen: wat leer je, en met wie? Verschijnt in de agenda."),
    )
    audience = models.TextField(
        _("voor wie"),
        max_length=500,
        blank=True,
        help_text=_("Bijvoorbeeld: HRM-adviseurs en leidinggevenden van gemeenten in de regio."),
    )
    organisers = models.CharField(
        _("organisatie"),
        max_length=300,
        help_text=_("Wie organiseert het, gescheiden door komma's: VNG, A&O fonds gemeenten…"),
    )
    is_online = models.BooleanField(
        _("online"), default=False, help_text=_("Aanvinken als de activiteit online is.")
    )
    municipality = models.ForeignKey(
        "practices.Municipality",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
        help_text=_("Waar het plaatsvindt; bepaalt ook de provincie in de filters."),
    )
    venue = models.CharField(
        _("locatie"), max_length=200, blank=True, help_text=_("Bijvoorbeeld: Stadhuis, zaal 3.")
    )
    address = models.CharField(_("adres"), max_length=300, blank=True)
    online_link = models.URLField(
        _("link naar de online bijeenkomst"),
        blank=True,
        help_text=_("Nooit op de pagina: alleen aangemelde deelnemers krijgen de link per e-mail."),
    )
    capacity = models.PositiveIntegerField(
        _("aantal plaatsen"),
        null=True,
        blank=True,
        help_text=_(
            "Leeg: geen maximum. Verhoog je het aantal, dan krijgen mensen op de wachtlijst "
            "meteen een plek aangeboden."
        ),
    )
    registration_open = models.BooleanField(_("aanmelden mogelijk"), default=True)
    registration_deadline = models.DateTimeField(
        _("aanmelden kan tot"),
        null=True,
        blank=True,
        help_text=_("Leeg: tot de eerste bijeenkomst begint."),
    )
    costs = models.CharField(_("kosten"), max_length=200, default="Kosteloos")
    programme = StreamField(ProgrammeBlock(), verbose_name=_("programma"), blank=True)
    is_cancelled = models.BooleanField(
        _("geannuleerd"),
        default=False,
        help_text=_("Aangemelde deelnemers krijgen bericht zodra je dit publiceert."),
    )
    cancellation_note = models.CharField(
        _("toelichting bij annulering"), max_length=300, blank=True
    )
    report_went_well = RichTextField(_("wat ging goed"), blank=True, features=REPORT_FEATURES)
    report_could_be_better = RichTextField(_("wat kan beter"), blank=True, features=REPORT_FEATURES)
    report_needs_next = RichTextField(
        _("waar deelnemers nu behoefte aan hebben"),
        blank=True,
        features=REPORT_FEATURES,
        help_text=_("De vragen die de bijeenkomst opriep: waar willen deelnemers verder mee?"),
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("costs")]),
        FieldPanel("summary"),
        FieldPanel("audience"),
        FieldPanel("organisers"),
        InlinePanel("sessions", heading=_("Bijeenkomsten"), label=_("bijeenkomst"), min_num=1),
        MultiFieldPanel(
            [
                FieldPanel("is_online"),
                FieldPanel("municipality"),
                FieldPanel("venue"),
                FieldPanel("address"),
                FieldPanel("online_link"),
            ],
            heading=_("Plaats"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_open"),
                FieldPanel("capacity"),
                FieldPanel("registration_deadline"),
                FieldPanel("is_cancelled"),
                FieldPanel("cancellation_note"),
            ],
            heading=_("Aanmelden"),
        ),
        FieldPanel("programme"),
        InlinePanel("trainers", heading=_("Collega-trainers"), label=_("collega-trainer")),
        MultiFieldPanel(
            [
                InlinePanel("activity_themes", label=_("Thema's")),
                InlinePanel("activity_professional_groups", label=_("Beroepsgroepen")),
                InlinePanel("activity_learning_forms", label=_("Werkvormen")),
            ],
            heading=_("Indeling"),
        ),
        InlinePanel("linked_practices", heading=_("Praktijkvoorbeelden"), label=_("praktijk")),
        InlinePanel("linked_publications", heading=_("Publicaties"), label=_("publicatie")),
        MultiFieldPanel(
            [
                FieldPanel("report_went_well"),
                FieldPanel("report_could_be_better"),
                FieldPanel("report_needs_next"),
                InlinePanel(
                    "outcome_practices",
                    label=_("praktijkvoorbeeld dat eruit voortkwam"),
                ),
            ],
            heading=_("Verslag achteraf"),
        ),
    ]

    search_fields = searchable_fields(Page, extra=[*ENGINE_FILTER_FIELDS])
    parent_page_types = ["agenda.AgendaIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")

    def clean(self):
        super().clean()
        errors = {}
        if self.is_online and not self.online_link:
            errors["online_link"] = _("Geef de link voor deelnemers aan een online activiteit.")
        if not self.is_online and not self.municipality_id:
            errors["municipality"] = _("Kies de gemeente waar de activiteit plaatsvindt.")
        if errors:
            raise ValidationError(errors)

    # --- what the page shows ---------------------------------------------------------------

    @property
    def session_list(self):
        return sorted(self.sessions.all(), key=lambda s: (s.date, s.start_time))

    @property
    def first_session(self):
        sessions = self.session_list
        return sessions[0] if sessions else None

    @property
    def last_session(self):
        sessions = self.session_list
        return sessions[-1] if sessions else None

    @property
    def first_date(self):
        first = self.first_session
        return first.date if first else None

    @property
    def starts_at(self):
        first = self.first_session
        return first.starts_at if first else None

    @property
    def ends_at(self):
        last = self.last_session
        return last.ends_at if last else None

    @property
    def is_past(self):
        ends = self.ends_at
        return ends is not None and ends < timezone.now()

    @property
    def closes_at(self):
        """Until when people can register: the deadline, else the start of the first session."""
        return self.registration_deadline or self.starts_at

    @functools.cached_property
    def availability(self):
        """Places left and the waiting list; a listing sets it for all its cards at once
        (`agenda.services.availabilities`)."""
        from agenda.services import availability

        return availability(self)

    @property
    def status(self):
        """gepland, vol, geannuleerd or afgelopen: set by the editor only for a cancellation."""
        if self.is_cancelled:
            return "geannuleerd"
        if self.is_past:
            return "afgelopen"
        if self.availability.is_full:
            return "vol"
        return "gepland"

    @property
    def organiser_list(self):
        return [name.strip() for name in self.organisers.split(",") if name.strip()]

    @property
    def themes(self):
        return [item.theme for item in self.activity_themes.all()]

    @property
    def professional_groups(self):
        return [item.professional_group for item in self.activity_professional_groups.all()]

    @property
    def learning_forms(self):
        return [item.learning_form for item in self.activity_learning_forms.all()]

    @property
    def municipalities(self):
        """For search's facets: the place of an activity on location."""
        return [self.municipality] if self.municipality_id and not self.is_online else []

    @property
    def trainer_pages(self):
        return [
            item.colleague
            for item in self.trainers.select_related("colleague")
            if item.colleague.live
        ]

    @property
    def practices(self):
        return [
            i.practice for i in self.linked_practices.select_related("practice") if i.practice.live
        ]

    @property
    def publications(self):
        return [
            i.publication
            for i in self.linked_publications.select_related("publication")
            if i.publication.live
        ]

    @property
    def outcomes(self):
        return [
            i.practice for i in self.outcome_practices.select_related("practice") if i.practice.live
        ]

    @property
    def has_report(self):
        return bool(self.report_went_well or self.report_could_be_better or self.report_needs_next)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["availability"] = self.availability
        parent = self.get_parent()
        context["index_url"] = parent.url if parent else ""
        context["register_url"] = self.route_url("register")
        context["calendar_url"] = self.route_url("calendar")
        return context

    # --- registration and calendar routes ----------------------------------------------------

    @path("aanmelden/", name="register")
    @path("register/", name="register-en")
    def register(self, request):
        from agenda.views.registration import serve_form

        return serve_form(self, request)

    @path("aanmelden/verstuurd/", name="registered")
    @path("register/sent/", name="registered-en")
    def registered(self, request):
        from agenda.views.registration import serve_sent

        return serve_sent(self, request)

    # The signed token goes in the query string: Wagtail's page URLs take only letters, digits,
    # "-" and "_" in a path segment, and a signature has ":".
    @re_path(r"^aanmelding/(?P<action>bevestigen|afmelden|plek)/$", name="token")
    def token_action(self, request, action):
        from agenda.views.registration import serve_token

        return serve_token(self, request, action, request.GET.get("t", ""))

    # The English link names the action in English (confirm, cancel, offer).
    @re_path(r"^registration/(?P<action>confirm|cancel|offer)/$", name="token-en")
    def token_action_english(self, request, action):
        from agenda.tokens import slug_for
        from agenda.views.registration import serve_token

        return serve_token(self, request, slug_for(action), request.GET.get("t", ""))

    @path("kalender/", name="calendar")
    @path("calendar/", name="calendar-en")
    def calendar(self, request):
        from agenda.views.calendar import serve_activity

        return serve_activity(self, request)

    def route_url(self, name, *args, query=""):
        return self.url + self.reverse_subpage(name, args=args) + query

    def full_route_url(self, name, *args, query=""):
        return self.full_url + self.reverse_subpage(name, args=args) + query


class ActivitySession(TranslatableLink):
    """One meeting of an activity: a day with a start and an end (Europe/Amsterdam)."""

    page = ParentalKey(ActivityPage, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("datum"))
    start_time = models.TimeField(_("begintijd"))
    end_time = models.TimeField(_("eindtijd"))
    title = models.CharField(
        _("onderdeel"),
        max_length=200,
        blank=True,
        help_text=_("Alleen bij meer bijeenkomsten, bijvoorbeeld ‘Module 2: doorvragen’."),
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("title"),
    ]

    class Meta(TranslatableLink.Meta):
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        unique_together = [("translation_key", "locale")]

    def clean(self):
        super().clean()
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("De eindtijd moet na de begintijd liggen.")})

    @property
    def starts_at(self):
        return timezone.make_aware(
            datetime.datetime.combine(self.date, self.start_time), timezone.get_default_timezone()
        )

    @property
    def ends_at(self):
        return timezone.make_aware(
            datetime.datetime.combine(self.date, self.end_time), timezone.get_default_timezone()
        )


class ActivityTrainer(TranslatableLink):
    """A colleague-trainer who gives the activity; `colleague.activities_given` lists these."""

    page = ParentalKey(ActivityPage, on_delete=models.CASCADE, related_name="trainers")
    colleague = models.ForeignKey(
        "colleagues.ColleaguePage",
        verbose_name=_("collega-trainer"),
        on_delete=models.CASCADE,
        related_name="activities_given",
    )
    panels = [FieldPanel("colleague")]

    class Meta(TranslatableLink.Meta):
        verbose_name = _("collega-trainer")
        verbose_name_plural = _("collega-trainers")
        unique_together = [("translation_key", "locale")]


class ActivityTheme(ThemeLink):
    page = ParentalKey(ActivityPage, on_delete=models.CASCADE, related_name="activity_themes")


class ActivityProfessionalGroup(ProfessionalGroupLink):
    page = ParentalKey(
        ActivityPage, on_delete=models.CASCADE, related_name="activity_professional_groups"
    )


class ActivityLearningForm(LearningFormLink):
    page = ParentalKey(
        ActivityPage, on_delete=models.CASCADE, related_name="activity_learning_forms"
    )


class ActivityPractice(TranslatableLink):
    page = ParentalKey(ActivityPage, on_delete=models.CASCADE, related_name="linked_practices")
    practice = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("praktijkvoorbeeld"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    panels = [FieldPanel("practice")]

    class Meta(TranslatableLink.Meta):
        verbose_name = _("praktijkvoorbeeld")
        unique_together = [("translation_key", "locale")]


class ActivityPublication(TranslatableLink):
    page = ParentalKey(ActivityPage, on_delete=models.CASCADE, related_name="linked_publications")
    publication = models.ForeignKey(
        "publications.PublicationPage",
        verbose_name=_("publicatie"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    panels = [FieldPanel("publication")]

    class Meta(TranslatableLink.Meta):
        verbose_name = _("publicatie")
        unique_together = [("translation_key", "locale")]


class ActivityOutcome(TranslatableLink):
    """A practice that came out of the activity (listed with its report)."""

    page = ParentalKey(ActivityPage, on_delete=models.CASCADE, related_name="outcome_practices")
    practice = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("praktijkvoorbeeld"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    panels = [FieldPanel("practice")]

    class Meta(TranslatableLink.Meta):
        verbose_name = _("praktijkvoorbeeld dat eruit voortkwam")
        verbose_name_plural = _("praktijkvoorbeelden die eruit voortkwamen")
        unique_together = [("translation_key", "locale")]
