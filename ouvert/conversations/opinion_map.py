"""The geometry of the opinion map, drawn by the server as SVG (no script, no inline style).

The map shows the base clusters (a few participants each, as Pol.is's map does, never one person
alone), coloured by group, sized by their number of participants, with each group's letter at
its centre, and, for the reader, where they stand.
"""

import math
from dataclasses import dataclass

from ouvert.conversations.models import group_letter

WIDTH = 640
HEIGHT = 400
MARGIN = 36
MIN_RADIUS = 4.0
MAX_RADIUS = 28.0


@dataclass(frozen=True)
class MapCluster:
    cx: float
    cy: float
    r: float
    count: int
    group: int  # -1 when not in a group


@dataclass(frozen=True)
class MapLabel:
    x: float
    y: float
    letter: str
    group: int


@dataclass(frozen=True)
class OpinionMap:
    width: int
    height: int
    clusters: tuple[MapCluster, ...]
    labels: tuple[MapLabel, ...]
    you: tuple[float, float] | None
    origin: tuple[float, float]


def build_map(results: dict, you: tuple[float, float] | None = None) -> OpinionMap | None:
    """Scale the analysis coordinates into the SVG viewBox (y upwards, same scale on both axes)."""
    base = results.get("base_clusters") or []
    if not base:
        return None
    xs = [row[0] for row in base] + ([you[0]] if you else []) + [0.0]
    ys = [row[1] for row in base] + ([you[1]] if you else []) + [0.0]
    span_x = max(max(xs) - min(xs), 1e-9)
    span_y = max(max(ys) - min(ys), 1e-9)
    scale = min((WIDTH - 2 * MARGIN) / span_x, (HEIGHT - 2 * MARGIN) / span_y)
    offset_x = (WIDTH - scale * (max(xs) + min(xs))) / 2
    offset_y = (HEIGHT + scale * (max(ys) + min(ys))) / 2

    def place(x: float, y: float) -> tuple[float, float]:
        return round(offset_x + scale * x, 1), round(offset_y - scale * y, 1)

    clusters = []
    for x, y, count, group in base:
        cx, cy = place(x, y)
        radius = min(MAX_RADIUS, MIN_RADIUS + 3.0 * math.sqrt(max(count, 1)))
        clusters.append(MapCluster(cx=cx, cy=cy, r=round(radius, 1), count=count, group=group))
    labels = []
    for position, group in enumerate(results.get("groups", [])):
        lx, ly = place(group["x"], group["y"])
        labels.append(MapLabel(x=lx, y=ly, letter=group_letter(position), group=position))
    return OpinionMap(
        width=WIDTH,
        height=HEIGHT,
        clusters=tuple(sorted(clusters, key=lambda c: -c.r)),  # small circles on top
        labels=tuple(labels),
        you=place(*you) if you else None,
        origin=place(0.0, 0.0),
    )
