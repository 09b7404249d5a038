"""Benchmark: the public pages of a large plan (issue 4's target: dashboard and list p95 < 100 ms).

Builds a throwaway database with one plan of 200 commitments, 2,000 milestones and 20,000 progress
updates, then times the plan's pages through Django's full request stack (middleware, templates),
and, in the same run, two baselines on the same data: the database engine's floor (one raw SQL
aggregate of milestones per commitment) and the naive ORM loop (one query per commitment).

    .venv/bin/python bench/plans_dashboard.py                        # SQLite in a temporary file
    DATABASE_URL=postgres://user@127.0.0.1:5432/bench .venv/bin/python bench/plans_dashboard.py

The PostgreSQL database is dropped and re-created by Django's test runner machinery: never point
DATABASE_URL at a database you care about.
"""

import datetime
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = (
        f"sqlite:///{tempfile.mkdtemp(prefix='ouvert-bench-')}/bench.sqlite3"
    )

import warnings  # noqa: E402

import django  # noqa: E402

# WhiteNoise warns that the benchmark never collected static files; it serves none here.
warnings.filterwarnings("ignore", message="No directory at")

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402
from django.utils import timezone  # noqa: E402

COMMITMENTS, MILESTONES_PER, UPDATES_PER = 200, 10, 100
RUNS = 50


def build() -> None:
    from ouvert.accounts.models import User
    from ouvert.actors.models import Actor
    from ouvert.plans.models import ActionPlan, Commitment, Milestone, Phase, ProgressUpdate

    rng = random.Random(20261127)
    today = timezone.localdate()
    agent = User.objects.create_user("agent@bench.example", "x", display_name="Agent")
    institutions = Actor.objects.bulk_create(
        Actor(name=f"Ministère {n}", kind=Actor.Kind.PUBLIC_BODY) for n in range(25)
    )
    plan = ActionPlan.objects.create(slug="2030-2032", title="Plan 2030-2032", status="published")
    Phase.objects.create(
        plan=plan,
        kind="implementation",
        starts_on=today - datetime.timedelta(days=400),
        ends_on=today + datetime.timedelta(days=300),
    )
    themes = [
        "transparency",
        "participation",
        "digital",
        "environment",
        "health",
        "education",
        "justice",
    ]
    commitments = Commitment.objects.bulk_create(
        Commitment(
            plan=plan,
            reference=f"B{n:04d}",
            number=n,
            title=f"Engagement de référence numéro {n} sur la transparence",
            description="Un texte d'engagement. " * 40,
            status="published",
            theme=rng.choice(themes),
            ogp_values=["access_to_information"],
            lead_institution=rng.choice(institutions),
            search_text=f"engagement de reference numero {n} sur la transparence",
        )
        for n in range(1, COMMITMENTS + 1)
    )
    statuses = ["not_started", "in_progress", "completed", "completed", "abandoned"]
    milestones = Milestone.objects.bulk_create(
        Milestone(
            commitment=commitment,
            reference=f"{commitment.reference}-{m}",
            title=f"Jalon {m}",
            ends_on=today + datetime.timedelta(days=rng.randint(-300, 300)),
            weight=rng.randint(1, 3),
            status=rng.choice(statuses),
        )
        for commitment in commitments
        for m in range(MILESTONES_PER)
    )
    by_commitment = {}
    for milestone in milestones:
        by_commitment.setdefault(milestone.commitment_id, []).append(milestone)
    now = timezone.now()
    ProgressUpdate.objects.bulk_create(
        (
            ProgressUpdate(
                commitment=commitment,
                milestone=rng.choice(by_commitment[commitment.pk]),
                author=agent,
                institution=commitment.lead_institution,
                published_at=now - datetime.timedelta(minutes=rng.randint(0, 500_000)),
                text="Point d'avancement. " * 20,
            )
            for commitment in commitments
            for _ in range(UPDATES_PER)
        ),
        batch_size=2000,
    )


def timed(label: str, action) -> dict:
    action()  # warm-up: caches, prepared plans
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    p95 = samples[int(0.95 * len(samples)) - 1]
    print(f"| {label} | {statistics.median(samples):.1f} | {p95:.1f} |")
    return {"p50": statistics.median(samples), "p95": p95}


def page(client: Client, url: str):
    def get():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        if response.streaming:
            b"".join(response.streaming_content)

    return get


def engine_floor():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.id, SUM(m.weight), COUNT(m.id) FROM plans_commitment c "
            "JOIN plans_milestone m ON m.commitment_id = c.id GROUP BY c.id"
        )
        cursor.fetchall()


def naive_loop():
    from ouvert.plans.models import Commitment

    for commitment in Commitment.objects.filter(plan__slug="2030-2032"):
        list(commitment.milestones.all())


def main() -> None:
    old = setup_databases(verbosity=0, interactive=False, keepdb=False)
    try:
        started = time.perf_counter()
        build()
        print(
            f"Data: 1 plan, {COMMITMENTS} commitments, {COMMITMENTS * MILESTONES_PER} milestones, "
            f"{COMMITMENTS * UPDATES_PER} updates, built in {time.perf_counter() - started:.1f} s"
        )
        print(
            f"Database: {connection.vendor} {connection.Database.sqlite_version if connection.vendor == 'sqlite' else connection.pg_version}; "
            f"Python {platform.python_version()}; {os.cpu_count()} cores; {RUNS} timed requests each, after one warm-up"
        )
        print()
        print("| measure | p50 (ms) | p95 (ms) |")
        print("|---|---:|---:|")
        client = Client()
        timed("baseline: engine floor (one raw SQL aggregate over the milestones)", engine_floor)
        timed("baseline: naive ORM loop (one query per commitment)", naive_loop)
        timed(
            "dashboard page `/plans/2030-2032/tableau-de-bord/`",
            page(client, "/plans/2030-2032/tableau-de-bord/"),
        )
        timed(
            "plan page, first 50 of its 200 commitments `/plans/2030-2032/`",
            page(client, "/plans/2030-2032/"),
        )
        timed(
            "commitment list, first page `/engagements/?plan=2030-2032`",
            page(client, "/engagements/?plan=2030-2032"),
        )
        timed(
            "commitment list, search and filter `/engagements/?q=transparence&theme=health`",
            page(client, "/engagements/?q=transparence&theme=health"),
        )
        timed(
            "API list `/api/commitments/?plan=2030-2032`",
            page(client, "/api/commitments/?plan=2030-2032"),
        )
        timed(
            "end-of-term report `/plans/2030-2032/bilan/`", page(client, "/plans/2030-2032/bilan/")
        )
        timed(
            "one commitment with 100 updates `/engagements/B0100/`",
            page(client, "/engagements/B0100/"),
        )
        timed(
            "Atom feed of the plan (50 latest updates)",
            page(client, "/plans/2030-2032/avancement.atom"),
        )
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
