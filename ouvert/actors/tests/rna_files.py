"""Register files for tests, in the real formats (ouvert.actors.rna.WALDEC_COLUMNS...)."""

import csv
import io
import zipfile
from pathlib import Path

from ouvert.actors.rna import IMPORT_COLUMNS, WALDEC_COLUMNS

SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "france"
# The 2018 vintages: telephone after dir_civilite, email after siteweb.
WALDEC_2018_COLUMNS = [
    *WALDEC_COLUMNS[: WALDEC_COLUMNS.index("dir_civilite") + 1],
    "telephone",
    "siteweb",
    "email",
    *WALDEC_COLUMNS[WALDEC_COLUMNS.index("siteweb") + 1 :],
]
IMPORT_2018_COLUMNS = [
    *IMPORT_COLUMNS[: IMPORT_COLUMNS.index("dir_civilite") + 1],
    "telephone",
    "siteweb",
    "email",
    *IMPORT_COLUMNS[IMPORT_COLUMNS.index("siteweb") + 1 :],
]


def waldec_row(**values: str) -> dict[str, str]:
    row = {
        "id": "W332000001",
        "date_creat": "2015-03-02",
        "date_disso": "0001-01-01",
        "nature": "D",
        "groupement": "S",
        "titre": "AMIS DE LA FORÊT DES LANDES",
        "titre_court": "AFL",
        "objet": "protéger l'environnement et la forêt landaise",
        "objet_social1": "024015",
        "objet_social2": "000000",
        "adrs_codeinsee": "33063",
        "adrs_codepostal": "33000",
        "adrs_libcommune": "BORDEAUX",
        "position": "A",
        "maj_time": "2024-01-15 10:00:00",
    }
    row.update(values)
    return row


def csv_bytes(
    rows: list[dict[str, str]], columns: list[str] = WALDEC_COLUMNS, encoding: str = "utf-8"
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(column, "") for column in columns])
    return buffer.getvalue().encode(encoding)


def write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return path
