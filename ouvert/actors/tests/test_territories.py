import csv
import io
import lzma
import struct

import pytest
from django.core.management import call_command

from ouvert.actors.models import Commune, PostalCode
from ouvert.actors.territories import name_key, read_territories, wkb_centroid, wkb_point


def _point(x: float, y: float) -> str:
    return (b"\x01" + struct.pack("<I", 1) + struct.pack("<dd", x, y)).hex()


def _square(x: float, y: float, side: float) -> str:
    ring = [(x, y), (x + side, y), (x + side, y + side), (x, y + side), (x, y)]
    polygon = b"\x01" + struct.pack("<I", 3) + struct.pack("<I", 1) + struct.pack("<I", len(ring))
    polygon += b"".join(struct.pack("<dd", *point) for point in ring)
    header = (
        b"\x01" + struct.pack("<I", 6 | 0x20000000) + struct.pack("<I", 4326) + struct.pack("<I", 1)
    )
    return (header + polygon).hex()


def test_points_and_centroids_from_wkb():
    assert wkb_point(_point(2.5, 48.5)) == (2.5, 48.5)
    assert wkb_point("\\N") is None
    assert wkb_point(_point(float("nan"), float("nan"))) is None  # POINT EMPTY
    assert wkb_centroid(_square(2.0, 48.0, 1.0)) == pytest.approx((2.5, 48.5))


def test_commune_names_compare_without_spaces_accents_or_saint():
    assert name_key("M tsamboro") == name_key("Mtsamboro") == "MTSAMBORO"
    assert name_key("ST ÉTIENNE") == name_key("Saint-Étienne")


def _write(directory, name, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(rows)
    with lzma.open(directory / f"{name}.csv.lzma", "wt", encoding="utf-8") as handle:
        handle.write(buffer.getvalue())


COMMUNE_HEADER = ["id", "code", "type", "nom", "population_municipale", "departement_id",
                  "commune_parent_id", "geometry", "mairie_localisation"]  # fmt: skip


@pytest.fixture
def reference(tmp_path):
    _write(tmp_path, "regions", [["id", "code", "nom"], ["0", "75", "Nouvelle-Aquitaine"]])
    _write(
        tmp_path, "departements", [["id", "code", "nom", "region_id"], ["0", "33", "Gironde", "0"]]
    )
    _write(
        tmp_path,
        "communes",
        [
            COMMUNE_HEADER,
            ["0", "33063", "COM", "Bordeaux", "254436", "0", "\\N", "\\N", _point(-0.58, 44.84)],
            # No town hall point: the centroid of the boundary.
            ["1", "33318", "COM", "Pessac", "65000", "0", "\\N", _square(-0.7, 44.7, 0.2), "\\N"],
            # An arrondissement-like child takes its parent's département.
            ["2", "33999", "ARM", "Bordeaux-Nord", "", "\\N", "0", "\\N", _point(-0.57, 44.87)],
            # A delegated commune sharing the code of a current one is left out.
            ["3", "33318", "COMD", "Pessac-ancien", "", "0", "1", "\\N", _point(0, 0)],
            ["4", "33500", "SRM", "Secteur", "", "0", "\\N", "\\N", "\\N"],
        ],
    )
    _write(tmp_path, "codes_postaux", [["id", "code"], ["0", "33000"], ["1", "33600"]])
    _write(
        tmp_path,
        "codes_postaux_communes",
        [["codepostal_id", "commune_id"], ["0", "0"], ["1", "1"], ["0", "2"]],
    )
    return tmp_path


def test_reading_the_reference(reference):
    territories = read_territories(reference)
    communes = {row.code: row for row in territories.communes}
    assert set(communes) == {"33063", "33318", "33999"}
    assert communes["33318"].name == "Pessac"
    assert (communes["33318"].longitude, communes["33318"].latitude) == (-0.6, 44.8)
    assert communes["33999"].department_code == "33"
    assert territories.postal_codes == [("33000", "33063"), ("33000", "33999"), ("33600", "33318")]


@pytest.mark.django_db
def test_the_command_loads_once_and_reloads_on_demand(reference, capsys):
    call_command("load_communes", source=reference)
    assert Commune.objects.count() == 3
    assert PostalCode.objects.count() == 3
    call_command("load_communes", source=reference)
    assert "already loaded" in capsys.readouterr().out
    Commune.objects.filter(code="33063").update(name="Ancien nom")
    call_command("load_communes", source=reference, force=True)
    assert Commune.objects.get(code="33063").name == "Bordeaux"
