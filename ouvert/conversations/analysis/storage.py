"""The state carried between updates, as bytes for the database (numpy's .npz, no pickle)."""

import io

import numpy as np

from ouvert.conversations.analysis.clustering import Clustering
from ouvert.conversations.analysis.pipeline import KSmoother, State

FORMAT = 2


def _clustering_arrays(prefix: str, clustering: Clustering) -> dict[str, np.ndarray]:
    return {
        f"{prefix}_ids": clustering.ids,
        f"{prefix}_centres": clustering.centres,
        f"{prefix}_member_names": clustering.member_names,
        f"{prefix}_member_clusters": clustering.member_clusters,
    }


def _clustering(arrays, prefix: str) -> Clustering:
    return Clustering(
        ids=arrays[f"{prefix}_ids"],
        centres=arrays[f"{prefix}_centres"],
        member_names=arrays[f"{prefix}_member_names"],
        member_clusters=arrays[f"{prefix}_member_clusters"],
    )


def state_to_bytes(state: State) -> bytes:
    ks = np.array(sorted(state.group_clusterings), dtype=np.int64)
    arrays = {
        "format": np.array(FORMAT),
        "updates": np.array(state.updates),
        "clustered": state.clustered,
        "pca_statements": state.pca_statements,
        "pca_components": state.pca_components,
        "smoother": np.array(
            [state.smoother.last_k, state.smoother.last_k_count, state.smoother.smoothed_k]
        ),
        "group_ks": ks,
        **_clustering_arrays("base", state.base),
    }
    for k in ks:
        arrays.update(_clustering_arrays(f"group{k}", state.group_clusterings[int(k)]))
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    return buffer.getvalue()


def state_from_bytes(data: bytes) -> State | None:
    """The stored state, or None for an empty or obsolete one (the next update starts cold)."""
    if not data:
        return None
    with np.load(io.BytesIO(bytes(data)), allow_pickle=False) as arrays:
        if int(arrays["format"]) != FORMAT:
            return None
        last_k, last_k_count, smoothed_k = (int(value) for value in arrays["smoother"])
        return State(
            updates=int(arrays["updates"]),
            clustered=arrays["clustered"],
            pca_statements=arrays["pca_statements"],
            pca_components=arrays["pca_components"],
            base=_clustering(arrays, "base"),
            group_clusterings={
                int(k): _clustering(arrays, f"group{k}") for k in arrays["group_ks"]
            },
            smoother=KSmoother(last_k=last_k, last_k_count=last_k_count, smoothed_k=smoothed_k),
        )
