"""Events of the concertation (webinars, workshops, forums), their series, and who registers."""

import datetime
from pathlib import PurePath

from django.conf import settings
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ouvert.actors.models import Actor
from ouvert.core import publicity
from ouvert.core.fields import HttpsURLField
from ouvert.plans.models import ActionPlan, Commitment, Phase

DOCUMENT_EXTENSIONS = ["pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx", "csv", "txt"]


class EventKind(models.TextChoices):
    WEBINAR = "webinar", _("Webinaire")
    WORKSHOP = "workshop", _("Atelier")
    FORUM = "forum", _("Forum ouvert")
    MULTI_STAKEHOLDER_FORUM = "multi_stakeholder_forum", _("Forum multi-acteurs")
    INTERVIEW_CAMPAIGN = "interview_campaign", _("Campagne d'entretiens")


class EventFormat(models.TextChoices):
    ONLINE = "online", _("En ligne")
    IN_PERSON = "in_person", _("En présentiel")
    HYBRID = "hybrid", _("Hybride")


class EventSeries(models.Model):
    """Events that recur (a webinar every two weeks): created once, followed as one."""

    slug = models.SlugField(_("identifiant"), unique=True, max_length=120)
    title = models.CharField(_("titre"), max_length=200)
    title_en = models.CharField(_("titre (anglais)"), max_length=200, blank=True)
    description = models.TextField(_("présentation"), blank=True, help_text=_("En Markdown."))
    description_en = models.TextField(_("présentation (anglais)"), blank=True)
    plan = models.ForeignKey(
        ActionPlan,
        verbose_name=_("plan d'action"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="event_series",
    )
    created_at = models.DateTimeField(_("créée le"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("mise à jour le"), auto_now=True)

    history_fields = ("slug", "title", "title_en", "description", "description_en", "plan")

    class Meta:
        verbose_name = _("série d'événements")
        verbose_name_plural = _("séries d'événements")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:series", kwargs={"slug": self.slug})


class EventQuerySet(models.QuerySet):
    def public(self) -> "EventQuerySet":
        # A cancelled event stays on the record, marked as cancelled (see the rule below).
        return publicity.public(self)


class Event(models.Model):
    """A webinar, workshop, forum or interview campaign: when, where, for how many, and what came of it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        PUBLISHED = "published", _("Publié")
        CANCELLED = "cancelled", _("Annulé")

    slug = models.SlugField(_("identifiant"), unique=True, max_length=160)
    series = models.ForeignKey(
        EventSeries,
        verbose_name=_("série"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    plan = models.ForeignKey(
        ActionPlan,
        verbose_name=_("plan d'action"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    phase = models.ForeignKey(
        Phase,
        verbose_name=_("phase"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        help_text=_("La phase du plan pendant laquelle l'événement a lieu."),
    )
    kind = models.CharField(_("type"), max_length=32, choices=EventKind.choices)
    format = models.CharField(_("format"), max_length=16, choices=EventFormat.choices)
    title = models.CharField(_("titre"), max_length=200)
    title_en = models.CharField(_("titre (anglais)"), max_length=200, blank=True)
    description = models.TextField(_("présentation"), blank=True, help_text=_("En Markdown."))
    description_en = models.TextField(_("présentation (anglais)"), blank=True)
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    host = models.ForeignKey(
        Actor,
        verbose_name=_("organisé par"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_events",
    )
    venue = models.CharField(_("lieu"), max_length=200, blank=True)
    address = models.CharField(
        _("adresse"), max_length=300, blank=True, help_text=_("Pour un événement en présentiel.")
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    online_url = HttpsURLField(
        _("lien de connexion"),
        max_length=500,
        blank=True,
        help_text=_("Communiqué aux seules personnes inscrites, jamais publié."),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Laissé vide : sans limite. Au-delà, les inscriptions vont en liste d'attente."
        ),
    )
    registration_closes_at = models.DateTimeField(
        _("clôture des inscriptions"),
        null=True,
        blank=True,
        help_text=_("Laissée vide : au début de l'événement."),
    )
    status = models.CharField(
        _("statut"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    cancellation_reason = models.TextField(_("motif de l'annulation"), blank=True)
    minutes = models.TextField(
        _("compte rendu"), blank=True, help_text=_("Publié après l'événement. En Markdown.")
    )
    minutes_en = models.TextField(_("compte rendu (anglais)"), blank=True)
    video_url = HttpsURLField(_("vidéo"), max_length=500, blank=True)
    fed_proposals = models.ManyToManyField(
        "participation.Proposal",
        verbose_name=_("propositions issues de l'événement"),
        blank=True,
        related_name="fed_by_events",
    )
    fed_commitments = models.ManyToManyField(
        Commitment,
        verbose_name=_("engagements nourris par l'événement"),
        blank=True,
        related_name="fed_by_events",
    )
    # Bumped when the date, place or status changes, so calendars replace their copy (RFC 5545).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    objects = EventQuerySet.as_manager()

    history_fields = (
        "slug",
        "series",
        "plan",
        "phase",
        "kind",
        "format",
        "title",
        "title_en",
        "description",
        "description_en",
        "starts_at",
        "ends_at",
        "host",
        "venue",
        "address",
        "capacity",
        "registration_closes_at",
        "status",
        "cancellation_reason",
        "minutes",
        "minutes_en",
        "video_url",
        "fed_proposals",
        "fed_commitments",
    )
    # A change to one of these makes calendars update their copy of the event.
    calendar_fields = ("starts_at", "ends_at", "venue", "address", "format", "status", "title")

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("événements")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["status", "starts_at"], name="participation_event_when")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="participation_event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="participation_event_capacity_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.starts_at):%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.status in (self.Status.PUBLISHED, self.Status.CANCELLED)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_online(self) -> bool:
        return self.format in (EventFormat.ONLINE, EventFormat.HYBRID)

    @property
    def is_in_person(self) -> bool:
        return self.format in (EventFormat.IN_PERSON, EventFormat.HYBRID)

    def has_ended(self, now: datetime.datetime | None = None) -> bool:
        return self.ends_at <= (now or timezone.now())

    def registration_deadline(self) -> datetime.datetime:
        return self.registration_closes_at or self.starts_at

    def registration_is_open(self, now: datetime.datetime | None = None) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and (now or timezone.now()) < self.registration_deadline()
        )

    def map_url(self) -> str:
        """A link to the place on OpenStreetMap: the point when known, else a search for the address."""
        from urllib.parse import quote

        if self.latitude is not None and self.longitude is not None:
            return (
                f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
                f"#map=17/{self.latitude}/{self.longitude}"
            )
        if self.address:
            return f"https://www.openstreetmap.org/search?query={quote(self.address)}"
        return ""


def _document_path(document: "EventDocument", filename: str) -> str:
    return f"evenements/{timezone.now():%Y/%m}/{PurePath(filename).name}"


class EventDocument(models.Model):
    """A document of an event, published after it: slides, a report, a summary of the discussions."""

    event = models.ForeignKey(
        Event, verbose_name=_("événement"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("intitulé"), max_length=200)
    url = HttpsURLField(_("lien"), max_length=500, blank=True)
    document = models.FileField(
        _("document"),
        upload_to=_document_path,
        blank=True,
        max_length=255,
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS)],
    )

    history_fields = ("title", "url", "document")

    class Meta:
        verbose_name = _("document d'événement")
        verbose_name_plural = _("documents d'événement")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(url="") & ~Q(document="")) | (~Q(url="") & Q(document="")),
                name="participation_document_link_or_file",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        if self.url:
            return self.url
        return reverse("events:document", kwargs={"pk": self.pk})

    def history_owner(self) -> Event:
        return self.event


class Registration(models.Model):
    """A person's registration to an event: confirmed, on the waitlist, or cancelled.

    Never public: the list of registrants is for the organisers only.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Inscription confirmée")
        WAITLISTED = "waitlisted", _("Liste d'attente")
        CANCELLED = "cancelled", _("Inscription annulée")

    event = models.ForeignKey(
        Event, verbose_name=_("événement"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    status = models.CharField(_("état"), max_length=16, choices=Status.choices)
    # The waitlist is served in this order; registering again after cancelling goes to its end.
    registered_at = models.DateTimeField(_("inscrit·e le"), default=timezone.now)
    promoted_at = models.DateTimeField(_("sorti·e de la liste d'attente le"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("rappel envoyé le"), null=True, blank=True)
    attended = models.BooleanField(_("présent·e"), null=True, blank=True)

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["registered_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="participation_register_once"),
        ]
        indexes = [
            models.Index(
                fields=["event", "status", "registered_at"], name="participation_reg_queue"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} — {self.user} ({self.get_status_display()})"


# What of the events is public (ouvert.core.publicity): a cancelled event stays on the record; an
# event of a plan is public once the plan is. The online link goes to registrants only.
PUBLIC_EVENT_STATUSES = (Event.Status.PUBLISHED, Event.Status.CANCELLED)


def _public_event(prefix: str = "") -> Q:
    return Q(**{f"{prefix}status__in": PUBLIC_EVENT_STATUSES}) & (
        Q(**{f"{prefix}plan__isnull": True})
        | Q(**{f"{prefix}plan__status": ActionPlan.Status.PUBLISHED})
    )


publicity.publish(EventSeries, Q())
publicity.publish(Event, _public_event(), private_fields=("online_url",))
publicity.publish(EventDocument, _public_event("event__"))
