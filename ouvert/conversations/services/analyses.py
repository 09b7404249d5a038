"""The opinion map: debounced requests, and the worker's update (lease, version, recount)."""

import datetime
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from ouvert.conversations import selectors
from ouvert.conversations.analysis.matrix import build_vote_matrix
from ouvert.conversations.analysis.pipeline import update
from ouvert.conversations.analysis.storage import state_from_bytes, state_to_bytes
from ouvert.conversations.models import Analysis, AnalysisRequest, OpinionGroup
from ouvert.conversations.results import analysis_payload, positions_to_bytes

# How long a worker may hold a conversation's analysis before another one may take it over.
ANALYSIS_LEASE = datetime.timedelta(minutes=10)


def _enqueue_analysis(conversation_id: int, *, delay: float | None = None) -> None:
    from ouvert.conversations.tasks import analyse_conversation

    delay = settings.OUVERT_CONVERSATION_ANALYSIS_DELAY if delay is None else delay
    task = analyse_conversation
    if delay > 0 and task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + datetime.timedelta(seconds=delay))
    task.enqueue(conversation_id=conversation_id)


def analysis_queue(conversation_id: int) -> None:
    """Queue an update of the opinion map once the current transaction commits."""
    transaction.on_commit(lambda: _enqueue_analysis(conversation_id))


def analysis_request(*, conversation_id: int) -> bool:
    """Ask the worker to update the conversation's opinion map, once the transaction commits.

    Debounced: a vote that finds a request already waiting adds nothing (ON CONFLICT DO NOTHING,
    which takes no lock, so concurrent voters do not queue on a row). The worker deletes the
    request when it starts, so votes arriving while it computes ask for the next update.
    Returns whether a new task was queued.
    """
    table = AnalysisRequest._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (conversation_id, requested_at) VALUES (%s, %s) "  # noqa: S608
            "ON CONFLICT (conversation_id) DO NOTHING RETURNING conversation_id",
            [conversation_id, timezone.now()],
        )
        inserted = cursor.fetchone() is not None
    if inserted:
        analysis_queue(conversation_id)
    return inserted


def analysis_request_unstick(*, conversation_id: int, older_than: datetime.timedelta) -> bool:
    """Queue a task again for a request left waiting (a worker stopped before taking it)."""
    stale = AnalysisRequest.objects.filter(
        conversation_id=conversation_id, requested_at__lt=timezone.now() - older_than
    ).update(requested_at=timezone.now())
    if stale:
        transaction.on_commit(lambda: _enqueue_analysis(conversation_id, delay=0))
    return bool(stale)


@dataclass(frozen=True)
class AnalysisOutcome:
    status: str  # "updated", "busy" (another worker holds it), "conflict" (lost a race), "empty"
    votes: int = 0
    seconds: float = 0.0


def analysis_update(*, conversation_id: int) -> AnalysisOutcome:
    """Update a conversation's opinion map from all its votes and the state of the last update.

    Safe with several workers on one database: a worker first takes a lease on the conversation
    (others then leave it, and retry later); it saves only over the version it started from; it
    checks, once saved, that no vote slipped in between reading the votes and deleting the
    request, and asks for one more update if one did.
    """
    started = time.perf_counter()
    now = timezone.now()
    Analysis.objects.get_or_create(conversation_id=conversation_id)
    leased = (
        Analysis.objects.filter(pk=conversation_id)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .update(lease_until=now + ANALYSIS_LEASE)
    )
    if not leased:
        _enqueue_analysis(
            conversation_id, delay=max(settings.OUVERT_CONVERSATION_ANALYSIS_DELAY, 1)
        )
        return AnalysisOutcome(status="busy")
    try:
        AnalysisRequest.objects.filter(conversation_id=conversation_id).delete()
        return _analysis_compute(conversation_id, started)
    finally:
        Analysis.objects.filter(pk=conversation_id).update(lease_until=None)


def _analysis_compute(conversation_id: int, started: float) -> AnalysisOutcome:
    analysis = Analysis.objects.get(pk=conversation_id)
    fingerprint = selectors.vote_fingerprint(conversation_id)
    votes = selectors.vote_arrays(conversation_id)
    statements = selectors.statements_for_analysis(conversation_id)
    previous = state_from_bytes(analysis.state)
    matrix = build_vote_matrix(votes.participants, votes.statements, votes.values)
    moderated_out = statements.moderated_out
    updates = previous.updates if previous else 0
    result = None
    if matrix.n_votes:
        result, state = update(
            matrix,
            moderated_out=moderated_out,
            previous=previous,
            rng=np.random.default_rng([conversation_id, updates]),
        )
    else:
        state = previous
    payload = analysis_payload(result, statements=statements)
    seconds = time.perf_counter() - started
    with transaction.atomic():
        saved = Analysis.objects.filter(pk=conversation_id, version=analysis.version).update(
            version=analysis.version + 1,
            state=state_to_bytes(state) if state is not None else b"",
            positions=positions_to_bytes(result) if result is not None else b"",
            results=payload.results,
            votes_count=matrix.n_votes,
            computed_at=timezone.now(),
            duration_ms=int(seconds * 1000),
        )
        if saved:
            _replace_groups(conversation_id, payload.groups)
    if not saved:
        analysis_request(conversation_id=conversation_id)
        return AnalysisOutcome(status="conflict", votes=matrix.n_votes, seconds=seconds)
    # A vote committed after it found the old request, but too late for our read, left no request:
    # the counts tell (votes and replaced votes only grow, unless an account is deleted).
    if selectors.vote_fingerprint(conversation_id) != (len(votes), fingerprint[1]):
        analysis_request(conversation_id=conversation_id)
    return AnalysisOutcome(
        status="updated" if matrix.n_votes else "empty", votes=matrix.n_votes, seconds=seconds
    )


def _replace_groups(conversation_id: int, groups: list[dict[str, Any]]) -> None:
    now = timezone.now()
    OpinionGroup.objects.filter(conversation_id=conversation_id, position__gte=len(groups)).delete()
    for position, group in enumerate(groups):
        OpinionGroup.objects.update_or_create(
            conversation_id=conversation_id,
            position=position,
            defaults={
                "size": group["size"],
                "representative": group["representative"],
                "updated_at": now,
            },
        )
