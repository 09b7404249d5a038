"""Compile the gettext catalogues of `LOCALE_PATHS` (.po to .mo) in pure Python.

Django's own `compilemessages` needs GNU gettext's `msgfmt`; this command needs nothing beyond the
project's dependencies, so that `make run` works on a machine without gettext installed.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile every .po catalogue under LOCALE_PATHS into the .mo file Django reads."

    def handle(self, *args, **options):
        compiled = 0
        for locale_path in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_path).glob("*/LC_MESSAGES/*.po")):
                catalogue = polib.pofile(str(po_path))
                catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
                compiled += 1
                self.stdout.write(
                    f"{po_path}: {len(catalogue.translated_entries())} translated, "
                    f"{len(catalogue.untranslated_entries())} untranslated, "
                    f"{len(catalogue.fuzzy_entries())} fuzzy"
                )
        self.stdout.write(self.style.SUCCESS(f"{compiled} catalogue(s) compiled."))
