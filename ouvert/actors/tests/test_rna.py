"""The import of the association register: formats, vintages, broken files, re-imports."""

import functools

import pytest
from django.core.management import CommandError, call_command

from ouvert.accounts.tests.factories import UserFactory
from ouvert.actors import rna
from ouvert.actors.models import Actor, ActorTally, Representative, RnaImport
from ouvert.actors.rna import Places, import_source, sources
from ouvert.actors.search import ActorFilters
from ouvert.actors.selectors import actors_search
from ouvert.actors.services import territories_load
from ouvert.actors.territories import Territories, read_territories
from ouvert.actors.tests.factories import ActorFactory, gironde
from ouvert.actors.tests.rna_files import (
    IMPORT_2018_COLUMNS,
    IMPORT_COLUMNS,
    SHARED,
    WALDEC_2018_COLUMNS,
    csv_bytes,
    waldec_row,
    write,
    write_zip,
)

pytestmark = pytest.mark.django_db


def run(*paths, **options):
    call_command("import_rna", *[str(path) for path in paths], **options)


@pytest.fixture
def communes():
    return gironde()


def test_a_waldec_file_creates_actors_with_themes_places_and_points(tmp_path, communes):
    path = write(tmp_path / "rna_waldec_20240101_dpt_33.csv", csv_bytes([waldec_row()]))
    run(path)
    actor = Actor.objects.get(rna_id="W332000001")
    assert actor.name == "AMIS DE LA FORÊT DES LANDES"
    assert actor.short_name == "AFL"
    assert actor.kind == Actor.Kind.ASSOCIATION
    assert actor.theme_list == ["environment"]
    assert actor.is_open_government
    assert actor.commune_id == "33063"
    assert (actor.department_code, actor.region_code) == ("33", "75")
    assert (actor.latitude, actor.longitude) == (44.83802, -0.57964)
    assert actor.founded_on.isoformat() == "2015-03-02"
    assert actor.dissolved_on is None  # 0001-01-01 is empty
    assert not actor.is_dissolved
    assert actor.source == Actor.Source.RNA
    assert actor.is_published
    record = RnaImport.objects.get()
    assert (record.status, record.rows, record.created, record.errors) == ("done", 1, 1, 0)
    # The tallies of the map and the facets count it.
    assert (
        ActorTally.objects.filter(level="department", department_code="33", theme="").get().actors
        == 1
    )


def test_the_commune_is_found_by_postal_code_and_name_when_the_insee_code_is_unknown(
    tmp_path, communes
):
    rows = [
        waldec_row(
            id="W332000002", adrs_codeinsee="", adrs_codepostal="33600", adrs_libcommune="PESSAC"
        ),
        # An obsolete INSEE code: the postal code and name still place it.
        waldec_row(
            id="W332000003",
            adrs_codeinsee="33999",
            adrs_codepostal="33000",
            adrs_libcommune="Bordeaux",
        ),
        # Nothing known: the actor is kept, without a place.
        waldec_row(
            id="W332000004", adrs_codeinsee="", adrs_codepostal="", adrs_libcommune="NULLE PART"
        ),
    ]
    run(write(tmp_path / "f.csv", csv_bytes(rows)))
    places = dict(Actor.objects.values_list("rna_id", "commune_id"))
    assert places == {"W332000002": "33318", "W332000003": "33063", "W332000004": None}
    lost = Actor.objects.get(rna_id="W332000004")
    assert lost.city_name == "NULLE PART"
    assert lost.latitude is None


@pytest.mark.parametrize(
    ("columns", "name"),
    [
        (WALDEC_2018_COLUMNS, "waldec 2018, 41 columns"),
        (IMPORT_COLUMNS, "rna_import, 24 columns"),
        (IMPORT_2018_COLUMNS, "rna_import 2018, 26 columns"),
    ],
)
def test_every_vintage_is_read_by_header_name(tmp_path, communes, columns, name):
    row = waldec_row(libcom="BORDEAUX", telephone="0556000000", email="jean@exemple.fr")
    run(write(tmp_path / "old.csv", csv_bytes([row], columns=columns)))
    actor = Actor.objects.get()
    assert actor.name == "AMIS DE LA FORÊT DES LANDES", name
    assert actor.commune_id == "33063"
    assert actor.theme_list == ["environment"]


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig", "utf-8"])
def test_encodings_are_sniffed(tmp_path, communes, encoding):
    run(
        write(
            tmp_path / "enc.csv",
            csv_bytes([waldec_row(titre="ÉCOLE DES PARENTS")], encoding=encoding),
        )
    )
    assert Actor.objects.get().name == "ÉCOLE DES PARENTS"
    assert RnaImport.objects.get().encoding == ("cp1252" if encoding == "cp1252" else "utf-8-sig")


def test_malformed_rows_are_reported_with_file_and_line_and_the_rest_is_imported(
    tmp_path, communes, capsys
):
    content = csv_bytes(
        [
            waldec_row(id="W332000001"),
            waldec_row(id="PAS-UN-NUMERO"),
            waldec_row(id="W332000002", titre=""),
            waldec_row(id="W332000001", titre="DOUBLON"),
            waldec_row(id="W332000003"),
        ]
    )
    # A truncated last line: the file was cut in the middle of a row.
    content += b"W332000009;;;;;2015-01-01;2015"
    report = tmp_path / "report.csv"
    run(write(tmp_path / "broken.csv", content), report=report)
    assert sorted(Actor.objects.values_list("rna_id", flat=True)) == ["W332000001", "W332000003"]
    assert Actor.objects.get(rna_id="W332000001").name == "AMIS DE LA FORÊT DES LANDES"
    lines = report.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "fichier;ligne;erreur"
    assert "broken.csv;3;numéro RNA invalide" in lines[1]
    assert "broken.csv;4;W332000002 : titre vide" in lines[2]
    assert any(line.startswith("broken.csv;7;") and "tronquée" in line for line in lines)
    assert any("broken.csv;5;W332000001 déjà présent ligne 2" in line for line in lines)
    record = RnaImport.objects.get()
    assert record.errors == 4
    assert "broken.csv, ligne 3" in record.report
    assert "ligne 3" in capsys.readouterr().err


def test_a_file_without_the_required_columns_changes_nothing(tmp_path, communes):
    run(write(tmp_path / "good.csv", csv_bytes([waldec_row()])))
    before = list(Actor.objects.values_list("rna_id", "name", "updated_at"))
    bad = write(tmp_path / "bad.csv", b"identifiant;nom\nW332000005;X\n")
    with pytest.raises(CommandError, match="colonnes manquantes : id, titre"):
        run(bad)
    assert list(Actor.objects.values_list("rna_id", "name", "updated_at")) == before
    assert RnaImport.objects.filter(status="failed").count() == 1


def test_a_file_that_breaks_midway_leaves_the_database_as_before_it(tmp_path, communes):
    run(write(tmp_path / "first.csv", csv_bytes([waldec_row()])))
    # An unterminated quote: the reader cannot find where rows end any more.
    rows = [waldec_row(id="W332000001", titre="NOUVEAU NOM")] + [
        waldec_row(id=f"W3320001{n:02d}") for n in range(20)
    ]
    content = csv_bytes(rows) + b'W332000099;;;;;2015-01-01;;;;D;S;"TITRE SANS FIN\n'
    content += b"x" * 200_000
    with pytest.raises(CommandError, match=r"Refused files.*cut\.csv: ligne 24"):
        run(write(tmp_path / "cut.csv", content))
    assert Actor.objects.count() == 1
    assert Actor.objects.get().name == "AMIS DE LA FORÊT DES LANDES"


def test_a_zip_of_departement_files_imports_each_in_its_own_transaction(tmp_path, communes):
    archive = write_zip(
        tmp_path / "rna_waldec_20240101.zip",
        {
            "rna_waldec_20240101_dpt_33.csv": csv_bytes([waldec_row()]),
            "rna_waldec_20240101_dpt_75.csv": csv_bytes(
                [waldec_row(id="W751000001", adrs_codeinsee="75056", adrs_codepostal="75001")]
            ),
            "rna_waldec_20240101_dpt_99.csv": b"colonnes;inconnues\n",
            "LISEZMOI.txt": b"not a csv",
        },
    )
    with pytest.raises(CommandError, match="dpt_99"):
        run(archive)
    assert sorted(Actor.objects.values_list("department_code", flat=True)) == ["33", "75"]
    assert RnaImport.objects.count() == 3


def test_a_reimport_updates_dissolves_and_skips_unchanged_rows(tmp_path, communes):
    run(write(tmp_path / "m1.csv", csv_bytes([waldec_row(), waldec_row(id="W332000002")])))
    first = Actor.objects.get(rna_id="W332000002")
    rows = [
        waldec_row(),  # unchanged: same maj_time
        waldec_row(
            id="W332000002",
            position="D",
            date_disso="2024-06-30",
            maj_time="2024-07-01 09:00:00",
        ),
        waldec_row(id="W332000003"),
    ]
    run(write(tmp_path / "m2.csv", csv_bytes(rows)))
    record = RnaImport.objects.order_by("-id").first()
    assert (record.created, record.updated, record.dissolved) == (1, 1, 1)
    dissolved = Actor.objects.get(rna_id="W332000002")
    assert dissolved.pk == first.pk
    assert dissolved.is_dissolved
    assert dissolved.dissolved_on.isoformat() == "2024-06-30"
    assert "sdissolved" in dissolved.search_tags
    assert Actor.objects.count() == 3


def test_a_reimport_never_overwrites_what_a_verified_representative_wrote(tmp_path, communes):
    from ouvert.actors.services import ActorData, actor_update

    run(write(tmp_path / "m1.csv", csv_bytes([waldec_row()])))
    actor = Actor.objects.get()
    user = UserFactory()
    Representative.objects.create(actor=actor, user=user)
    Actor.objects.filter(pk=actor.pk).update(is_verified=True)
    actor_update(
        acting_user=user,
        actor=actor,
        data=ActorData(
            name="Les Amis de la forêt des Landes",
            kind=Actor.Kind.ASSOCIATION,
            mission="Nous protégeons la forêt landaise.",
            themes=["environment", "education"],
        ),
        by_representative=True,
    )
    row = waldec_row(
        titre="AMIS FORET LANDES",
        objet="autre objet",
        position="D",
        date_disso="2024-06-30",
        maj_time="2024-07-01 09:00:00",
    )
    run(write(tmp_path / "m2.csv", csv_bytes([row])))
    actor.refresh_from_db()
    assert actor.name == "Les Amis de la forêt des Landes"
    assert actor.mission == "Nous protégeons la forêt landaise."
    assert actor.theme_list == ["environment", "education"]
    # What only the register knows still follows it, and the search tags follow the merge.
    assert actor.is_dissolved
    assert "teducation" in actor.search_tags
    assert "vyes" in actor.search_tags
    assert "sdissolved" in actor.search_tags


def test_personal_fields_are_never_read(tmp_path, communes):
    row = waldec_row(
        adrg_declarant="MARTINE DUPLANTIER",
        adrg_libvoie="12 IMPASSE DES LILAS",
        dir_civilite="MME",
        telephone="0612345678",
        email="martine.duplantier@exemple.fr",
    )
    run(write(tmp_path / "p.csv", csv_bytes([row], columns=WALDEC_2018_COLUMNS)))
    stored = " ".join(str(value) for value in Actor.objects.values_list().get())
    for planted in ("DUPLANTIER", "LILAS", "0612345678", "martine.duplantier"):
        assert planted not in stored


def test_a_dry_run_says_what_would_change_and_changes_nothing(tmp_path, communes, capsys):
    run(write(tmp_path / "d.csv", csv_bytes([waldec_row()])), dry_run=True)
    assert not Actor.objects.exists()
    assert "would create 1" in capsys.readouterr().out


def test_import_source_counts_rows_with_progress(tmp_path, communes):
    path = write(
        tmp_path / "many.csv", csv_bytes([waldec_row(id=f"W3320{n:05d}") for n in range(12_000)])
    )
    seen = []
    [source] = sources([path])
    report = import_source(source, places=Places(), progress=lambda done, size: seen.append(done))
    assert report.rows == 12_000
    assert report.created == 12_000
    assert not report.errors
    assert len(seen) >= 3
    assert seen[-1] == source.size


@functools.cache
def _mayotte() -> Territories:
    territories = read_territories()
    departments = [row for row in territories.departments if row.code == "976"]
    regions = [row for row in territories.regions if row.code == departments[0].region_code]
    communes = [row for row in territories.communes if row.department_code == "976"]
    codes = {row.code for row in communes}
    postal = [pair for pair in territories.postal_codes if pair[1] in codes]
    return Territories(regions, departments, communes, postal)


@pytest.mark.skipif(
    not (SHARED / "rna_waldec_sample_2024.csv").exists(), reason="../shared is not there"
)
def test_the_real_sample_imports_with_names_themes_communes_and_points():
    territories_load(territories=_mayotte())
    run(SHARED / "rna_waldec_sample_2024.csv")
    actors = {actor.rna_id: actor for actor in Actor.objects.all()}
    assert len(actors) == 4
    farmer = actors["W9T1002867"]
    assert farmer.name == "LA VIE D'UN AGRICULTEUR & LA VIE D'UN ANIMAL"
    assert farmer.theme_list == ["environment"]  # 024026 protection des animaux
    assert farmer.commune.name == "Mtsamboro"
    assert farmer.department_code == "976"
    assert farmer.latitude == pytest.approx(-12.697, abs=0.01)
    assert farmer.longitude == pytest.approx(45.070, abs=0.01)
    assert not farmer.is_dissolved
    lawyers = actors["W9T1000001"]
    assert lawyers.theme_list == ["justice"]
    assert lawyers.commune.name == "Mamoudzou"
    escale = actors["W9T1002359"]
    assert escale.is_dissolved
    assert escale.dissolved_on.isoformat() == "2020-09-30"
    parents = actors["W9T1000018"]
    assert parents.theme_list == ["education"]
    assert parents.is_dissolved
    assert parents.rna_former_id == "9851000014"
    # The register's personal fields (declarant, management address) are nowhere.
    everything = " ".join(str(value) for row in Actor.objects.values_list() for value in row)
    for personal in ("Hamjago", "quartier Tchad", "MERLO", "KAVANI"):
        assert personal not in everything


def test_a_large_import_rebuilds_the_full_text_index_in_one_pass(tmp_path, communes, monkeypatch):
    pending = ActorFactory(name="Forêt en attente", status=Actor.Status.PENDING)
    monkeypatch.setattr(rna, "BULK_ROWS", 2)
    rows = [waldec_row(id=f"W3320000{n:02d}", titre=f"FORÊT NUMÉRO {n}") for n in range(10)]
    run(write(tmp_path / "big.csv", csv_bytes(rows)))
    found = actors_search(filters=ActorFilters(text="foret"))
    assert found.total == 10
    assert pending.pk not in {actor.pk for actor in found.actors}
    # The index follows single changes again afterwards (its triggers, or its generated column).
    actor = Actor.objects.get(rna_id="W332000003")
    actor.name = "PRAIRIE"
    actor.save()
    assert actors_search(filters=ActorFilters(text="prairie")).total == 1
    assert actors_search(filters=ActorFilters(text="numero")).total == 9


def test_a_search_key_collision_reads_the_file_again_with_new_keys(tmp_path, communes, monkeypatch):
    taken = ActorFactory(name="Déjà là").search_key
    real = rna._keys.getrandbits
    draws = iter([taken])
    monkeypatch.setattr(rna._keys, "getrandbits", lambda bits: next(draws, None) or real(bits))
    run(write(tmp_path / "f.csv", csv_bytes([waldec_row(), waldec_row(id="W332000002")])))
    assert Actor.objects.filter(rna_id__isnull=False).count() == 2
    assert len(set(Actor.objects.values_list("search_key", flat=True))) == 3
