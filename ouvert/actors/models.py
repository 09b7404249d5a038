"""The actors of Open Government: associations, collectives, think tanks, companies, public bodies...

Also the offline reference of French territories (régions, départements, communes) that places
them on the map, the requests (registrations and claims) that moderation decides, the import runs
of the national association register (RNA), and the per-commune tallies the map and the facets
read instead of counting millions of rows.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ouvert.actors.themes import Theme, is_open_government
from ouvert.core.fields import HttpsURLField
from ouvert.core.publicity import publish

# Search keys are random, so that the order in which the full-text index returns matches is a
# uniform sample of them (see ouvert.actors.search). Two keys collide about once in 10**6 imports
# of the whole register; the import then draws again (ouvert.actors.rna.import_source).
SEARCH_KEY_RANGE = 2**62


def new_search_key() -> int:
    return secrets.randbelow(SEARCH_KEY_RANGE)


class Region(models.Model):
    """A French région (INSEE code), from the offline reference built at set-up."""

    code = models.CharField(_("code INSEE"), max_length=3, primary_key=True)
    name = models.CharField(_("nom"), max_length=100)

    class Meta:
        verbose_name = _("région")
        verbose_name_plural = _("régions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """A département (INSEE code: "33", "2A", "971")."""

    code = models.CharField(_("code INSEE"), max_length=3, primary_key=True)
    name = models.CharField(_("nom"), max_length=100)
    region = models.ForeignKey(
        Region, verbose_name=_("région"), on_delete=models.CASCADE, related_name="departments"
    )

    class Meta:
        verbose_name = _("département")
        verbose_name_plural = _("départements")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Commune(models.Model):
    """A commune (or a municipal arrondissement, or a former commune still found in the register),
    with the point that places its actors on the map."""

    code = models.CharField(_("code INSEE"), max_length=5, primary_key=True)
    name = models.CharField(_("nom"), max_length=100)
    department = models.ForeignKey(
        Department, verbose_name=_("département"), on_delete=models.CASCADE, related_name="+"
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    population = models.PositiveIntegerField(_("population"), default=0)

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class PostalCode(models.Model):
    """Which communes a postal code serves (one code serves several communes, and the reverse)."""

    code = models.CharField(_("code postal"), max_length=5, db_index=True)
    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.CASCADE, related_name="postal_codes"
    )

    class Meta:
        verbose_name = _("code postal")
        verbose_name_plural = _("codes postaux")
        constraints = [
            models.UniqueConstraint(fields=["code", "commune"], name="actors_postalcode_unique")
        ]

    def __str__(self) -> str:
        return self.code


class ActorQuerySet(models.QuerySet):
    def published(self) -> "ActorQuerySet":
        return self.filter(status=Actor.Status.PUBLISHED)


class Actor(models.Model):
    """An organisation that takes part in Open Government: it may lead or support commitments."""

    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Association")
        COLLECTIVE = "collective", _("Collectif citoyen")
        THINK_TANK = "think_tank", _("Laboratoire d'idées ou centre de recherche")
        COMPANY = "company", _("Entreprise")
        FOUNDATION = "foundation", _("Fondation")
        UNION = "union", _("Syndicat")
        MEDIA = "media", _("Média")
        PUBLIC_BODY = "public_body", _("Organisme public")
        OTHER = "other", _("Autre")

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente de modération")
        PUBLISHED = "published", _("Publié")
        REJECTED = "rejected", _("Refusé")

    class Source(models.TextChoices):
        RNA = "rna", _("Répertoire national des associations")
        REGISTRATION = "registration", _("Inscription sur la plateforme")
        EDITORIAL = "editorial", _("Saisie par l'administration")

    name = models.CharField(_("nom"), max_length=255)
    kind = models.CharField(_("type d'acteur"), max_length=20, choices=Kind.choices)
    short_name = models.CharField(_("sigle ou nom court"), max_length=255, blank=True)
    mission = models.TextField(
        _("mission"), blank=True, help_text=_("Ce que fait l'acteur, en quelques phrases.")
    )
    themes = models.CharField(
        _("thèmes"),
        max_length=255,
        blank=True,
        help_text=_("Les codes des thèmes, séparés par des espaces."),
    )
    website = HttpsURLField(_("site web"), blank=True)
    public_email = models.EmailField(
        _("courriel de contact public"),
        blank=True,
        help_text=_("Une adresse générique de l'organisation, affichée sur sa page."),
    )
    private_email = models.EmailField(
        _("courriel de contact réservé aux agents"),
        blank=True,
        help_text=_("Jamais publié : seuls les agents publics le voient."),
    )
    private_phone = models.CharField(
        _("téléphone réservé aux agents"),
        max_length=30,
        blank=True,
        help_text=_("Jamais publié : seuls les agents publics le voient."),
    )
    territory = models.CharField(
        _("territoire d'action"),
        max_length=255,
        blank=True,
        help_text=_(
            "Par exemple « national », « Nouvelle-Aquitaine », « quartier de la Reynerie »."
        ),
    )
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune du siège"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Copied from the commune so that search, facets and tallies never need a join.
    department_code = models.CharField(_("département"), max_length=3, blank=True)
    region_code = models.CharField(_("région"), max_length=3, blank=True)
    postal_code = models.CharField(_("code postal"), max_length=5, blank=True)
    city_name = models.CharField(
        _("commune (libellé)"),
        max_length=100,
        blank=True,
        help_text=_("Le nom de commune donné par la source, quand la commune n'est pas reconnue."),
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    has_precise_position = models.BooleanField(
        _("position précise"),
        default=False,
        help_text=_("Sinon, l'acteur est placé au point de sa commune."),
    )
    rna_id = models.CharField(
        _("numéro RNA"), max_length=10, unique=True, null=True, blank=True, help_text="W123456789"
    )
    rna_former_id = models.CharField(_("ancien numéro"), max_length=12, blank=True)
    siret = models.CharField(_("SIRET"), max_length=14, blank=True)
    rna_objects = models.CharField(
        _("objet social (codes RNA)"), max_length=13, blank=True, help_text=_("Un ou deux codes.")
    )
    founded_on = models.DateField(_("date de création"), null=True, blank=True)
    dissolved_on = models.DateField(_("date de dissolution"), null=True, blank=True)
    is_dissolved = models.BooleanField(_("dissous"), default=False)
    is_verified = models.BooleanField(
        _("vérifié"),
        default=False,
        help_text=_("Inscription ou revendication validée par la modération."),
    )
    status = models.CharField(
        _("statut"), max_length=12, choices=Status.choices, default=Status.PUBLISHED
    )
    source = models.CharField(
        _("source"), max_length=12, choices=Source.choices, default=Source.EDITORIAL
    )
    representative_fields = models.CharField(
        _("champs tenus par un représentant"),
        max_length=255,
        blank=True,
        editable=False,
        help_text=_("Une réimportation du répertoire ne les écrase jamais."),
    )
    rna_updated_at = models.DateTimeField(_("mise à jour au RNA"), null=True, blank=True)
    search_key = models.BigIntegerField(
        _("clé de recherche"), unique=True, default=new_search_key, editable=False
    )
    search_tags = models.CharField(
        _("étiquettes de recherche"), max_length=255, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("créé le"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    objects = ActorQuerySet.as_manager()

    # The search tag of unpublished actors starts with this (" xpending", " xrejected").
    UNPUBLISHED_TAG = " x"

    history_fields = (
        "name",
        "kind",
        "short_name",
        "mission",
        "themes",
        "website",
        "public_email",
        "territory",
        "commune",
        "postal_code",
        "city_name",
        "latitude",
        "longitude",
        "status",
        "is_verified",
        "is_dissolved",
    )
    # What a representative may keep up to date, and what the register's re-imports then leave.
    representative_editable = (
        "name",
        "short_name",
        "mission",
        "themes",
        "website",
        "public_email",
        "private_email",
        "private_phone",
        "territory",
    )

    class Meta:
        verbose_name = _("acteur")
        verbose_name_plural = _("acteurs")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["status", "source"], name="actors_actor_status_idx"),
            # Facets of a large search read the tags of thousands of matches by key: this index
            # answers without touching the (wide) rows.
            models.Index(fields=["search_key", "search_tags"], name="actors_actor_sample_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="actors_actor_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="actors_actor_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_tags = search_tags(
            kind=self.kind,
            themes=self.theme_list,
            department_code=self.department_code,
            region_code=self.region_code,
            commune_code=self.commune_id or "",
            is_dissolved=self.is_dissolved,
            is_verified=self.is_verified,
            status=self.status,
        )
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_tags", "updated_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("actors:detail", kwargs={"pk": self.pk})

    @property
    def theme_list(self) -> list[str]:
        return self.themes.split()

    @property
    def theme_labels(self) -> list[str]:
        labels = dict(Theme.choices)
        return [labels[code] for code in self.theme_list if code in labels]

    @property
    def is_open_government(self) -> bool:
        return is_open_government(self.theme_list)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def locked_fields(self) -> set[str]:
        return set(self.representative_fields.split())


def search_tags(
    *,
    kind: str,
    themes: list[str],
    department_code: str,
    region_code: str,
    commune_code: str,
    is_dissolved: bool,
    is_verified: bool,
    status: str = "published",
) -> str:
    """The filter tokens the full-text index holds beside an actor's words.

    Filters become words of the index, so that "environment, in Gironde, active" is answered by
    the index intersecting its lists, never by reading the rows one by one. Tokens are letters
    and digits only (the tokenizer splits on anything else).
    """
    tokens = [f"k{kind.replace('_', '')}"]
    tokens += [f"t{theme}" for theme in themes]
    if is_open_government(themes):
        tokens.append("ogov")
    if department_code:
        tokens.append(f"d{department_code.lower()}")
    if region_code:
        tokens.append(f"r{region_code}")
    if commune_code:
        tokens.append(f"c{commune_code.lower()}")
    tokens.append("sdissolved" if is_dissolved else "sactive")
    tokens.append("vyes" if is_verified else "vno")
    if status != Actor.Status.PUBLISHED:
        # Never in the full-text index (published actors only); the tallies skip these.
        tokens.append(f"{Actor.UNPUBLISHED_TAG.strip()}{status}")
    return " ".join(tokens)


class Representative(models.Model):
    """A person who speaks for an actor on the platform and keeps its page up to date."""

    actor = models.ForeignKey(
        Actor, verbose_name=_("acteur"), on_delete=models.CASCADE, related_name="representatives"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="actor_representations",
    )
    since = models.DateTimeField(_("depuis le"), default=timezone.now)

    class Meta:
        verbose_name = _("représentant·e")
        verbose_name_plural = _("représentant·es")
        constraints = [
            models.UniqueConstraint(fields=["actor", "user"], name="actors_representative_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.actor}"


class ActorRequest(models.Model):
    """A registration of a new actor, or a claim of an actor already listed, awaiting moderation."""

    class Kind(models.TextChoices):
        REGISTRATION = "registration", _("Inscription")
        CLAIM = "claim", _("Revendication")

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente")
        APPROVED = "approved", _("Acceptée")
        REJECTED = "rejected", _("Refusée")

    kind = models.CharField(_("type de demande"), max_length=12, choices=Kind.choices)
    actor = models.ForeignKey(
        Actor, verbose_name=_("acteur"), on_delete=models.CASCADE, related_name="requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("demandé par"),
        on_delete=models.CASCADE,
        related_name="actor_requests",
    )
    role = models.CharField(
        _("fonction dans l'organisation"),
        max_length=120,
        help_text=_("Par exemple « présidente », « chargé de communication »."),
    )
    message = models.TextField(
        _("message à la modération"),
        blank=True,
        help_text=_("Ce qui permet de vérifier votre lien avec l'organisation. Jamais publié."),
    )
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("décidée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)
    decision_note = models.TextField(
        _("motif de la décision"),
        blank=True,
        help_text=_("Envoyé à la personne qui a fait la demande, et inscrit dans l'historique."),
    )
    created_at = models.DateTimeField(_("déposée le"), default=timezone.now)

    class Meta:
        verbose_name = _("demande")
        verbose_name_plural = _("demandes")
        ordering = ["created_at", "id"]
        constraints = [
            # One pending request per person and actor: a second click does not queue twice.
            models.UniqueConstraint(
                fields=["actor", "requested_by"],
                condition=Q(status="pending"),
                name="actors_request_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.actor}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING


class RnaImport(models.Model):
    """One file of the register imported by `manage.py import_rna`: what it changed, what it refused."""

    class Status(models.TextChoices):
        RUNNING = "running", _("En cours")
        DONE = "done", _("Terminé")
        FAILED = "failed", _("Échoué, rien n'a été modifié")

    file_name = models.CharField(_("fichier"), max_length=255)
    encoding = models.CharField(_("encodage"), max_length=20, blank=True)
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    rows = models.PositiveIntegerField(_("lignes lues"), default=0)
    created = models.PositiveIntegerField(_("acteurs créés"), default=0)
    updated = models.PositiveIntegerField(_("acteurs mis à jour"), default=0)
    dissolved = models.PositiveIntegerField(_("dont dissous"), default=0)
    errors = models.PositiveIntegerField(_("lignes refusées"), default=0)
    report = models.TextField(_("rapport d'erreurs"), blank=True)
    started_at = models.DateTimeField(_("commencé le"), default=timezone.now)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("import du RNA")
        verbose_name_plural = _("imports du RNA")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.started_at:%Y-%m-%d %H:%M})"


class ActorTally(models.Model):
    """How many published actors share a place, kind, theme, situation and verification.

    Rows exist at three levels: per commune (the map, by every dimension), per département (facet
    counts for the whole country) and per point (the map by theme and place only: one row per
    commune and theme). `theme` is "" on the rows that count every actor once; a row with a theme
    counts the actors that have it. Rebuilt from the actors by `actors.services.tally_rebuild`.
    """

    class Level(models.TextChoices):
        COMMUNE = "commune", _("Commune")
        DEPARTMENT = "department", _("Département")
        # Per commune and theme only: what the map reads when it filters by theme or place only.
        POINT = "point", _("Point de la carte")

    level = models.CharField(_("niveau"), max_length=10, choices=Level.choices)
    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.CASCADE, null=True, related_name="+"
    )
    department_code = models.CharField(_("département"), max_length=3)
    region_code = models.CharField(_("région"), max_length=3)
    kind = models.CharField(_("type d'acteur"), max_length=20)
    theme = models.CharField(_("thème"), max_length=20)
    is_open_government = models.BooleanField(_("gouvernement ouvert"))
    is_dissolved = models.BooleanField(_("dissous"))
    is_verified = models.BooleanField(_("vérifié"))
    latitude = models.FloatField(_("latitude"), null=True)
    longitude = models.FloatField(_("longitude"), null=True)
    actors = models.PositiveIntegerField(_("acteurs"))

    class Meta:
        verbose_name = _("décompte")
        verbose_name_plural = _("décomptes")
        indexes = [
            models.Index(fields=["level", "theme", "region_code"], name="actors_tally_level_idx"),
            models.Index(fields=["level", "department_code"], name="actors_tally_dep_idx"),
            # The map reads its points from this index alone.
            models.Index(
                fields=[
                    "level",
                    "theme",
                    "latitude",
                    "longitude",
                    "actors",
                    "commune",
                    "region_code",
                    "department_code",
                ],
                name="actors_tally_map_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.level} {self.commune_id or self.department_code}: {self.actors}"


# Published actors are public; their contacts for agents and their search machinery are not.
publish(
    Actor,
    Q(status=Actor.Status.PUBLISHED),
    private_fields=(
        "private_email",
        "private_phone",
        "representative_fields",
        "search_key",
        "search_tags",
    ),
)
