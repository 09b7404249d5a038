"""Editorial pages: the legal notice, the personal-data policy, the accessibility statement, and others."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ouvert.core.publicity import publish

# Pages the site shell links to from every footer; they exist from the first migration on.
LEGAL_NOTICE = "mentions-legales"
PERSONAL_DATA = "donnees-personnelles"
ACCESSIBILITY = "accessibilite"


class Page(models.Model):
    """A page of text written by the administrators, in French and optionally in English."""

    slug = models.SlugField(
        _("adresse"),
        unique=True,
        help_text=_("La fin de l'adresse de la page, par exemple « mentions-legales »."),
    )
    title = models.CharField(_("titre"), max_length=200)
    title_en = models.CharField(_("titre (anglais)"), max_length=200, blank=True)
    body = models.TextField(_("texte"), help_text=_("En Markdown."))
    body_en = models.TextField(_("texte (anglais)"), blank=True, help_text=_("En Markdown."))
    is_published = models.BooleanField(_("publiée"), default=True)
    created_at = models.DateTimeField(_("créée le"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("mise à jour le"), auto_now=True)

    # The fields whose changes enter the public history.
    history_fields = ("slug", "title", "title_en", "body", "body_en", "is_published")

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("pages:detail", kwargs={"slug": self.slug})


publish(Page, Q(is_published=True))
