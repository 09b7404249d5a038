"""How far our groups agree with Pol.is's on a Pol.is export (polis-spec.md §6).

The votes are replayed in time order, in batches, with the state carried from one update to the
next as a live conversation would (`analysis.replay`); Pol.is's own groups (the `group-id` of
participants-votes.csv) are the reference. No Django here: `polis_compare` and the tests use it.
"""

import time
from typing import Any

import numpy as np

from ouvert.conversations.analysis.agreement import adjusted_rand_index, jaccard
from ouvert.conversations.analysis.replay import DEFAULT_WINDOW_MS, replay
from ouvert.conversations.polis import VOTES, PolisExport


def moderation_times(export: PolisExport) -> np.ndarray:
    """When each moderated-out comment left the conversation, as Pol.is's exports do not say:
    the time of its last vote (a comment stops receiving votes once moderated out)."""
    votes = export.votes
    out = export.moderated_out
    last = np.zeros(len(out), dtype=np.int64)
    if votes is None or not len(votes):
        return last
    position = np.searchsorted(out, votes.comments)
    position = np.clip(position, 0, max(len(out) - 1, 0))
    hit = (out[position] == votes.comments) if len(out) else np.zeros(len(votes), dtype=bool)
    np.maximum.at(last, position[hit], votes.timestamps[hit])
    return last


def compare(
    export: PolisExport, *, window_ms: int = DEFAULT_WINDOW_MS, seed: int = 0
) -> dict[str, Any]:
    """One JSON-ready line: sizes, our k and Pol.is's, ARI over participants both clustered,
    Jaccard of the two clustered sets, seconds of computation."""
    line: dict[str, Any] = {
        "dataset": export.name,
        "comments": len(export.comments),
    }
    votes = export.votes
    if votes is None or not len(votes):
        line["skipped"] = "no votes.csv nor participants-votes.csv in the folder"
        return line
    started = time.perf_counter()
    timed = export.votes_source == VOTES
    result = replay(
        votes.timestamps,
        votes.voters,
        votes.comments,
        votes.values,
        moderated_out=export.moderated_out,
        moderated_at=moderation_times(export) if timed else None,
        window_ms=window_ms if timed else np.iinfo(np.int64).max,
        seed=seed,
    )
    seconds = time.perf_counter() - started
    analysis = result.analysis
    ours = {
        int(participant): int(group)
        for participant, group in zip(
            analysis.participants.tolist(), analysis.participant_groups.tolist(), strict=True
        )
        if group >= 0
    }
    theirs = export.groups
    both = sorted(set(ours) & set(theirs))
    line.update(
        {
            "participants": len(analysis.participants),
            "votes": len(votes),
            "votes_source": export.votes_source,
            "updates": result.updates,
            "k": analysis.k,
            "k_polis": len(set(theirs.values())),
            "ari": round(adjusted_rand_index([ours[p] for p in both], [theirs[p] for p in both]), 4)
            if both
            else None,
            "clustered": len(ours),
            "clustered_polis": len(theirs),
            "clustered_jaccard": round(jaccard(ours, theirs), 4),
            "seconds": round(seconds, 2),
        }
    )
    return line
