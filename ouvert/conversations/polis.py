"""Pol.is export files: read comments.csv, votes.csv and participants-votes.csv, write them back.

polis-spec.md §5. Pol.is stores agree as -1 internally and flips the sign on export, so the
openData files (and ours) write agree = +1; a 2024-era TypeScript export wrote the raw sign. The
reader checks the polarity against the agree and disagree tallies of comments.csv and flips it
when the file turns out to be raw. Every error names the file and the line.

No Django here: the management commands and services call these functions.
"""

import csv
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

COMMENTS = "comments.csv"
VOTES = "votes.csv"
PARTICIPANTS_VOTES = "participants-votes.csv"
SUMMARY = "summary.csv"

COMMENTS_HEADER = [
    "timestamp",
    "datetime",
    "comment-id",
    "author-id",
    "agrees",
    "disagrees",
    "moderated",
    "is-meta",
    "is-seed",
    "comment-body",
]
VOTES_HEADER = ["timestamp", "datetime", "comment-id", "voter-id", "vote"]
PARTICIPANTS_HEADER = ["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree"]

# The fixed columns of participants-votes.csv before one column per comment (xid since 2022).
_PARTICIPANT_COLUMNS = {
    "participant",
    "xid",
    "group-id",
    "n-comments",
    "n-votes",
    "n-agree",
    "n-disagree",
}

SIGN_AUTO = "auto"
SIGN_EXPORT = "export"  # agree = +1, as Pol.is's exports and openData
SIGN_RAW = "raw"  # agree = -1, Pol.is's internal sign


class PolisFormatError(ValueError):
    """A Pol.is file that cannot be read; says which file and which line."""

    def __init__(self, path: Path | str, line: int | None, message: str):
        self.path = Path(path)
        self.line = line
        where = f"{self.path.name}, line {line}" if line else self.path.name
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class PolisComment:
    id: int
    body: str
    moderated: int  # 1 accepted, 0 unmoderated, -1 moderated out
    timestamp_ms: int | None = None
    author: int | None = None
    agrees: int | None = None
    disagrees: int | None = None
    is_meta: bool = False
    is_seed: bool = False


@dataclass(frozen=True)
class PolisVotes:
    """Vote events sorted by time (V,): timestamps in ms (None-less), voter, comment, +1/0/-1."""

    timestamps: np.ndarray
    voters: np.ndarray
    comments: np.ndarray
    values: np.ndarray

    def __len__(self) -> int:
        return len(self.values)


@dataclass(frozen=True)
class PolisExport:
    """One conversation read from a Pol.is export folder."""

    name: str
    comments: tuple[PolisComment, ...]
    votes: PolisVotes | None
    votes_source: str  # "votes.csv", "participants-votes.csv" or "" (no votes)
    sign_flipped: bool = False
    topic: str = ""
    description: str = ""
    # Pol.is's group of each participant at export time ({} when not known).
    groups: dict[int, int] = field(default_factory=dict)

    @property
    def moderated_out(self) -> np.ndarray:
        """Ids of the comments out of the math: moderated out or meta (polis-spec §1)."""
        return np.array(
            sorted(c.id for c in self.comments if c.moderated == -1 or c.is_meta), dtype=np.int64
        )


def _int(path: Path, line: int, column: str, text: str, *, allow_empty: bool = False):
    text = (text or "").strip()
    if text == "" and allow_empty:
        return None
    try:
        return int(text)
    except ValueError:
        try:
            value = float(text)
        except ValueError:
            raise PolisFormatError(path, line, f"{column} is not a number: {text!r}") from None
        if not value.is_integer():
            raise PolisFormatError(path, line, f"{column} is not an integer: {text!r}") from None
        return int(value)


def _bool(path: Path, line: int, column: str, text: str) -> bool:
    lowered = (text or "").strip().lower()
    if lowered in {"true", "1", "t"}:
        return True
    if lowered in {"false", "0", "f", ""}:
        return False
    raise PolisFormatError(path, line, f"{column} is not true or false: {text!r}")


def _rows(path: Path, required: Iterable[str]):
    """(line number, row dict) for each data row; checks the header first."""
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as error:
        raise PolisFormatError(path, None, f"cannot be read ({error.strerror})") from error
    with handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        missing = [name for name in required if name not in header]
        if missing:
            raise PolisFormatError(path, 1, f"missing column(s): {', '.join(missing)}")
        try:
            for row in reader:
                if None in row:
                    raise PolisFormatError(path, reader.line_num, "more cells than columns")
                yield reader.line_num, row
        except csv.Error as error:
            raise PolisFormatError(path, reader.line_num, str(error)) from error
        except UnicodeDecodeError as error:
            raise PolisFormatError(path, reader.line_num, "not UTF-8 text") from error


def read_comments(path: Path) -> tuple[PolisComment, ...]:
    comments = []
    seen: dict[int, int] = {}
    for line, row in _rows(path, ("comment-id", "moderated", "comment-body")):
        comment_id = _int(path, line, "comment-id", row["comment-id"])
        if comment_id < 0:
            raise PolisFormatError(path, line, f"comment-id must not be negative: {comment_id}")
        if comment_id in seen:
            raise PolisFormatError(
                path, line, f"comment {comment_id} already appears on line {seen[comment_id]}"
            )
        seen[comment_id] = line
        moderated = _int(path, line, "moderated", row["moderated"])
        if moderated not in (-1, 0, 1):
            raise PolisFormatError(path, line, f"moderated must be -1, 0 or 1, not {moderated}")
        comments.append(
            PolisComment(
                id=comment_id,
                body=row["comment-body"] or "",
                moderated=moderated,
                timestamp_ms=_int(path, line, "timestamp", row.get("timestamp"), allow_empty=True),
                author=_int(path, line, "author-id", row.get("author-id"), allow_empty=True),
                agrees=_int(path, line, "agrees", row.get("agrees"), allow_empty=True),
                disagrees=_int(path, line, "disagrees", row.get("disagrees"), allow_empty=True),
                is_meta=_bool(path, line, "is-meta", row.get("is-meta", "")),
                is_seed=_bool(path, line, "is-seed", row.get("is-seed", "")),
            )
        )
    return tuple(comments)


def read_votes(path: Path, comment_ids: set[int]) -> PolisVotes:
    """votes.csv, every vote event; sorted by time (stable, so same-millisecond votes keep their
    file order)."""
    timestamps, voters, comments, values = [], [], [], []
    for line, row in _rows(path, ("timestamp", "comment-id", "voter-id", "vote")):
        comment = _int(path, line, "comment-id", row["comment-id"])
        if comment not in comment_ids:
            raise PolisFormatError(path, line, f"comment {comment} is not in {COMMENTS}")
        voter = _int(path, line, "voter-id", row["voter-id"])
        if voter < 0:
            raise PolisFormatError(path, line, f"voter-id must not be negative: {voter}")
        value = _int(path, line, "vote", row["vote"])
        if value not in (-1, 0, 1):
            raise PolisFormatError(path, line, f"vote must be -1, 0 or 1, not {value}")
        timestamps.append(_int(path, line, "timestamp", row["timestamp"]))
        voters.append(voter)
        comments.append(comment)
        values.append(value)
    order = np.argsort(np.array(timestamps, dtype=np.int64), kind="stable")
    return PolisVotes(
        timestamps=np.array(timestamps, dtype=np.int64)[order],
        voters=np.array(voters, dtype=np.int64)[order],
        comments=np.array(comments, dtype=np.int64)[order],
        values=np.array(values, dtype=np.int8)[order],
    )


def read_participants_votes(
    path: Path, comment_ids: set[int]
) -> tuple[dict[int, int], PolisVotes, dict[int, tuple[int, int]]]:
    """participants-votes.csv: (group of each clustered participant, the final votes of its cells,
    {participant: (n-agree, n-disagree)} as the file states them).

    The cells carry no time: they come out in participant order, timestamp 0.
    """
    groups: dict[int, int] = {}
    tallies: dict[int, tuple[int, int]] = {}
    voters, comments, values = [], [], []
    with path.open(newline="", encoding="utf-8-sig") as handle:
        header = next(csv.reader(handle), [])
    comment_columns = []
    for name in header:
        if name in _PARTICIPANT_COLUMNS:
            continue
        try:
            comment = int(name)
        except ValueError:
            raise PolisFormatError(path, 1, f"unexpected column {name!r}") from None
        if comment not in comment_ids:
            raise PolisFormatError(path, 1, f"comment {comment} is not in {COMMENTS}")
        comment_columns.append((name, comment))
    for line, row in _rows(path, ("participant", "group-id")):
        participant = _int(path, line, "participant", row["participant"])
        group = _int(path, line, "group-id", row["group-id"], allow_empty=True)
        if group is not None:
            groups[participant] = group
        agrees = _int(path, line, "n-agree", row.get("n-agree"), allow_empty=True)
        disagrees = _int(path, line, "n-disagree", row.get("n-disagree"), allow_empty=True)
        if agrees is not None and disagrees is not None:
            tallies[participant] = (agrees, disagrees)
        for name, comment in comment_columns:
            value = _int(path, line, f"column {name}", row[name], allow_empty=True)
            if value is None:
                continue
            if value not in (-1, 0, 1):
                raise PolisFormatError(path, line, f"vote must be -1, 0 or 1, not {value}")
            voters.append(participant)
            comments.append(comment)
            values.append(value)
    votes = PolisVotes(
        timestamps=np.zeros(len(values), dtype=np.int64),
        voters=np.array(voters, dtype=np.int64),
        comments=np.array(comments, dtype=np.int64),
        values=np.array(values, dtype=np.int8),
    )
    return groups, votes, tallies


def read_summary(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return {row[0]: row[1] for row in csv.reader(handle) if len(row) >= 2}


def _sign_from_comments(comments: tuple[PolisComment, ...], votes: PolisVotes) -> bool | None:
    """True if the votes carry Pol.is's raw sign, False if the export sign, None if undecided.

    comments.csv counts every vote row of a comment, revotes included: with the export sign,
    agrees = number of +1 rows.
    """
    plus = np.bincount(votes.comments[votes.values == 1], minlength=1)
    minus = np.bincount(votes.comments[votes.values == -1], minlength=1)
    export = raw = checked = 0
    for comment in comments:
        if comment.agrees is None or comment.disagrees is None:
            continue
        if comment.agrees == comment.disagrees:
            continue  # says nothing about the sign
        p = int(plus[comment.id]) if comment.id < len(plus) else 0
        m = int(minus[comment.id]) if comment.id < len(minus) else 0
        checked += 1
        export += (p, m) == (comment.agrees, comment.disagrees)
        raw += (m, p) == (comment.agrees, comment.disagrees)
    if checked == 0:
        return None
    if export == checked:
        return False
    if raw == checked:
        return True
    if export > raw and export >= 0.95 * checked:
        return False
    if raw > export and raw >= 0.95 * checked:
        return True
    return None


def read_export(directory: Path | str, *, sign: str = SIGN_AUTO) -> PolisExport:
    """Read a Pol.is export folder (polis-spec §5 layout); votes from votes.csv, else from the
    cells of participants-votes.csv."""
    directory = Path(directory)
    comments_path = directory / COMMENTS
    if not comments_path.exists():
        raise PolisFormatError(comments_path, None, "missing")
    comments = read_comments(comments_path)
    comment_ids = {comment.id for comment in comments}
    groups: dict[int, int] = {}
    votes = None
    source = ""
    tallies: dict[int, tuple[int, int]] = {}
    if (directory / PARTICIPANTS_VOTES).exists():
        groups, cell_votes, tallies = read_participants_votes(
            directory / PARTICIPANTS_VOTES, comment_ids
        )
    if (directory / VOTES).exists():
        votes = read_votes(directory / VOTES, comment_ids)
        source = VOTES
    elif (directory / PARTICIPANTS_VOTES).exists():
        votes = cell_votes
        source = PARTICIPANTS_VOTES
    flipped = False
    if votes is not None and len(votes):
        if sign == SIGN_AUTO:
            decided = _sign_from_comments(comments, votes) if source == VOTES else None
            if decided is None and tallies:
                decided = _sign_from_tallies(votes, tallies)
            if decided is None and any(c.agrees is not None for c in comments):
                raise PolisFormatError(
                    directory / source,
                    None,
                    "the agree/disagree tallies of comments.csv match neither sign convention; "
                    "give the sign explicitly (export: agree = 1, raw: agree = -1)",
                )
            flipped = bool(decided)
        elif sign == SIGN_RAW:
            flipped = True
        elif sign != SIGN_EXPORT:
            raise ValueError(f"unknown sign convention {sign!r}")
        if flipped:
            votes = PolisVotes(
                timestamps=votes.timestamps,
                voters=votes.voters,
                comments=votes.comments,
                values=(-votes.values).astype(np.int8),
            )
    summary = read_summary(directory / SUMMARY)
    return PolisExport(
        name=directory.name,
        comments=comments,
        votes=votes,
        votes_source=source,
        sign_flipped=flipped,
        topic=summary.get("topic", ""),
        description=summary.get("conversation-description", ""),
        groups=groups,
    )


def _sign_from_tallies(votes: PolisVotes, tallies: dict[int, tuple[int, int]]) -> bool | None:
    """From participants-votes.csv's own n-agree/n-disagree columns."""
    export = raw = checked = 0
    plus = {}
    minus = {}
    for voter, value in zip(votes.voters.tolist(), votes.values.tolist(), strict=True):
        if value == 1:
            plus[voter] = plus.get(voter, 0) + 1
        elif value == -1:
            minus[voter] = minus.get(voter, 0) + 1
    for voter, (agrees, disagrees) in tallies.items():
        if agrees == disagrees:
            continue
        checked += 1
        p, m = plus.get(voter, 0), minus.get(voter, 0)
        export += (p, m) == (agrees, disagrees)
        raw += (m, p) == (agrees, disagrees)
    if checked == 0:
        return None
    if export > raw:
        return False
    if raw > export:
        return True
    return None


# Writing ------------------------------------------------------------------------------------------


def java_date(timestamp_ms: int) -> str:
    """The `datetime` column of Pol.is exports (Java's Date.toString()), in UTC."""
    moment = datetime.datetime.fromtimestamp(timestamp_ms / 1000, tz=datetime.UTC)
    return moment.strftime("%a %b %d %H:%M:%S UTC %Y")


def write_comments(path: Path, comments: Iterable[PolisComment]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COMMENTS_HEADER)
        for comment in comments:
            timestamp = comment.timestamp_ms or 0
            writer.writerow(
                [
                    timestamp,
                    java_date(timestamp),
                    comment.id,
                    "" if comment.author is None else comment.author,
                    comment.agrees or 0,
                    comment.disagrees or 0,
                    comment.moderated,
                    "true" if comment.is_meta else "false",
                    "true" if comment.is_seed else "false",
                    comment.body,
                ]
            )


def write_votes(path: Path, votes: PolisVotes) -> None:
    """Every vote event, sorted by comment, voter and time, as openData's files are."""
    order = np.lexsort((votes.timestamps, votes.voters, votes.comments))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(VOTES_HEADER)
        for index in order:
            timestamp = int(votes.timestamps[index])
            writer.writerow(
                [
                    timestamp,
                    java_date(timestamp),
                    int(votes.comments[index]),
                    int(votes.voters[index]),
                    int(votes.values[index]),
                ]
            )


def write_participants_votes(
    path: Path,
    *,
    final: PolisVotes,
    groups: dict[int, int],
    authored: dict[int, int],
) -> None:
    """One row per voter, one column per comment with a vote; `final` holds one vote per cell."""
    voters = np.unique(final.voters)
    comments = np.unique(final.comments)
    row_of = {int(voter): row for row, voter in enumerate(voters)}
    column_of = {int(comment): column for column, comment in enumerate(comments)}
    cells = np.full((len(voters), len(comments)), 2, dtype=np.int8)  # 2 = no vote
    for voter, comment, value in zip(
        final.voters.tolist(), final.comments.tolist(), final.values.tolist(), strict=True
    ):
        cells[row_of[voter], column_of[comment]] = value
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(PARTICIPANTS_HEADER + [str(int(c)) for c in comments])
        for voter, row in zip(voters.tolist(), cells, strict=True):
            voted = row != 2
            group = groups.get(voter)
            writer.writerow(
                [
                    voter,
                    "" if group is None else group,
                    authored.get(voter, 0),
                    int(voted.sum()),
                    int((row == 1).sum()),
                    int((row == -1).sum()),
                    *("" if value == 2 else int(value) for value in row.tolist()),
                ]
            )


def write_summary(path: Path, values: dict[str, str | int]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        for key, value in values.items():
            writer.writerow([key, value])
