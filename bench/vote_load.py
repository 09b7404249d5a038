"""Load test of the vote endpoint: how many votes a second, and is every vote kept?

    .venv/bin/python bench/vote_load.py [--seconds 30] [--server granian|gunicorn] [--workers 2]
        [--threads 4] [--connections 64] [--participants 3000] [--statements 300]
        [--database-url URL] [--no-worker]

The set-up is production's: `config.settings.prod`, granian (WSGI workers, keep-alive) on
PostgreSQL, persistent database connections, one background worker (`manage.py db_worker`)
updating the opinion map while the votes pour in. Without --database-url the script starts a
throwaway PostgreSQL cluster with its default durability (fsync and synchronous commit on), as
.ci/run does for the tests (as the postgres user when run as root), and removes it afterwards.

Anonymous participants are created beforehand and vote with their signed participation cookie
and a CSRF token, as a browser would; each vote is a new (participant, statement) pair, sent over
`--connections` keep-alive connections by an asyncio client in this process. Afterwards the votes
in the database are counted against the votes the server acknowledged: none may be missing.
"""

import argparse
import asyncio
import json
import os
import random
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ouvert.core.testing.production import (  # noqa: E402
    free_port,
    production_environment,
    wait_until_listening,
)

VENV_BIN = ROOT / ".venv" / "bin"
SLUG = "charge"


class ThrowawayPostgres:
    """A PostgreSQL cluster in a temporary directory, on 127.0.0.1."""

    def __init__(self) -> None:
        versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
        if not versions:
            sys.exit(
                "PostgreSQL is not installed (apt install postgresql), or pass --database-url."
            )
        self.bin = versions[-1]
        self.data = Path(tempfile.mkdtemp(prefix="ouvert-bench-pg."))
        self.port = free_port()
        self.root = os.getuid() == 0
        if self.root:
            shutil.chown(self.data, "postgres")

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.root else []
        subprocess.run([*prefix, *command], check=True, stdout=subprocess.DEVNULL)  # noqa: S603

    def start(self) -> str:
        self._run(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-w",
            "-l",
            str(self.data / "server.log"),
            "start",
            "-o",
            f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 -c max_connections=200"
            + os.environ.get("BENCH_PG_OPTIONS", ""),
        )
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def postmaster(self) -> int:
        return int((self.data / "postmaster.pid").read_text().split()[0])

    def stop(self) -> None:
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "stop")
        finally:
            shutil.rmtree(self.data, ignore_errors=True)


def prepare(environment: dict[str, str], participants: int, statements: int) -> dict:
    """Migrate, then create an open conversation, its statements and participants; return the
    participation cookie of each participant."""
    os.environ.update(environment)
    import django

    django.setup()
    from django.core.management import call_command

    from ouvert.conversations import participation
    from ouvert.conversations.models import Conversation, Participant, Statement
    from ouvert.plans.models import ActionPlan

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    plan, _ = ActionPlan.objects.get_or_create(
        slug="bench", defaults={"title": "Plan de charge", "status": ActionPlan.Status.PUBLISHED}
    )
    Conversation.objects.filter(slug=SLUG).delete()
    conversation = Conversation.objects.create(
        slug=SLUG,
        title="Charge",
        plan=plan,
        status=Conversation.Status.OPEN,
        participants_numbered=participants,
        statements_numbered=statements,
    )
    Statement.objects.bulk_create(
        Statement(
            conversation=conversation,
            number=n,
            text=f"Proposition {n}",
            status=Statement.Status.ACCEPTED,
            is_seed=True,
        )
        for n in range(statements)
    )
    created = Participant.objects.bulk_create(
        Participant(conversation=conversation, number=n) for n in range(participants)
    )
    return {
        "conversation": conversation.pk,
        "cookies": [participation.cookie_value({conversation.pk: p.pk}) for p in created],
    }


def map_version(conversation_id: int) -> int:
    """How many times the opinion map was updated."""
    from ouvert.conversations.models import Analysis

    analysis = Analysis.objects.filter(pk=conversation_id).first()
    return analysis.version if analysis else 0


def count_votes(conversation_id: int) -> int:
    from ouvert.conversations.models import Vote

    return Vote.objects.filter(conversation_id=conversation_id).count()


def wait_for_worker(conversation_id: int, timeout: float = 120.0) -> None:
    """Ask the worker for an update of the (still empty) map and wait until it is done.

    Measuring starts after this: otherwise the worker's start (importing Django and numpy) could
    fall inside the measured seconds, counted as CPU per vote and competing with the server.
    """
    from ouvert.conversations.services import analyses

    analyses.analysis_request(conversation_id=conversation_id)  # queued at once: no transaction
    deadline = time.monotonic() + timeout
    while map_version(conversation_id) < 1:
        if time.monotonic() > deadline:
            sys.exit(f"The worker did not update the opinion map within {timeout:.0f} s.")
        time.sleep(0.2)


async def _client(port, jobs, deadline, csrf, results):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.perf_counter() < deadline:
            try:
                cookie, number = next(jobs)
            except StopIteration:
                return
            body = json.dumps(
                {"statement": number, "vote": random.choice(["agree", "disagree", "pass"])}
            ).encode()
            request = (
                f"POST /api/conversations/{SLUG}/votes HTTP/1.1\r\n"
                "Host: 127.0.0.1\r\n"
                "Content-Type: application/json\r\n"
                f"X-CSRFToken: {csrf}\r\n"
                f"Cookie: csrftoken={csrf}; ouvert_participation={cookie}\r\n"
                f"Content-Length: {len(body)}\r\n\r\n"
            ).encode() + body
            started = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            status = int(lines[0].split()[1])
            headers = {
                name.lower(): value.strip()
                for name, _, value in (line.partition(":") for line in lines[1:] if line)
            }
            payload = await reader.readexactly(int(headers.get("content-length", "0")))
            results.append((status, b'"created": true' in payload, time.perf_counter() - started))
            if headers.get("connection", "").lower() == "close":
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
    finally:
        writer.close()


def vote_pairs(cookies: list[str], statements: int):
    """(participant cookie, statement number) for each vote, each pair once: participants vote
    side by side, each on the statements in their own random order."""
    orders = [random.sample(range(statements), statements) for _ in cookies]
    for step in range(statements):
        for cookie, order in zip(cookies, orders, strict=True):
            yield cookie, order[step]


async def load(port, cookies, statements, connections, seconds) -> tuple[list, float]:
    csrf = secrets.token_hex(16)  # 32 characters: an unmasked CSRF secret
    jobs = vote_pairs(cookies, statements)
    results: list = []
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(
        *(_client(port, jobs, deadline, csrf, results) for _ in range(connections))
    )
    return results, time.perf_counter() - started


_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used, from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICKS


def process_family(root: int) -> list[int]:
    """`root` and its child processes (the web server's workers, PostgreSQL's backends)."""
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if parent == root:
                children.append(int(entry.name))
    return [root, *children]


def _cpu(groups: dict[str, list[int]]) -> dict[str, float]:
    return {name: sum(cpu_seconds(pid) for pid in pids) for name, pids in groups.items()}


def _server(arguments: argparse.Namespace, port: int) -> tuple[list[str], str]:
    """The command that starts the web server on `port`, and its description for the report."""
    shape = f"{arguments.workers} {{}} workers x {arguments.threads} threads"
    if arguments.server == "granian":
        command = [
            str(VENV_BIN / "granian"),
            "--interface",
            "wsgi",
            "config.wsgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(arguments.workers),
            "--blocking-threads",
            str(arguments.threads),
            "--log-level",
            "warning",
        ]
        return command, "granian " + shape.format("WSGI")
    command = [
        str(VENV_BIN / "gunicorn"),
        "config.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(arguments.workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(arguments.threads),
        "--keep-alive",
        "30",
        "--log-level",
        "warning",
    ]
    return command, "gunicorn " + shape.format("gthread")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument(
        "--server",
        choices=["granian", "gunicorn"],
        default="granian",
        help="The production server, or gunicorn (gthread workers), the one it replaced.",
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--participants", type=int, default=3000)
    parser.add_argument("--statements", type=int, default=300)
    parser.add_argument("--database-url", help="Use this PostgreSQL instead of a throwaway one.")
    parser.add_argument(
        "--no-worker", action="store_true", help="Do not run the background worker."
    )
    arguments = parser.parse_args()

    cluster = None
    database_url = arguments.database_url
    if not database_url:
        cluster = ThrowawayPostgres()
        database_url = cluster.start()
    processes = []
    try:
        environment = production_environment(
            database_url=database_url, var_dir=ROOT / "var" / "bench"
        )
        prepared = prepare(environment, arguments.participants, arguments.statements)
        port = free_port()
        server_command, server_label = _server(arguments, port)
        processes.append(
            subprocess.Popen(  # noqa: S603 - the project's own web server
                server_command,
                cwd=ROOT,
                env=environment,
            )
        )
        if not arguments.no_worker:
            processes.append(
                subprocess.Popen(  # noqa: S603 - the project's own manage.py
                    [str(VENV_BIN / "python"), "manage.py", "db_worker", "--interval", "0.2"],
                    cwd=ROOT,
                    env=environment,
                    stdout=subprocess.DEVNULL,
                )
            )
        try:
            wait_until_listening(port, processes[0])
        except RuntimeError as error:
            sys.exit(str(error))
        if not arguments.no_worker:
            wait_for_worker(prepared["conversation"])
        time.sleep(1.0)
        updates_before = map_version(prepared["conversation"])
        groups = {"web": process_family(processes[0].pid)}
        if not arguments.no_worker:
            groups["worker"] = [processes[1].pid]
        if cluster is not None:
            groups["database"] = process_family(cluster.postmaster())
        load_before = os.getloadavg()
        cpu_before = _cpu(groups)
        client_before = time.process_time()
        results, elapsed = asyncio.run(
            load(
                port,
                prepared["cookies"],
                arguments.statements,
                arguments.connections,
                arguments.seconds,
            )
        )
        client_cpu = time.process_time() - client_before
        if cluster is not None:  # backends opened during the run are the postmaster's children too
            groups["database"] = process_family(cluster.postmaster())
        cpu_after = _cpu(groups)
        load_after = os.getloadavg()
        time.sleep(3.0)  # let the worker finish its last update
        stored = count_votes(prepared["conversation"])
        updates = map_version(prepared["conversation"]) - updates_before
        acknowledged = sum(1 for status, created, _ in results if status == 200 and created)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        if cluster is not None:
            cluster.stop()

    latencies = sorted(latency for _, _, latency in results)
    report = {
        "server": f"{server_label}, PostgreSQL, config.settings.prod, "
        f"{'no worker' if arguments.no_worker else '1 db_worker'}",
        "cpus": os.cpu_count(),
        "connections": arguments.connections,
        "requests": len(results),
        "errors": sum(1 for status, _, _ in results if status != 200),
        "votes_acknowledged": acknowledged,
        "votes_in_database": stored,
        "votes_missing": acknowledged - stored,
        "seconds": round(elapsed, 2),
        "votes_per_second": round(acknowledged / elapsed, 1),
        "latency_ms_p50": round(1000 * statistics.median(latencies), 1) if latencies else None,
        "latency_ms_p95": round(1000 * latencies[int(0.95 * (len(latencies) - 1))], 1)
        if latencies
        else None,
        "opinion_map_updates_during_the_run": updates,
        # CPU time each part spent per acknowledged vote, whatever else ran on the machine:
        # their sum bounds what two dedicated cores could serve.
        "cpu_ms_per_vote": {
            **{
                name: round(1000 * (cpu_after[name] - cpu_before[name]) / max(acknowledged, 1), 3)
                for name in groups
            },
            "client": round(1000 * client_cpu / max(acknowledged, 1), 3),
        },
        "load_average_before": load_before,
        "load_average_after": load_after,
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
