"""Bulk dumps of the open data: every dataset, written to storage by the worker."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DumpQuerySet(models.QuerySet):
    def complete(self) -> "DumpQuerySet":
        return self.filter(status=Dump.Status.COMPLETE)


class Dump(models.Model):
    """One generation of the bulk archive and of the per-dataset files it holds.

    The files are written under a new folder; only once every file is stored is the dump marked
    complete, and only complete dumps are served, so nobody ever downloads a half-written file.
    """

    class Status(models.TextChoices):
        RUNNING = "running", _("En cours")
        COMPLETE = "complete", _("Terminée")
        FAILED = "failed", _("Échouée")

    started_at = models.DateTimeField(_("commencée le"), default=timezone.now)
    completed_at = models.DateTimeField(_("terminée le"), null=True, blank=True)
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    folder = models.CharField(_("dossier"), max_length=200)
    archive = models.CharField(_("archive"), max_length=255, blank=True)
    archive_size = models.PositiveBigIntegerField(_("taille de l'archive"), default=0)
    archive_sha256 = models.CharField(
        _("empreinte SHA-256 de l'archive"), max_length=64, blank=True
    )
    error = models.TextField(_("erreur"), blank=True)

    objects = DumpQuerySet.as_manager()

    class Meta:
        verbose_name = _("export complet")
        verbose_name_plural = _("exports complets")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} ({self.get_status_display()})"


class DumpFile(models.Model):
    """One dataset in one format, as written by a dump, with what a harvester checks."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        JSON = "json", "JSON"
        GEOJSON = "geojson", "GeoJSON"

    dump = models.ForeignKey(Dump, on_delete=models.CASCADE, related_name="files")
    dataset = models.SlugField(_("jeu de données"))
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    path = models.CharField(_("chemin"), max_length=255)
    size = models.PositiveBigIntegerField(_("taille en octets"))
    sha256 = models.CharField(_("empreinte SHA-256"), max_length=64)
    rows = models.PositiveBigIntegerField(_("lignes"))

    class Meta:
        verbose_name = _("fichier d'un export complet")
        verbose_name_plural = _("fichiers des exports complets")
        constraints = [
            models.UniqueConstraint(
                fields=["dump", "dataset", "format"], name="opendata_dumpfile_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dataset}.{self.format}"
