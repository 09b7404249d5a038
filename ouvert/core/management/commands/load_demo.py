"""Load the demonstration content: `make run` calls it on every start, so it must be idempotent."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Load the demonstration content of every app (its demo.py), creating or updating it. "
        "Refused outside DEBUG unless --force: the demo accounts have a published password."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even though DEBUG is off (never in production).",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "The demo creates accounts whose password is public: refused outside DEBUG. "
                "Use --force on a throwaway database."
            )
        with transaction.atomic():
            for app_config in apps.get_app_configs():
                module_name = f"{app_config.name}.demo"
                if find_spec(module_name) is None:
                    continue
                self.stdout.write(f"{app_config.verbose_name}…")
                import_module(module_name).load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content ready."))
