"""Import the national association register (RNA) files into the actors."""

import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ouvert.actors.models import Commune, RnaImport
from ouvert.actors.rna import FileReport, Places, finish_import, import_source, sources

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Import rna_waldec or rna_import files (CSV, or the Ministry's zip of per-département "
        "CSVs), any vintage. Upsert by RNA number; each file in its own transaction; malformed "
        "rows are reported with file and line number. Personal fields are never read."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, help="CSV or zip files.")
        parser.add_argument(
            "--report",
            type=Path,
            help="Write the error report (file;line;error) to this CSV file as well.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Read and check everything, say what would change, change nothing.",
        )

    def handle(self, *args, paths: list[Path], report: Path | None, dry_run: bool, **options):
        for path in paths:
            if not path.is_file():
                raise CommandError(f"{path}: no such file.")
        if not Commune.objects.exists():
            self.stderr.write(
                "Warning: the reference of communes is empty (manage.py load_communes): "
                "actors will have no place on the map."
            )
        places = Places()
        reports: list[FileReport] = []
        for source in sources(paths):
            started = time.monotonic()
            record = RnaImport.objects.create(file_name=source.name[:255])
            self._bar_at = -1.0
            result = import_source(
                source, places=places, progress=self._progress(source.name), dry_run=dry_run
            )
            reports.append(result)
            self._save(record, result, dry_run=dry_run)
            self._summary(result, time.monotonic() - started, dry_run=dry_run)
        if not dry_run and any(not result.failure for result in reports):
            self.stdout.write("Recounting the tallies of the map and the facets…")
            seconds = finish_import()
            self.stdout.write(", ".join(f"{step} {value} s" for step, value in seconds.items()))
        errors = [error for result in reports for error in result.errors]
        if report:
            with report.open("w", encoding="utf-8") as handle:
                handle.write("fichier;ligne;erreur\n")
                for result in reports:
                    if result.failure:
                        handle.write(f"{result.name};;{result.failure}\n")
                    for error in result.errors:
                        handle.write(f"{error.file};{error.line};{error.message}\n")
        failed = [result for result in reports if result.failure]
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(reports)} file(s): {sum(r.created for r in reports)} created, "
                f"{sum(r.updated for r in reports)} updated, {len(errors)} row(s) refused, "
                f"{len(failed)} file(s) refused."
                + (" Dry run: nothing changed." if dry_run else "")
            )
        )
        if failed:
            raise CommandError(
                "Refused files (the database is as it was before each of them): "
                + "; ".join(f"{result.name}: {result.failure}" for result in failed)
            )

    def _progress(self, name: str):
        interactive = sys.stdout.isatty()

        def show(done: int, size: int) -> None:
            share = done / size if size else 1.0
            if not interactive and share - self._bar_at < 0.1 and share < 1.0:
                return
            self._bar_at = share
            filled = int(BAR_WIDTH * share)
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            line = f"{name} [{bar}] {share:4.0%}"
            if interactive:
                self.stdout.write("\r" + line, ending="")
                if share >= 1.0:
                    self.stdout.write("")
            else:
                self.stdout.write(line)

        return show

    def _save(self, record: RnaImport, result: FileReport, *, dry_run: bool) -> None:
        record.encoding = result.encoding
        record.rows = result.rows
        record.created = 0 if dry_run else result.created
        record.updated = 0 if dry_run else result.updated
        record.dissolved = result.dissolved
        record.errors = len(result.errors)
        record.status = (
            RnaImport.Status.FAILED if result.failure or dry_run else RnaImport.Status.DONE
        )
        lines = ([result.failure] if result.failure else []) + [
            str(error) for error in result.errors
        ]
        if dry_run:
            lines.insert(0, "Essai à blanc : rien n'a été modifié.")
        record.report = "\n".join(lines[:1000])
        record.finished_at = timezone.now()
        record.save()

    def _summary(self, result: FileReport, seconds: float, *, dry_run: bool) -> None:
        if result.failure:
            self.stderr.write(f"{result.name}: REFUSED, nothing imported: {result.failure}")
            return
        verb = "would create" if dry_run else "created"
        self.stdout.write(
            f"{result.name} ({result.encoding}): {result.rows} rows in {seconds:.1f} s, "
            f"{verb} {result.created}, updated {result.updated}, {result.dissolved} dissolved, "
            f"{len(result.errors)} refused ("
            + ", ".join(f"{step} {value} s" for step, value in result.seconds.items())
            + ")"
        )
        for error in result.errors[:20]:
            self.stderr.write(f"  {error}")
        if len(result.errors) > 20:
            self.stderr.write(f"  … and {len(result.errors) - 20} more (see --report)")
