"""Where a vote's CPU time goes, without HTTP: the vote beside floors of Django's request cycle.

    .venv/bin/python bench/vote_cpu.py [--votes 6000] [--block 100] [--database-url URL]

The set-up is bench/vote_load.py's (production's settings and middleware, a throwaway PostgreSQL
cluster, anonymous participants with their signed cookie and a CSRF token), but the WSGI
application is called in this process, with the environ of the load client's request, so no web
server or client takes a share. Four kinds of request run in alternating blocks (the order turns
at every round), and the CPU time of this process and of PostgreSQL's backends is counted per
block:

- `vote`: POST /api/conversations/<slug>/votes, a new (participant, statement) pair each time;
- `api_floor`: the same request to an API operation of the same shape (the CSRF check, the vote's
  body validated by its schema) that answers at once, without the database;
- `django_floor`: the same request to a plain Django view that answers a fixed JSON body, through
  the site's middleware;
- `bare_floor`: that view with no middleware.

The floors are the baselines of the same run: `vote` minus `api_floor` is what the vote's own work
costs (participant, conversation, SQL statement), `api_floor` minus `django_floor` the API layer,
`django_floor` minus `bare_floor` the middleware. PostgreSQL's CPU is that of the processes of the
cluster alive before and after a block (the connection's backend, the WAL writer, the
checkpointer; not an autovacuum worker that starts or ends within it), read from /proc in clock
ticks of 10 ms: a block's figure is coarse, the sum over all blocks is not biased.
With --database-url, PostgreSQL's CPU is not counted (its processes may be elsewhere).
"""

import argparse
import io
import json
import os
import random
import secrets
import sys
import time
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vote_load  # the set-up is the load benchmark's

KINDS = ("vote", "api_floor", "django_floor", "bare_floor")
# Parts of a request timed with --sections: (module, attribute path). Nested parts are counted in
# the part around them too.
SECTIONS = (
    ("django.core.handlers.base", "BaseHandler._get_response"),  # all but the middleware
    ("ninja.operation", "Operation.run"),  # the API operation, body validation included
    ("ouvert.conversations.api", "_csrf"),
    ("ouvert.conversations.api", "_conversation_for_action"),
    ("django.contrib.auth.models", "AnonymousUser.has_perm"),
    ("ouvert.conversations.participation", "participant_for_action"),
    ("ouvert.conversations.services", "vote_cast"),
    ("django.db.backends.postgresql.base", "DatabaseWrapper.close_if_health_check_failed"),
    ("django.db.backends.utils", "CursorWrapper.execute"),
    ("django.http.response", "JsonResponse.__init__"),
)
FLOOR_ANSWER = {"statement": 0, "vote": "agree", "created": True, "changed": False}


def _floor_urls():
    """A URL configuration with the two floors in front of the site's own."""
    from django.http import JsonResponse
    from django.urls import path
    from ninja import NinjaAPI, Router
    from ninja.errors import HttpError
    from ninja.utils import check_csrf

    from config.urls import urlpatterns as site_urls
    from ouvert.conversations.api import VoteIn, VoteOut

    def answer(request, slug):
        return JsonResponse(FLOOR_ANSWER)

    router = Router()

    @router.post("/{slug}/votes", response=VoteOut, throttle=[])
    def floor_vote(request, slug: str, payload: VoteIn):
        if check_csrf(request) is not None:
            raise HttpError(403, "CSRF token missing or incorrect.")
        return JsonResponse(FLOOR_ANSWER)

    api = NinjaAPI(urls_namespace="bench_floor", docs_url=None, openapi_url=None)
    api.add_router("/c", router)
    module = types.ModuleType("bench_vote_cpu_urls")
    module.urlpatterns = [
        path("bench/django/<slug:slug>/votes", answer),
        path("bench/api/", api.urls),
        *site_urls,
    ]
    sys.modules[module.__name__] = module
    return module.__name__


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--votes", type=int, default=6000, help="Requests of each kind.")
    parser.add_argument("--block", type=int, default=100, help="Requests per block.")
    parser.add_argument("--participants", type=int, default=3000)
    parser.add_argument("--statements", type=int, default=300)
    parser.add_argument("--database-url", help="Use this PostgreSQL instead of a throwaway one.")
    parser.add_argument(
        "--sections",
        action="store_true",
        help="Also time the parts of the vote's path listed in SECTIONS (adds a few microseconds "
        "of wrapping per call).",
    )
    arguments = parser.parse_args()
    if arguments.participants * arguments.statements < arguments.votes + arguments.block:
        parser.error("--participants x --statements must exceed --votes (one vote per pair).")

    cluster = None
    database_url = arguments.database_url
    if not database_url:
        cluster = vote_load.ThrowawayPostgres()
        database_url = cluster.start()
    try:
        environment = vote_load.production_environment(
            database_url=database_url, var_dir=vote_load.ROOT / "var" / "bench"
        )
        prepared = vote_load.prepare(environment, arguments.participants, arguments.statements)
        report = _measure(arguments, prepared, cluster)
    finally:
        from django.db import connections

        connections.close_all()
        if cluster is not None:
            cluster.stop()
    print(json.dumps(report, indent=2))


class _Sections:
    """CPU time spent in each of SECTIONS, per kind of request."""

    def __init__(self) -> None:
        self.kind = ""
        self.seconds: dict[tuple[str, str], float] = {}
        self.calls: dict[tuple[str, str], int] = {}

    def install(self) -> None:
        import importlib

        for module_name, attribute in SECTIONS:
            owner = importlib.import_module(module_name)
            *classes, name = attribute.split(".")
            for class_name in classes:
                owner = getattr(owner, class_name)
            setattr(owner, name, self._timed(getattr(owner, name), attribute))

    def _timed(self, function, label):
        def timed(*args, **kwargs):
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                key = (self.kind, label)
                self.seconds[key] = self.seconds.get(key, 0.0) + time.process_time() - started
                self.calls[key] = self.calls.get(key, 0) + 1

        return timed

    def reset(self) -> None:
        self.seconds.clear()
        self.calls.clear()

    def report(self, kind: str, requests: int) -> dict:
        return {
            label: {
                "ms": round(1000 * self.seconds[kind, label] / requests, 3),
                "calls": round(self.calls[kind, label] / requests, 2),
            }
            for _, label in SECTIONS
            if (kind, label) in self.seconds
        }


def _measure(arguments, prepared, cluster) -> dict:
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.test.utils import override_settings
    from django.urls import clear_url_caches

    sections = _Sections() if arguments.sections else None
    if sections is not None:
        sections.install()
    settings.ROOT_URLCONF = _floor_urls()
    clear_url_caches()
    site = WSGIHandler()
    with override_settings(MIDDLEWARE=[]):
        bare = WSGIHandler()
    slug = vote_load.SLUG
    routes = {
        "vote": (site, f"/api/conversations/{slug}/votes"),
        "api_floor": (site, f"/bench/api/c/{slug}/votes"),
        "django_floor": (site, f"/bench/django/{slug}/votes"),
        "bare_floor": (bare, f"/bench/django/{slug}/votes"),
    }

    csrf = secrets.token_hex(16)
    cookies = prepared["cookies"]
    pairs = vote_load.vote_pairs(cookies, arguments.statements)
    statuses: dict[str, dict[str, int]] = {kind: {} for kind in KINDS}
    created = 0

    def request(kind: str) -> None:
        nonlocal created
        handler, path = routes[kind]
        if sections is not None:
            sections.kind = kind
        cookie, number = next(pairs) if kind == "vote" else (cookies[0], 0)
        body = json.dumps(
            {"statement": number, "vote": random.choice(["agree", "disagree", "pass"])}
        ).encode()
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": path,
            "SCRIPT_NAME": "",
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "127.0.0.1",
            "CONTENT_TYPE": "application/json",
            "CONTENT_LENGTH": str(len(body)),
            "HTTP_X_CSRFTOKEN": csrf,
            "HTTP_COOKIE": f"csrftoken={csrf}; ouvert_participation={cookie}",
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr,
            "wsgi.url_scheme": "http",
            "wsgi.version": (1, 0),
            "wsgi.multithread": True,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        status_line = []
        response = handler(
            environ, lambda status, headers, exc_info=None: status_line.append(status)
        )
        payload = b"".join(response)
        response.close()
        status = status_line[0].split()[0]
        statuses[kind][status] = statuses[kind].get(status, 0) + 1
        if kind == "vote" and status == "200" and json.loads(payload)["created"]:
            created += 1

    def database_cpu() -> dict[int, float]:
        if cluster is None:
            return {}
        return {p: vote_load.cpu_seconds(p) for p in vote_load.process_family(cluster.postmaster())}

    def database_delta(before: dict[int, float]) -> float:
        # Processes alive at both readings: an autovacuum worker that ends within the block
        # would otherwise take its whole CPU time out of the sum.
        after = database_cpu()
        return sum(after[p] - before[p] for p in before.keys() & after.keys())

    for kind in KINDS:  # warm-up, not counted: caches, prepared statement, first imports
        for _ in range(arguments.block):
            request(kind)
    created = 0
    statuses = {kind: {} for kind in KINDS}
    votes_before = vote_load.count_votes(prepared["conversation"])
    if sections is not None:
        sections.reset()
    python = dict.fromkeys(KINDS, 0.0)
    database = dict.fromkeys(KINDS, 0.0)
    done = dict.fromkeys(KINDS, 0)
    rounds = max(1, arguments.votes // arguments.block)
    load_before = os.getloadavg()
    started = time.perf_counter()
    for round_number in range(rounds):
        order = KINDS[round_number % len(KINDS) :] + KINDS[: round_number % len(KINDS)]
        for kind in order:
            database_before = database_cpu()
            python_before = time.process_time()
            for _ in range(arguments.block):
                request(kind)
            python[kind] += time.process_time() - python_before
            database[kind] += database_delta(database_before)
            done[kind] += arguments.block
    elapsed = time.perf_counter() - started
    if sections is not None:
        sections.kind = ""  # the count below is not a request
    # Every vote acknowledged in the measured rounds must be in the database.
    stored = vote_load.count_votes(prepared["conversation"]) - votes_before

    def ms(seconds: float, kind: str) -> float:
        return round(1000 * seconds / done[kind], 3)

    per_request = {
        kind: {
            "python": ms(python[kind], kind),
            "database": ms(database[kind], kind),
            "total": ms(python[kind] + database[kind], kind),
        }
        for kind in KINDS
    }
    total = {kind: per_request[kind]["total"] for kind in KINDS}
    report = {
        "set_up": "WSGI application called in-process, config.settings.prod, PostgreSQL"
        + ("" if cluster is None else " (throwaway cluster)"),
        "requests_per_kind": rounds * arguments.block,
        "block": arguments.block,
        "seconds": round(elapsed, 1),
        "statuses": statuses,
        "votes_acknowledged": created,
        "votes_stored": stored,
        "votes_missing": created - stored,
        "cpu_ms_per_request": per_request,
        "cpu_ms_split_of_a_vote": {
            "vote_own_work": round(total["vote"] - total["api_floor"], 3),
            "api_layer": round(total["api_floor"] - total["django_floor"], 3),
            "middleware": round(total["django_floor"] - total["bare_floor"], 3),
            "django_without_middleware": total["bare_floor"],
        },
        "load_average_before": load_before,
        "load_average_after": os.getloadavg(),
    }
    if sections is not None:
        report["sections_cpu_ms_per_request"] = {
            kind: sections.report(kind, done[kind]) for kind in KINDS
        }
    return report


if __name__ == "__main__":
    main()
