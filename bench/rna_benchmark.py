"""Benchmark the actors at the scale of the register: import, search and map, with the naive
baselines measured in the same run.

    .venv/bin/python bench/rna_generate.py 2300000 var/bench/rna_waldec_2300000.csv
    .venv/bin/python bench/rna_benchmark.py var/bench/rna_waldec_2300000.csv --database sqlite
    .venv/bin/python bench/rna_benchmark.py var/bench/rna_waldec_2300000.csv \
        --database postgresql --postgres postgres://postgres@127.0.0.1:5432

What it measures, in this order:
1. the raw load of the file by the engine itself (`sqlite3`'s `.import`, PostgreSQL's `COPY`);
2. `manage.py import_rna` of the same file into a fresh, migrated database holding the
   reference of communes: wall time and peak memory (maximum resident set, from /usr/bin/time);
3. 20 typical searches (words, theme, département...; first page of 20 with facet counts)
   through `actors_search`, against the naive query on the same database (rank every match,
   count facets by joining every match);
4. map clusters for whole France, a région and a city, without and with filters, through
   `actors_clusters`, against the naive grid over every actor row.
Each of ouvert's timings is taken `--repeat` times after a warm-up pass; p50 and p95 are over all
of them. The naive baselines (seconds each) are timed once, right after ouvert's on the same query.
"""

# ruff: noqa: S603 - commands and SQL built here from fixed parts.

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def run(command: list[str], environment: dict[str, str], **options) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=environment, check=True, **options)
    return time.perf_counter() - started


def machine() -> str:
    memory = Path("/proc/meminfo").read_text().split()[1]
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    load = os.getloadavg()
    return (
        f"{os.cpu_count()} cores ({model}), {int(memory) // 1024 // 1024} GiB, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}; "
        f"load average at start {load[0]:.2f}"
    )


# 1. Raw loads ---------------------------------------------------------------------------------


def raw_sqlite(path: Path, workdir: Path) -> float:
    database = workdir / "raw.sqlite3"
    database.unlink(missing_ok=True)
    script = f".mode csv\n.separator ;\n.import '{path}' raw\n"
    started = time.perf_counter()
    sqlite3 = shutil.which("sqlite3") or "sqlite3"
    subprocess.run([sqlite3, str(database)], input=script, text=True, check=True)
    elapsed = time.perf_counter() - started
    database.unlink()
    return elapsed


def raw_postgres(path: Path, server: str) -> float:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute("DROP DATABASE IF EXISTS ouvert_bench_raw")
        admin.execute("CREATE DATABASE ouvert_bench_raw")
    header = path.open(encoding="utf-8").readline().strip().split(";")
    columns = ", ".join(f'"{name}" text' for name in header)
    with psycopg.connect(f"{server}/ouvert_bench_raw") as connection:
        connection.execute(f"CREATE TABLE raw ({columns})")
        started = time.perf_counter()
        with (
            connection.cursor() as cursor,
            cursor.copy(
                "COPY raw FROM STDIN WITH (FORMAT csv, DELIMITER ';', HEADER true)"
            ) as copy,
            path.open("rb") as handle,
        ):
            while chunk := handle.read(1 << 20):
                copy.write(chunk)
        connection.commit()
        elapsed = time.perf_counter() - started
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute("DROP DATABASE ouvert_bench_raw")
    return elapsed


# 2. The import --------------------------------------------------------------------------------


def fresh_database(database: str, url: str, server: str | None, environment) -> None:
    if database == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
    else:
        import psycopg

        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute("DROP DATABASE IF EXISTS ouvert_bench")
            admin.execute("CREATE DATABASE ouvert_bench")
    run([PYTHON, "manage.py", "migrate", "--no-input", "-v0"], environment)
    run([PYTHON, "manage.py", "load_communes"], environment, stdout=subprocess.DEVNULL)


def timed_import(path: Path, environment, workdir: Path) -> tuple[float, int, str]:
    """Wall seconds, peak resident memory (KiB) and summary lines of `manage.py import_rna`."""
    measures = workdir / "import.time"
    output = workdir / "import.out"
    command = ["/usr/bin/time", "-f", "%M", "-o", str(measures), PYTHON, "manage.py", "import_rna"]
    with output.open("w") as handle:
        elapsed = run([*command, str(path)], environment, stdout=handle)
    lines = [line for line in output.read_text().splitlines() if "[" not in line]
    return elapsed, int(measures.read_text().split()[-1]), "\n".join(lines)


# 3 and 4. Search and map -----------------------------------------------------------------------


def queries():
    from ouvert.actors.search import ActorFilters

    return [
        ActorFilters(text="environnement"),
        ActorFilters(text="association"),
        ActorFilters(text="sport", department="33"),
        ActorFilters(text="culture", theme="culture", department="75"),
        ActorFilters(text="parents élèves"),
        ActorFilters(text="transparence"),
        ActorFilters(text="jardin partagé", department="69"),
        ActorFilters(text="musique", region="84"),
        ActorFilters(text="football", theme="leisure"),
        ActorFilters(text="solidarité", department="13"),
        ActorFilters(text="citoyens", open_government=True),
        ActorFilters(text="eau", theme="environment", department="29"),
        ActorFilters(text="femmes", theme="women"),
        ActorFilters(text="numérique", department="59"),
        ActorFilters(text="théâtre", department="31"),
        ActorFilters(text="secours", situation="active"),
        ActorFilters(text="chasse", department="40"),
        ActorFilters(text="quartier habitants", department="93"),
        ActorFilters(text="patrimoine", region="53"),
        ActorFilters(text="agriculteurs", theme="food"),
    ]


def viewports():
    from ouvert.actors.search import ActorFilters
    from ouvert.actors.selectors import BoundingBox

    france = (BoundingBox(south=41.2, west=-5.5, north=51.2, east=9.8), 6)
    region = (BoundingBox(south=48.1, west=1.4, north=49.3, east=3.6), 9)  # Île-de-France
    city = (BoundingBox(south=44.80, west=-0.65, north=44.88, east=-0.52), 13)  # Bordeaux
    cases = []
    for name, (box, zoom) in (("France", france), ("région", region), ("ville", city)):
        cases.append((f"{name}, tous", ActorFilters(), box, zoom))
        cases.append((f"{name}, thème environnement", ActorFilters(theme="environment"), box, zoom))
        cases.append((f"{name}, mot « sport »", ActorFilters(text="sport"), box, zoom))
    return cases


def timings(call, repeat: int, warm_up: bool = True) -> list[float]:
    if warm_up:
        call()
    measured = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        measured.append((time.perf_counter() - started) * 1000)
    return measured


def naive_search(filters) -> None:
    """The naive design: rank every match, count facets by joining every match."""
    from django.db import connection

    from ouvert.actors.search import PostgresEngine, SqliteEngine

    words_only = type(filters)(text=filters.text)
    conditions, params = [], []
    if filters.department:
        conditions.append("a.department_code = %s")
        params.append(filters.department)
    if filters.region:
        conditions.append("a.region_code = %s")
        params.append(filters.region)
    if filters.theme:
        conditions.append("(' ' || a.themes || ' ') LIKE %s")
        params.append(f"%% {filters.theme} %%".replace("%%", "%"))
    if filters.situation:
        conditions.append("a.is_dissolved = %s")
        params.append(filters.situation == "dissolved")
    extra = "".join(f" AND {condition}" for condition in conditions)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            match = SqliteEngine.match_expression(words_only)
            base = (
                "FROM actors_actor_fts f JOIN actors_actor a ON a.search_key = f.rowid "
                f"WHERE actors_actor_fts MATCH %s{extra}"
            )
            cursor.execute(f"SELECT a.id {base} ORDER BY f.rank LIMIT 20", [match, *params])
            cursor.fetchall()
            for column in ("a.themes", "a.department_code"):
                cursor.execute(
                    f"SELECT {column}, count(*) {base} GROUP BY {column}", [match, *params]
                )
                cursor.fetchall()
        else:
            query, query_params = PostgresEngine._query(words_only)
            base = f"FROM actors_actor a WHERE a.search_vector @@ ({query}){extra}"
            cursor.execute(
                f"SELECT a.id {base} ORDER BY ts_rank(a.search_vector, {query}) DESC LIMIT 20",
                [*query_params, *params, *query_params],
            )
            cursor.fetchall()
            for column in ("a.themes", "a.department_code"):
                cursor.execute(
                    f"SELECT {column}, count(*) {base} GROUP BY {column}", [*query_params, *params]
                )
                cursor.fetchall()


def naive_map(box, zoom) -> None:
    """The naive design: a grid over every actor row of the viewport."""
    from django.db import connection

    from ouvert.actors.selectors import cell_size

    size = cell_size(zoom)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT CAST((latitude + 90) / %s AS INTEGER), CAST((longitude + 180) / %s AS INTEGER), "
            "count(*), avg(latitude), avg(longitude) FROM actors_actor "
            "WHERE status = 'published' AND latitude BETWEEN %s AND %s AND longitude BETWEEN %s AND %s "
            "GROUP BY 1, 2",
            [size, size, box.south, box.north, box.west, box.east],
        )
        cursor.fetchall()


def measure_queries(repeat: int) -> dict:
    import django

    django.setup()
    from django.db import connection

    from ouvert.actors.models import Actor, ActorTally
    from ouvert.actors.selectors import actors_clusters, actors_search

    results: dict = {
        "actors": Actor.objects.count(),
        "tally_rows": ActorTally.objects.count(),
        "search": [],
        "map": [],
    }
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA cache_size = -262144")
    for filters in queries():
        ours = timings(lambda f=filters: actors_search(filters=f), repeat)
        naive = timings(lambda f=filters: naive_search(f), 1, warm_up=False)
        found = actors_search(filters=filters)
        results["search"].append(
            {
                "query": {k: v for k, v in filters.as_dict().items() if v},
                "total": found.total,
                "estimated": found.facets.estimated,
                "ours_ms": ours,
                "naive_ms": naive,
            }
        )
        print(
            f"  search {filters.text!r:28} {found.total:>9} hits  ours p50 "
            f"{statistics.median(ours):7.1f} ms  naive p50 {statistics.median(naive):8.1f} ms",
            file=sys.stderr,
        )
    for name, filters, box, zoom in viewports():
        ours = timings(
            lambda f=filters, b=box, z=zoom: actors_clusters(filters=f, box=b, zoom=z), repeat
        )
        naive = timings(lambda b=box, z=zoom: naive_map(b, z), 1, warm_up=False)
        clusters = actors_clusters(filters=filters, box=box, zoom=zoom)
        results["map"].append(
            {
                "viewport": name,
                "clusters": len(clusters.clusters),
                "ours_ms": ours,
                "naive_ms": naive,
            }
        )
        print(
            f"  map {name:32} {len(clusters.clusters):>5} clusters  ours p50 "
            f"{statistics.median(ours):7.1f} ms  naive p50 {statistics.median(naive):8.1f} ms",
            file=sys.stderr,
        )
    return results


def summary(results: dict) -> str:
    def p(values, share):
        return f"{percentile(values, share):,.1f}"

    search_ours = [t for row in results["search"] for t in row["ours_ms"]]
    search_naive = [t for row in results["search"] for t in row["naive_ms"]]
    map_ours = [t for row in results["map"] for t in row["ours_ms"]]
    map_naive = [t for row in results["map"] for t in row["naive_ms"]]
    lines = [
        f"- machine: {results['machine']}",
        f"- file: {results['file']} ({results['rows']:,} rows, {results['file_mib']:,} MiB)",
        f"- database: {results['database']}; {results['actors']:,} actors, {results['tally_rows']:,} tally rows",
        f"- load average at the end: {results['load_end']}",
        "- `import_rna` said:",
        *(f"      {line}" for line in results.get("import_output", "").splitlines()),
        "",
        "| measure | ouvert | baseline in the same run |",
        "|---|---:|---:|",
        f"| import of the whole file | {results['import_s']:,.1f} s (`import_rna`) | {results['raw_s']:,.1f} s ({results['raw_name']}) |",
        f"| peak memory of the import | {results['import_rss_kib'] / 1024:,.0f} MiB | — |",
        f"| search, 20 queries, p50 / p95 | {p(search_ours, 0.5)} / {p(search_ours, 0.95)} ms | {p(search_naive, 0.5)} / {p(search_naive, 0.95)} ms (naive) |",
        f"| map clusters, 9 viewports, p50 / p95 | {p(map_ours, 0.5)} / {p(map_ours, 0.95)} ms | {p(map_naive, 0.5)} / {p(map_naive, 0.95)} ms (naive) |",
        "",
        "| search | matches | ouvert p50 / max (ms) | naive p50 (ms) |",
        "|---|---:|---:|---:|",
    ]
    for row in results["search"]:
        query = ", ".join(f"{k}={v}" for k, v in row["query"].items())
        total = f"≈{row['total']:,}" if row["estimated"] else f"{row['total']:,}"
        lines.append(
            f"| {query} | {total} | {statistics.median(row['ours_ms']):,.1f} / {max(row['ours_ms']):,.1f} "
            f"| {statistics.median(row['naive_ms']):,.1f} |"
        )
    lines += [
        "",
        "| map viewport | clusters | ouvert p50 / max (ms) | naive p50 (ms) |",
        "|---|---:|---:|---:|",
    ]
    for row in results["map"]:
        lines.append(
            f"| {row['viewport']} | {row['clusters']} | {statistics.median(row['ours_ms']):,.1f} / "
            f"{max(row['ours_ms']):,.1f} | {statistics.median(row['naive_ms']):,.1f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument(
        "--postgres", default="postgres://postgres@127.0.0.1:5432", help="server, without database"
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--queries-only", action="store_true", help="reuse the imported database")
    arguments = parser.parse_args()
    path = arguments.file.resolve()
    workdir = ROOT / "var" / "bench"
    workdir.mkdir(parents=True, exist_ok=True)
    if arguments.database == "sqlite":
        url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    else:
        url = f"{arguments.postgres}/ouvert_bench"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.bench",
        "DATABASE_URL": url,
    }
    os.environ.update({"DJANGO_SETTINGS_MODULE": "config.settings.bench", "DATABASE_URL": url})
    sys.path.insert(0, str(ROOT))
    results: dict = {
        "machine": machine(),
        "database": arguments.database,
        "file": path.name,
        "file_mib": path.stat().st_size // 2**20,
        "rows": sum(1 for _ in path.open("rb")) - 1,
    }
    print(f"{results['rows']:,} rows; {results['machine']}", file=sys.stderr)
    if not arguments.queries_only:
        if arguments.database == "sqlite":
            if not shutil.which("sqlite3"):
                raise SystemExit("sqlite3 (the command-line shell) is needed for the baseline.")
            results["raw_name"] = "`sqlite3` `.import`"
            results["raw_s"] = raw_sqlite(path, workdir)
        else:
            results["raw_name"] = "`COPY`"
            results["raw_s"] = raw_postgres(path, arguments.postgres)
        print(f"raw load: {results['raw_s']:.1f} s", file=sys.stderr)
        fresh_database(arguments.database, url, arguments.postgres, environment)
        with tempfile.TemporaryDirectory() as scratch:
            results["import_s"], results["import_rss_kib"], results["import_output"] = timed_import(
                path, environment, Path(scratch)
            )
        print(
            f"import_rna: {results['import_s']:.1f} s, peak {results['import_rss_kib'] // 1024} MiB",
            file=sys.stderr,
        )
    results.update(measure_queries(arguments.repeat))
    results["load_end"] = " ".join(f"{value:.2f}" for value in os.getloadavg())
    output = workdir / f"results-{arguments.database}-{results['rows']}.json"
    if arguments.queries_only and output.exists():
        previous = json.loads(output.read_text())
        for key in ("raw_name", "raw_s", "import_s", "import_rss_kib", "import_output"):
            results.setdefault(key, previous.get(key))
    output.write_text(json.dumps(results, indent=1, ensure_ascii=False))
    print(summary(results))


if __name__ == "__main__":
    main()
