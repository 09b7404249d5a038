"""Write N synthetic associations in the real `rna_waldec` format (39 columns, ";", UTF-8).

    .venv/bin/python bench/rna_generate.py 2300000 var/bench/rna_waldec_synthetic.csv

Distributions follow the register: associations placed in communes in proportion to their
population (Alsace-Moselle left out, as in the RNA), "objet social" families in roughly the
register's shares (sport and culture first), titles of 15 to 120 characters, purposes from a
few words to more than 1 kB, about 14 % dissolved, 3 % with a SIRET, 2 % without INSEE code,
some "0001-01-01" dates; the personal columns are filled with fake values, as the real file has
them, so that the import is seen to skip them. Deterministic for a given seed.
"""

import argparse
import csv
import os
import random
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
django.setup()

from ouvert.actors.rna import WALDEC_COLUMNS  # noqa: E402
from ouvert.actors.territories import read_territories  # noqa: E402
from ouvert.actors.themes import NOMENCLATURE  # noqa: E402

# Share of each family, in per mille, close to the register's.
FAMILY_SHARES = {
    "011": 170, "006": 140, "007": 80, "009": 60, "014": 60, "015": 60, "020": 40, "019": 40,
    "024": 40, "030": 40, "010": 30, "017": 30, "022": 25, "023": 25, "013": 20, "005": 15,
    "003": 15, "021": 15, "018": 12, "016": 10, "002": 10, "001": 8, "032": 8, "034": 8,
    "036": 7, "038": 7, "040": 15, "004": 5, "050": 5,
}  # fmt: skip

# Words of purposes by family, then words every purpose may use.
FAMILY_WORDS = {
    "001": "action politique citoyens élections débat démocratie local programme",
    "002": "réflexion conférences cercle débats idées société laïcité philanthropie",
    "003": "droits défense libertés égalité discriminations citoyenneté femmes enfants handicap",
    "004": "justice droit médiation accès victimes juridique conseil",
    "005": "information communication radio presse journal internet numérique médias",
    "006": "culture musique théâtre danse chant arts spectacle festival cinéma lecture",
    "007": "loisirs jeux amis rencontres collection échanges fêtes sorties",
    "009": "jeunes éducation populaire animation quartier fêtes comité maison",
    "010": "patrimoine histoire mémoire sauvegarde monuments musée village",
    "011": "sport football tennis randonnée gymnastique pétanque compétition club équipe",
    "013": "chasse pêche gibier rivière nature",
    "014": "amicale entraide anciens solidarité membres convivialité",
    "015": "parents élèves école formation enseignement étudiants collège",
    "016": "recherche études sciences savoirs société politique",
    "017": "santé malades prévention soins patients don",
    "018": "accueil enfance handicap établissement accompagnement",
    "019": "social familles insertion aide précarité violences soutien",
    "020": "solidarité humanitaire alimentaire aide développement bénévolat secours",
    "021": "personnes âgées aide domicile crèche familles",
    "022": "économie gestion entreprises commerce activités",
    "023": "défense intérêts professionnels agriculteurs usagers consommateurs contribuables",
    "024": "environnement nature protection eau forêt biodiversité climat jardin partagé animaux",
    "030": "développement local emploi quartier vie locale initiatives habitants",
    "032": "logement locataires habitat",
    "034": "tourisme vacances accueil gîtes",
    "036": "secours sécurité protection civile pompiers",
    "038": "anciens combattants mémoire militaires",
    "040": "culte paroisse spiritualité",
    "050": "divers activités",
}
COMMON_WORDS = [
    "promouvoir",
    "organiser",
    "développer",
    "favoriser",
    "soutenir",
    "rassembler",
    "accompagner",
    "sensibiliser",
    "informer",
    "représenter",
    "créer",
    "gérer",
    "animer",
    "valoriser",
    "participer",
    "contribuer",
    "activités",
    "membres",
    "public",
    "habitants",
    "commune",
    "région",
    "territoire",
    "actions",
    "projets",
    "manifestations",
    "rencontres",
    "échanges",
    "partenaires",
    "collectivités",
    "association",
    "adhérents",
    "objectifs",
    "moyens",
    "toute",
    "personne",
]
TITLE_PREFIXES = ["ASSOCIATION", "AMICALE", "COMITE", "CLUB", "UNION", "LES AMIS DE", "COLLECTIF"]
EXCLUDED_DEPARTMENTS = {"57", "67", "68"}


def _phrase(rng: random.Random, words: list[str], length: int) -> str:
    return " ".join(rng.choice(words) for _ in range(length))


def generate(rows: int, path: Path, seed: int = 2026) -> None:
    rng = random.Random(seed)
    territories = read_territories()
    communes = [
        commune
        for commune in territories.communes
        if commune.population and commune.department_code not in EXCLUDED_DEPARTMENTS
    ]
    postal_of: dict[str, str] = {}
    for postal, code in territories.postal_codes:
        postal_of.setdefault(code, postal)
    weights = [commune.population for commune in communes]
    codes_by_family: dict[str, list[str]] = {}
    for code in NOMENCLATURE:
        codes_by_family.setdefault(code[:3], []).append(code)
    families = list(FAMILY_SHARES)
    family_weights = list(FAMILY_SHARES.values())
    family_words = {family: words.split() for family, words in FAMILY_WORDS.items()}
    index = {column: position for position, column in enumerate(WALDEC_COLUMNS)}
    chunk = 50_000
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        writer.writerow(WALDEC_COLUMNS)
        for start in range(0, rows, chunk):
            count = min(chunk, rows - start)
            places = rng.choices(communes, weights=weights, k=count)
            chosen = rng.choices(families, weights=family_weights, k=count)
            for offset in range(count):
                n = start + offset
                commune, family = places[offset], chosen[offset]
                words = family_words[family] + COMMON_WORDS
                own = family_words[family]
                row = [""] * len(WALDEC_COLUMNS)
                row[index["id"]] = f"W{commune.department_code[:2]}{n:07d}"
                created = (
                    f"{rng.randint(1950, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                )
                row[index["date_creat"]] = created
                row[index["date_decla"]] = created
                row[index["date_publi"]] = created if rng.random() > 0.05 else "0001-01-01"
                dissolved = rng.random() < 0.14
                row[index["date_disso"]] = (
                    f"{rng.randint(2010, 2025)}-{rng.randint(1, 12):02d}-01"
                    if dissolved and rng.random() < 0.7
                    else "0001-01-01"
                )
                row[index["position"]] = "D" if dissolved else rng.choice("AAAAAAAAAR")
                row[index["nature"]] = "D"
                row[index["groupement"]] = "S"
                title = f"{rng.choice(TITLE_PREFIXES)} {_phrase(rng, own, rng.randint(1, 4))}"
                if rng.random() < 0.5:
                    title += f" DE {commune.name}"
                row[index["titre"]] = title.upper()[:250]
                row[index["titre_court"]] = title.upper()[:30]
                sentences = max(1, int(rng.lognormvariate(1.0, 0.8)))
                row[index["objet"]] = ", ".join(
                    _phrase(rng, words, rng.randint(6, 18)) for _ in range(min(sentences, 12))
                )
                row[index["objet_social1"]] = rng.choice(codes_by_family[family])
                second = rng.random() < 0.35
                row[index["objet_social2"]] = (
                    rng.choice(codes_by_family[rng.choices(families, family_weights)[0]])
                    if second
                    else "000000"
                )
                row[index["siret"]] = (
                    f"{rng.randint(10**13, 10**14 - 1)}" if rng.random() < 0.03 else ""
                )
                row[index["adrs_codeinsee"]] = commune.code if rng.random() > 0.02 else ""
                row[index["adrs_codepostal"]] = postal_of.get(commune.code, "")
                row[index["adrs_libcommune"]] = commune.name.upper()
                row[index["adrs_numvoie"]] = str(rng.randint(1, 120))
                row[index["adrs_typevoie"]] = rng.choice(["RUE", "AV", "PL", "CHE"])
                row[index["adrs_libvoie"]] = "de la Mairie"
                # Fake personal values where the register has real ones: the import skips them.
                row[index["adrg_declarant"]] = f"DECLARANT FICTIF {n}"
                row[index["adrg_libvoie"]] = f"{n % 97} RUE FICTIVE"
                row[index["adrg_codepostal"]] = postal_of.get(commune.code, "")
                row[index["adrg_achemine"]] = commune.name.upper()
                row[index["adrg_pays"]] = "FRANCE"
                row[index["dir_civilite"]] = rng.choice(["PM", "MME", "M"])
                row[index["siteweb"]] = f"www.asso-{n}.fr" if rng.random() < 0.08 else ""
                row[index["publiweb"]] = "0"
                row[index["maj_time"]] = (
                    f"{rng.randint(2010, 2025)}-{rng.randint(1, 12):02d}-15 10:00:00"
                )
                writer.writerow(row)
            print(f"\r{start + count:>10,} rows", end="", file=sys.stderr)
    print(file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int)
    parser.add_argument("path", type=Path)
    parser.add_argument("--seed", type=int, default=2026)
    arguments = parser.parse_args()
    arguments.path.parent.mkdir(parents=True, exist_ok=True)
    generate(arguments.rows, arguments.path, arguments.seed)


if __name__ == "__main__":
    main()
