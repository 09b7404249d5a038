"""Writes of the open-data app: the bulk dump of every dataset into storage."""

import hashlib
import json
import secrets
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from ouvert.core.opendata import Dataset, csv_line, json_value, registry
from ouvert.opendata.models import Dump, DumpFile

# Complete dumps kept in storage: the newest, and the one before it while the newest is fresh.
DUMPS_KEPT = 2


@dataclass
class _Written:
    path: Path
    size: int = 0
    rows: int = 0

    def __post_init__(self) -> None:
        self._hash = hashlib.sha256()
        self._file = self.path.open("wb")

    def write(self, text: str) -> None:
        data = text.encode("utf-8")
        self._file.write(data)
        self._hash.update(data)
        self.size += len(data)

    def close(self) -> str:
        self._file.close()
        return self._hash.hexdigest()


def _write_dataset(dataset: Dataset, folder: Path) -> list[tuple[str, _Written, str]]:
    """Write the dataset's CSV and JSON in one pass over its rows (so both hold the same rows)."""
    csv_file = _Written(folder / f"{dataset.slug}.csv")
    json_file = _Written(folder / f"{dataset.slug}.json")
    csv_file.write(csv_line(tuple(dataset.field_names)))
    json_file.write("[")
    names = dataset.field_names
    for row in dataset.rows():
        csv_file.write(csv_line(row))
        record = {name: json_value(value) for name, value in zip(names, row, strict=True)}
        json_file.write(
            ("\n" if not json_file.rows else ",\n") + json.dumps(record, ensure_ascii=False)
        )
        csv_file.rows += 1
        json_file.rows += 1
    json_file.write("\n]\n")
    return [("csv", csv_file, csv_file.close()), ("json", json_file, json_file.close())]


def _readme(datasets: list[tuple[Dataset, int]], generated_at) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            "opendata/dump_readme.md",
            {
                "datasets": datasets,
                "generated_at": generated_at,
                "licence": settings.OUVERT_OPEN_DATA_LICENCE,
                "publisher": settings.OUVERT_PUBLISHER,
                "site_url": settings.OUVERT_SITE_URL,
            },
        )


def _store(name: str, path: Path) -> str:
    with path.open("rb") as handle:
        return default_storage.save(name, File(handle, name=path.name))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def dump_create() -> Dump:
    """Write every dataset (CSV, JSON, Table Schema) and one zip archive of them all to storage.

    Rows stream from the database to temporary files and from there to storage, so memory stays
    flat whatever the size of the data. The dump is marked complete only once every file is
    stored; on failure what was stored is removed and the previous dump keeps being served.
    """
    started = timezone.now()
    dump = Dump.objects.create(
        started_at=started, folder=f"opendata/dumps/{started:%Y%m%d-%H%M%S}-{secrets.token_hex(4)}"
    )
    stored: list[str] = []
    try:
        with tempfile.TemporaryDirectory(prefix="ouvert-dump-") as scratch:
            folder = Path(scratch)
            files: list[DumpFile] = []
            counted: list[tuple[Dataset, int]] = []
            archive_path = folder / "ouvert-donnees.zip"
            with zipfile.ZipFile(archive_path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for dataset in registry:
                    with transaction.atomic():
                        written = _write_dataset(dataset, folder)
                    for fmt, result, digest in written:
                        name = _store(f"{dump.folder}/{dataset.slug}.{fmt}", result.path)
                        stored.append(name)
                        archive.write(result.path, f"{dataset.slug}.{fmt}")
                        files.append(
                            DumpFile(
                                dump=dump,
                                dataset=dataset.slug,
                                format=fmt,
                                path=name,
                                size=result.size,
                                sha256=digest,
                                rows=result.rows,
                            )
                        )
                    counted.append((dataset, written[0][1].rows))
                    schema = json.dumps(dataset.table_schema(), ensure_ascii=False, indent=2)
                    archive.writestr(f"schemas/{dataset.slug}.json", schema)
                archive.writestr("LISEZMOI.md", _readme(counted, started))
            archive_name = _store(f"{dump.folder}/ouvert-donnees.zip", archive_path)
            stored.append(archive_name)
            archive_size, archive_sha256 = archive_path.stat().st_size, _sha256(archive_path)
        with transaction.atomic():
            DumpFile.objects.bulk_create(files)
            dump.archive = archive_name
            dump.archive_size = archive_size
            dump.archive_sha256 = archive_sha256
            dump.status = Dump.Status.COMPLETE
            dump.completed_at = timezone.now()
            dump.save()
    except Exception as error:
        for name in stored:
            default_storage.delete(name)
        dump.status = Dump.Status.FAILED
        dump.error = f"{type(error).__name__}: {error}"
        dump.save(update_fields=["status", "error"])
        raise
    dumps_prune()
    return dump


def dumps_prune() -> None:
    """Delete the files and rows of complete dumps older than the newest `DUMPS_KEPT`, and of failed ones."""
    keep = list(
        Dump.objects.complete().order_by("-completed_at").values_list("pk", flat=True)[:DUMPS_KEPT]
    )
    for dump in (
        Dump.objects.exclude(pk__in=keep)
        .exclude(status=Dump.Status.RUNNING)
        .prefetch_related("files")
    ):
        for name in [*(item.path for item in dump.files.all()), dump.archive]:
            if name and default_storage.exists(name):
                default_storage.delete(name)
        dump.delete()
