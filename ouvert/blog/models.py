"""The participatory blog: posts by the team and guest posts by civil society, in categories and tags."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ouvert.actors.models import Actor
from ouvert.core import publicity


class Category(models.Model):
    slug = models.SlugField(_("identifiant"), unique=True)
    name = models.CharField(_("nom"), max_length=120)
    name_en = models.CharField(_("nom (anglais)"), max_length=120, blank=True)
    description = models.TextField(_("présentation"), blank=True)
    description_en = models.TextField(_("présentation (anglais)"), blank=True)

    history_fields = ("slug", "name", "name_en", "description", "description_en")

    class Meta:
        verbose_name = _("catégorie")
        verbose_name_plural = _("catégories")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("blog:category", kwargs={"slug": self.slug})


class Tag(models.Model):
    slug = models.SlugField(_("identifiant"), unique=True)
    name = models.CharField(_("nom"), max_length=80, unique=True)

    class Meta:
        verbose_name = _("mot-clé")
        verbose_name_plural = _("mots-clés")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("blog:tag", kwargs={"slug": self.slug})


class PostQuerySet(models.QuerySet):
    def published(self) -> "PostQuerySet":
        return publicity.public(self)


class Post(models.Model):
    """A post. The team's posts are signed by the team; a guest post by the actor its author speaks
    for, or by the author's public name. Guest posts are published after moderation."""

    class Kind(models.TextChoices):
        TEAM = "team", _("Billet de l'équipe")
        GUEST = "guest", _("Tribune invitée")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        PENDING = "pending", _("En attente de modération")
        PUBLISHED = "published", _("Publié")
        REJECTED = "rejected", _("Refusé par la modération")

    slug = models.SlugField(_("identifiant"), unique=True, max_length=160)
    kind = models.CharField(_("type"), max_length=8, choices=Kind.choices, default=Kind.TEAM)
    title = models.CharField(_("titre"), max_length=200)
    title_en = models.CharField(_("titre (anglais)"), max_length=200, blank=True)
    summary = models.CharField(_("chapô"), max_length=400, blank=True)
    summary_en = models.CharField(_("chapô (anglais)"), max_length=400, blank=True)
    body = models.TextField(_("texte"), help_text=_("En Markdown."))
    body_en = models.TextField(_("texte (anglais)"), blank=True)
    category = models.ForeignKey(
        Category,
        verbose_name=_("catégorie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="posts",
    )
    tags = models.ManyToManyField(
        Tag, verbose_name=_("mots-clés"), blank=True, related_name="posts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rédigé par"),
        on_delete=models.PROTECT,
        related_name="blog_posts",
    )
    actor = models.ForeignKey(
        Actor,
        verbose_name=_("au nom de"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="blog_posts",
    )
    status = models.CharField(
        _("statut"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    moderation_reason = models.TextField(_("motif de la décision de modération"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modéré par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("modéré le"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("proposé le"), default=timezone.now)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True, db_index=True)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    objects = PostQuerySet.as_manager()

    history_fields = (
        "slug",
        "kind",
        "title",
        "title_en",
        "summary",
        "summary_en",
        "body",
        "body_en",
        "category",
        "tags",
        "actor",
        "status",
        "published_at",
    )

    class Meta:
        verbose_name = _("billet")
        verbose_name_plural = _("billets")
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="blog_published_post_has_a_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("blog:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def signature(self) -> str:
        """The public author: the team, the actor, or the guest's public name; never an address."""
        from django.utils.translation import gettext

        if self.kind == self.Kind.TEAM:
            return gettext("L'équipe du gouvernement ouvert")
        if self.actor_id:
            return self.actor.name
        return self.author.public_name

    def author_url(self) -> str:
        if self.kind == self.Kind.TEAM:
            return reverse("blog:team")
        if self.actor_id:
            return reverse("blog:actor", kwargs={"pk": self.actor_id})
        return ""


publicity.publish(Category, Q())
# A keyword is public once a public post carries it: those a guest types into a submitted post
# stay private until the post is published (and for good if it is refused).
publicity.publish(Tag, lambda: Q(pk__in=publicity.public(Post).values("tags")))
# A post scheduled for later is public from its publication date on, evaluated at query time.
publicity.publish(
    Post,
    Q(status=Post.Status.PUBLISHED, published_at__lte=Now()),
    private_fields=("moderation_reason", "moderated_by"),
)
