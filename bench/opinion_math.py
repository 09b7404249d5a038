"""Benchmark the opinion-mapping math against red-dwarf, in the same run, on the same votes.

    .venv/bin/python bench/opinion_math.py [--skip-red-dwarf] [--skip-large] [--repeat 3]

Cases: a synthetic conversation of 20,000 participants x 2,000 statements x 1.2 M votes with
three latent groups; the largest shared Pol.is conversations (../shared/polis-opendata, skipped
when absent); ours alone at Pol.is's caps, 100,000 x 10,000 x 6 M. For each case and
implementation a fresh process loads the votes, runs the full computation (vote matrix, PCA,
clustering, statistics), and reports its wall time and its peak resident memory (which
includes the interpreter, the libraries and the input arrays). Ours is also timed on an
incremental update: the state of the conversation minus its last 2,000 votes, then one update
with them. red-dwarf (PyPI, MPL-2.0) is installed on first use into var/bench/red-dwarf-venv,
never into the project's environment. Prints one JSON object per measurement, then a
Markdown table.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "polis-opendata"
WORK = ROOT / "var" / "bench"
RED_DWARF_VENV = WORK / "red-dwarf-venv"
RED_DWARF_VERSION = "0.4.0"
LARGEST_SHARED = (
    "austria-climate.5twd2jsnkf.2022-08-08",
    "ssis.land-bank-farmland.2rumnecbeh.2021-08-01",
    "scoop-hivemind.biodiversity",
)


# Votes --------------------------------------------------------------------------------------------


def synthetic(participants: int, statements: int, votes: int, seed: int = 2026) -> dict:
    """Votes of a conversation with three latent opinion groups, in time order.

    Each participant votes on votes/participants distinct statements (an arithmetic progression
    modulo the number of statements, with a step coprime to it), with their group's stance 80 %
    of the time, passing 10 % of the time.
    """
    rng = np.random.default_rng(seed)
    per = votes // participants
    group = rng.integers(3, size=participants)
    stance = rng.choice(np.array([-1, 1], dtype=np.int8), size=(3, statements))
    steps = np.array([s for s in range(1, statements) if np.gcd(s, statements) == 1])
    start = rng.integers(statements, size=participants)
    step = rng.choice(steps, size=participants)
    columns = (start[:, None] + step[:, None] * np.arange(per)[None, :]) % statements
    rows = np.repeat(np.arange(participants), per)
    columns = columns.ravel()
    value = stance[group[rows], columns]
    draw = rng.random(len(rows))
    value = np.where(draw < 0.2, -value, value)
    value = np.where(draw > 0.9, 0, value).astype(np.int8)
    return {
        "participants": rows.astype(np.int64),
        "statements": columns.astype(np.int64),
        "values": value,
        "timestamps": np.arange(len(rows), dtype=np.int64),
        "moderated_out": np.array([], dtype=np.int64),
    }


def shared(name: str) -> dict | None:
    directory = SHARED / name
    if not directory.is_dir():
        return None
    sys.path.insert(0, str(ROOT))
    from ouvert.conversations import polis

    export = polis.read_export(directory)
    votes = export.votes
    # The latest vote of each participant on each statement, in time order: red-dwarf's pivot
    # takes one vote per cell.
    key = votes.voters * (int(votes.comments.max()) + 1) + votes.comments
    _, last_from_end = np.unique(key[::-1], return_index=True)
    latest = np.sort(len(key) - 1 - last_from_end)
    return {
        "participants": votes.voters[latest],
        "statements": votes.comments[latest],
        "values": votes.values[latest],
        "timestamps": votes.timestamps[latest],
        "moderated_out": export.moderated_out,
    }


def save(case: str, votes: dict) -> Path:
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / f"{case}.npz"
    np.savez(path, **votes)
    return path


# Runners (each in its own process) ----------------------------------------------------------------


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_ours(path: str, incremental: bool) -> dict:
    sys.path.insert(0, str(ROOT))
    from ouvert.conversations.analysis.matrix import build_vote_matrix
    from ouvert.conversations.analysis.pipeline import update

    with np.load(path) as data:
        votes = {key: data[key] for key in data.files}
    loaded = _peak_mb()
    started = time.perf_counter()
    matrix = build_vote_matrix(votes["participants"], votes["statements"], votes["values"])
    analysis, state = update(
        matrix, moderated_out=votes["moderated_out"], rng=np.random.default_rng(0)
    )
    seconds = time.perf_counter() - started
    result = {
        "seconds": seconds,
        "peak_mb": _peak_mb(),
        "input_peak_mb": loaded,
        "k": analysis.k,
        "groups": np.bincount(
            analysis.participant_groups[analysis.participant_groups >= 0]
        ).tolist(),
        "pca_iterations": analysis.pca.iterations.tolist(),
    }
    if incremental:
        batch = 2000
        head = slice(0, len(votes["values"]) - batch)
        earlier = build_vote_matrix(
            votes["participants"][head], votes["statements"][head], votes["values"][head]
        )
        _, state = update(
            earlier, moderated_out=votes["moderated_out"], rng=np.random.default_rng(0)
        )
        started = time.perf_counter()
        matrix = build_vote_matrix(votes["participants"], votes["statements"], votes["values"])
        analysis, _ = update(
            matrix,
            moderated_out=votes["moderated_out"],
            previous=state,
            rng=np.random.default_rng(1),
        )
        result["incremental_seconds"] = time.perf_counter() - started
        result["incremental_pca_iterations"] = analysis.pca.iterations.tolist()
    return result


def run_red_dwarf(path: str) -> dict:
    from reddwarf.implementations.polis import run_pipeline

    with np.load(path) as data:
        votes = {key: data[key] for key in data.files}
    table = {
        "participant_id": votes["participants"],
        "statement_id": votes["statements"],
        "vote": votes["values"].astype(np.int64),
        "modified": votes["timestamps"],
    }
    loaded = _peak_mb()
    started = time.perf_counter()
    result = run_pipeline(
        votes=table, mod_out_statement_ids=votes["moderated_out"].tolist(), random_state=0
    )
    seconds = time.perf_counter() - started
    labels = result.clusterer.labels_ if result.clusterer is not None else np.array([])
    return {
        "seconds": seconds,
        "peak_mb": _peak_mb(),
        "input_peak_mb": loaded,
        "k": len(set(labels.tolist())),
        "groups": np.bincount(labels).tolist() if len(labels) else [],
    }


def _ensure_red_dwarf() -> Path:
    python = RED_DWARF_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(RED_DWARF_VENV)], check=True)  # noqa: S603 - our own interpreter
        subprocess.run(  # noqa: S603 - pip of the venv just made
            [str(python), "-m", "pip", "install", "--quiet", f"red-dwarf=={RED_DWARF_VERSION}"],
            check=True,
        )
    return python


def _child(python: Path, runner: str, path: Path, *extra: str) -> dict:
    output = subprocess.run(  # noqa: S603 - this script, in a fresh interpreter
        [str(python), __file__, "--child", runner, str(path), *extra],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def measure(case: str, path: Path, votes: dict, *, red_dwarf: bool, repeat: int) -> list[dict]:
    shape = {
        "case": case,
        "participants": len(np.unique(votes["participants"])),
        "statements": len(np.unique(votes["statements"])),
        "votes": len(votes["values"]),
    }
    lines = []
    runs = [_child(Path(sys.executable), "ours", path, "--incremental") for _ in range(repeat)]
    lines.append({**shape, "implementation": "ouvert", **_median(runs)})
    if red_dwarf:
        python = _ensure_red_dwarf()
        runs = [_child(python, "red-dwarf", path) for _ in range(repeat)]
        lines.append({**shape, "implementation": f"red-dwarf {RED_DWARF_VERSION}", **_median(runs)})
    for line in lines:
        print(json.dumps(line), flush=True)
    return lines


def _median(runs: list[dict]) -> dict:
    merged = dict(runs[0])
    for key in ("seconds", "peak_mb", "input_peak_mb", "incremental_seconds"):
        if key in merged:
            merged[key] = round(statistics.median(run[key] for run in runs), 3)
    merged["runs"] = len(runs)
    return merged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--incremental", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--skip-red-dwarf", action="store_true")
    parser.add_argument("--skip-large", action="store_true", help="Skip 100k x 10k x 6M.")
    parser.add_argument("--repeat", type=int, default=3, help="Runs per measurement (median).")
    arguments = parser.parse_args()
    if arguments.child:
        runner, path = arguments.child[0], arguments.child[1]
        result = run_ours(path, arguments.incremental) if runner == "ours" else run_red_dwarf(path)
        print(json.dumps(result))
        return
    print(
        json.dumps(
            {
                "machine": os.uname().nodename,
                "cpus": os.cpu_count(),
                "load_average": os.getloadavg(),
                "python": sys.version.split()[0],
                "numpy": np.__version__,
            }
        ),
        flush=True,
    )
    lines = []
    votes = synthetic(20_000, 2_000, 1_200_000)
    lines += measure(
        "synthetic 20k x 2k x 1.2M",
        save("synthetic-20k", votes),
        votes,
        red_dwarf=not arguments.skip_red_dwarf,
        repeat=arguments.repeat,
    )
    for name in LARGEST_SHARED:
        votes = shared(name)
        if votes is not None:
            lines += measure(
                name,
                save(name, votes),
                votes,
                red_dwarf=not arguments.skip_red_dwarf,
                repeat=arguments.repeat,
            )
    if not arguments.skip_large:
        votes = synthetic(100_000, 10_000, 6_000_000)
        lines += measure(
            "synthetic 100k x 10k x 6M (Pol.is's caps)",
            save("synthetic-100k", votes),
            votes,
            red_dwarf=False,
            repeat=arguments.repeat,
        )
    print()
    print("| case | implementation | seconds | peak MB | incremental s | k |")
    print("|---|---|---:|---:|---:|---:|")
    for line in lines:
        print(
            f"| {line['case']} | {line['implementation']} | {line['seconds']:.2f} | "
            f"{line['peak_mb']:.0f} | {line.get('incremental_seconds', '—')} | {line['k']} |"
        )
    print(f"\nload average after the run: {os.getloadavg()}")


if __name__ == "__main__":
    main()
