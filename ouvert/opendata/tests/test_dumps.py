import csv
import hashlib
import io
import json
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from frictionless import Resource, Schema, validate

from ouvert.core.opendata import Dataset, registry
from ouvert.opendata.models import Dump, DumpFile
from ouvert.opendata.services import dump_create
from ouvert.opendata.tasks import dump_generate
from ouvert.pages.tests.factories import PageFactory
from ouvert.plans.tests.factories import ActionPlanFactory, PhaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    PhaseFactory(
        plan=ActionPlanFactory(), description='Des "guillemets", des virgules ;\net des lignes.'
    )
    PageFactory(title="Une page, « spéciale »")


def test_a_dump_writes_every_dataset_with_its_size_checksum_and_row_count(data):
    dump = dump_create()
    assert dump.status == Dump.Status.COMPLETE
    files = {(item.dataset, item.format): item for item in dump.files.all()}
    assert set(files) == {(dataset.slug, fmt) for dataset in registry for fmt in dataset.formats}
    for dataset in registry:
        csv_file = files[(dataset.slug, "csv")]
        content = default_storage.open(csv_file.path).read()
        assert csv_file.size == len(content)
        assert csv_file.sha256 == hashlib.sha256(content).hexdigest()
        rows = list(csv.DictReader(io.StringIO(content.decode())))
        assert csv_file.rows == len(rows) == dataset.count()
        records = json.loads(default_storage.open(files[(dataset.slug, "json")].path).read())
        assert [str(record[dataset.primary_key]) for record in records] == [
            row[dataset.primary_key] for row in rows
        ]


def test_every_csv_of_the_archive_validates_against_its_schema(data, tmp_path):
    dump = dump_create()
    archive_bytes = default_storage.open(dump.archive).read()
    assert hashlib.sha256(archive_bytes).hexdigest() == dump.archive_sha256
    with zipfile.ZipFile(io.BytesIO(archive_bytes)) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path)
    assert "LISEZMOI.md" in names
    readme = (tmp_path / "LISEZMOI.md").read_text(encoding="utf-8")
    assert "Licence Ouverte 2.0" in readme
    for dataset in registry:
        assert {
            f"{dataset.slug}.csv",
            f"{dataset.slug}.json",
            f"schemas/{dataset.slug}.json",
        } <= names
        assert f"`{dataset.slug}`" in readme
        descriptor = json.loads(
            (tmp_path / "schemas" / f"{dataset.slug}.json").read_text(encoding="utf-8")
        )
        schema = Schema.from_descriptor(descriptor)
        report = validate(
            Resource(path=f"{dataset.slug}.csv", basepath=str(tmp_path), schema=schema)
        )
        assert report.valid, (dataset.slug, report.flatten(["rowNumber", "fieldName", "note"]))


def test_a_failed_dump_leaves_nothing_behind_and_the_previous_one_is_still_served(
    data, client, monkeypatch
):
    previous = dump_create()

    rows, last = Dataset.rows, list(registry)[-1].slug

    def rows_failing_on_the_last_dataset(dataset, *args, **kwargs):
        if dataset.slug == last:
            raise RuntimeError("the database went away")
        return rows(dataset, *args, **kwargs)

    # Every dataset before the last is written to storage before the failure.
    monkeypatch.setattr(Dataset, "rows", rows_failing_on_the_last_dataset)
    with pytest.raises(RuntimeError):
        dump_create()
    failed = Dump.objects.get(status=Dump.Status.FAILED)
    assert "the database went away" in failed.error
    assert not failed.files.exists()
    written = [f"{failed.folder}/{d.slug}.{fmt}" for d in registry for fmt in d.formats]
    assert not [name for name in written if default_storage.exists(name)]
    response = client.get(reverse("opendata:dump_archive"))
    assert response.status_code == 200
    assert f"{previous.completed_at:%Y-%m-%d}" in response["Content-Disposition"]


def test_only_the_two_latest_complete_dumps_are_kept(data):
    first = dump_create()
    second = dump_create()
    third = dump_create()
    assert list(Dump.objects.values_list("pk", flat=True).order_by("pk")) == [second.pk, third.pk]
    assert not default_storage.exists(first.archive)
    assert not DumpFile.objects.filter(dump=first.pk).exists()


def test_downloads_serve_the_latest_dump_and_404_before_any(data, client):
    assert client.get(reverse("opendata:dump_archive")).status_code == 404
    assert (
        client.get(
            reverse("opendata:dump_file", kwargs={"slug": "pages", "fmt": "csv"})
        ).status_code
        == 404
    )
    dump_generate.enqueue()
    response = client.get(reverse("opendata:dump_file", kwargs={"slug": "pages", "fmt": "csv"}))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content)
    assert (
        hashlib.sha256(body).hexdigest()
        == DumpFile.objects.get(dataset="pages", format="csv").sha256
    )
    assert client.get("/donnees/telechargements/pages.exe").status_code == 404
    page = client.get(reverse("opendata:catalogue")).content.decode()
    assert reverse("opendata:dump_archive") in page
