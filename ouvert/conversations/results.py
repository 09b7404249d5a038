"""The opinion map as the pages read it: a JSON document and a binary table of positions.

Written by `services.analysis_update` from `analysis.pipeline.Analysis`; read by the selectors.
Statements are keyed by their database id; participants never appear in the JSON (the map shows
base clusters, as Pol.is's does), only in the positions table the "where you stand" box reads.
"""

import io
from dataclasses import dataclass
from typing import Any

import numpy as np

from ouvert.conversations.analysis.pipeline import Analysis
from ouvert.conversations.analysis.statistics import Counts, priorities

FORMAT = 1


@dataclass(frozen=True)
class StatementsInfo:
    """What the analysis needs to know of a conversation's statements.

    ids: (n,) every statement; routable: (n,) bool, open to votes; meta: (n,) bool;
    moderated_out: ids left out of the math (rejected, meta, or waiting under strict moderation).
    """

    ids: np.ndarray
    routable: np.ndarray
    meta: np.ndarray
    moderated_out: np.ndarray


@dataclass(frozen=True)
class Payload:
    results: dict[str, Any]
    groups: list[dict[str, Any]]  # for OpinionGroup rows


def default_priority() -> float:
    """Priority of a statement nobody has voted on yet (polis-spec §2.8 with zero counts)."""
    zero = np.zeros((1, 1))
    return float(priorities(Counts(zero, zero, zero), np.zeros(1), np.zeros(1, dtype=bool))[0])


def _round(values: np.ndarray, digits: int = 4) -> list[float]:
    return [round(float(value), digits) for value in values]


def analysis_payload(analysis: Analysis | None, *, statements: StatementsInfo) -> Payload:
    routable_ids = statements.ids[statements.routable]
    routable_meta = statements.meta[statements.routable]
    if analysis is None:
        priority = np.full(len(routable_ids), default_priority())
        priority[routable_meta] = 49.0
        return Payload(
            results={
                "format": FORMAT,
                "participants": 0,
                "clustered": 0,
                "votes": 0,
                "k": 0,
                "groups": [],
                "base_clusters": [],
                "statements": {},
                "consensus": {"agree": [], "disagree": []},
                "priorities": {
                    str(i): round(float(p), 6) for i, p in zip(routable_ids, priority, strict=True)
                },
            },
            groups=[],
        )
    ids = analysis.statements
    column_id = [int(i) for i in ids]
    group_counts = analysis.group_counts
    overall = analysis.overall_counts
    statement_rows = {}
    for column, statement_id in enumerate(column_id):
        statement_rows[str(statement_id)] = {
            "x": round(float(analysis.statement_coordinates[column, 0]), 4),
            "y": round(float(analysis.statement_coordinates[column, 1]), 4),
            "extremity": round(float(analysis.extremity[column]), 4),
            "agree": int(overall.agree[0, column]),
            "disagree": int(overall.disagree[0, column]),
            "seen": int(overall.seen[0, column]),
            "groups": [
                [
                    int(group_counts.agree[g, column]),
                    int(group_counts.disagree[g, column]),
                    int(group_counts.seen[g, column]),
                ]
                for g in range(group_counts.agree.shape[0])
            ],
            "gac": round(float(analysis.group_consensus[column]), 6),
        }
    groups = []
    sizes = np.bincount(
        analysis.participant_groups[analysis.participant_groups >= 0],
        minlength=analysis.groups.size,
    )
    for g in range(analysis.groups.size):
        representative = [
            {
                "statement": column_id[entry.column],
                "agrees": entry.agrees,
                "n_success": entry.n_success,
                "n_trials": entry.n_trials,
                "p_success": round(entry.p_success, 6),
                "p_test": round(entry.p_test, 6),
                "repness": round(entry.repness, 6),
                "repness_test": round(entry.repness_test, 6),
            }
            for entry in analysis.representative[g]
        ]
        members = analysis.participant_groups == g
        centre = analysis.participant_coordinates[members].mean(axis=0) if members.any() else (0, 0)
        groups.append(
            {
                "id": int(analysis.groups.ids[g]),
                "size": int(sizes[g]),
                "x": round(float(centre[0]), 4),
                "y": round(float(centre[1]), 4),
                "representative": representative,
            }
        )
    group_of_base = (
        analysis.groups.labels_for(analysis.base.ids)
        if analysis.groups.size
        else np.full(analysis.base.size, -1)
    )
    base_clusters = [
        [round(float(x), 4), round(float(y), 4), int(count), int(group)]
        for (x, y), count, group in zip(
            analysis.base.centres, analysis.base.counts(), group_of_base, strict=True
        )
    ]
    priority = analysis.priorities(routable_ids, statements.ids[statements.meta])
    results = {
        "format": FORMAT,
        "participants": len(analysis.participants),
        "clustered": int(analysis.clustered.sum()),
        "votes": int(overall.seen.sum()),
        "k": int(analysis.k),
        "best_k": int(analysis.best_k),
        "silhouettes": {str(k): round(float(s), 4) for k, s in analysis.silhouettes.items()},
        "groups": groups,
        "base_clusters": base_clusters,
        "statements": statement_rows,
        "consensus": {
            "agree": [column_id[c] for c in analysis.consensus.agree],
            "disagree": [column_id[c] for c in analysis.consensus.disagree],
        },
        "priorities": {
            str(int(i)): round(float(p), 6) for i, p in zip(routable_ids, priority, strict=True)
        },
    }
    return Payload(
        results=results,
        groups=[
            {
                "size": group["size"],
                "representative": [
                    {
                        "statement": entry["statement"],
                        "agrees": entry["agrees"],
                        "share": round(entry["p_success"], 4),
                        "repness": round(entry["repness"], 4),
                    }
                    for entry in group["representative"]
                ],
            }
            for group in groups
        ],
    )


@dataclass(frozen=True)
class Positions:
    """Where each participant stands: ids (P,) sorted, coordinates (P, 2), group (P,) (-1: none)."""

    participants: np.ndarray
    coordinates: np.ndarray
    groups: np.ndarray

    def of(self, participant_id: int) -> tuple[np.ndarray, int] | None:
        index = int(np.searchsorted(self.participants, participant_id))
        if index < len(self.participants) and self.participants[index] == participant_id:
            return self.coordinates[index], int(self.groups[index])
        return None


def positions_to_bytes(analysis: Analysis) -> bytes:
    order = np.argsort(analysis.participants, kind="stable")
    buffer = io.BytesIO()
    np.savez(
        buffer,
        format=np.array(FORMAT),
        participants=analysis.participants[order],
        coordinates=analysis.participant_coordinates[order].astype(np.float32),
        groups=analysis.participant_groups[order].astype(np.int16),
    )
    return buffer.getvalue()


def positions_from_bytes(data: bytes) -> Positions | None:
    if not data:
        return None
    with np.load(io.BytesIO(bytes(data)), allow_pickle=False) as arrays:
        if int(arrays["format"]) != FORMAT:
            return None
        return Positions(
            participants=arrays["participants"],
            coordinates=arrays["coordinates"],
            groups=arrays["groups"],
        )
