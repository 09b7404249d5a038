"""Write the bulk dump of every public dataset now (the worker also does it on schedule)."""

from django.core.management.base import BaseCommand
from django.template.defaultfilters import filesizeformat

from ouvert.opendata.services import dump_create


class Command(BaseCommand):
    help = "Write every public dataset (CSV, JSON, Table Schema) and the zip archive to storage."

    def handle(self, *args, **options):
        dump = dump_create()
        for item in dump.files.order_by("dataset", "format"):
            self.stdout.write(
                f"{item.dataset}.{item.format}: {item.rows} rows, {filesizeformat(item.size)}"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Archive {dump.archive}: {filesizeformat(dump.archive_size)}, sha256 {dump.archive_sha256}"
            )
        )
