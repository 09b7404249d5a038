"""Pol.is export files: reading (signs, errors by line), import, export, and the comparison."""

import csv
import io
import json
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from ouvert.conversations import polis
from ouvert.conversations.models import Conversation, Statement, Vote, VoteChange
from ouvert.conversations.tests.conftest import seed, simulate_votes
from ouvert.conversations.tests.factories import ConversationFactory
from ouvert.plans.tests.factories import ActionPlanFactory

SHARED = Path(settings.BASE_DIR).parent / "shared" / "polis-opendata"


def shared(name: str) -> Path:
    path = SHARED / name
    if not path.is_dir():
        pytest.skip(f"{path} is not available")
    return path


def _write(directory: Path, name: str, rows: list[list]) -> None:
    with (directory / name).open("w", newline="") as handle:
        csv.writer(handle).writerows(rows)


COMMENTS = [
    [
        "timestamp",
        "datetime",
        "comment-id",
        "author-id",
        "agrees",
        "disagrees",
        "moderated",
        "comment-body",
    ],
    [1000, "x", 0, 0, 2, 1, 1, "Première proposition"],
    [2000, "x", 1, 1, 0, 1, -1, "Hors sujet"],
]
VOTES = [
    ["timestamp", "datetime", "comment-id", "voter-id", "vote"],
    [1500, "x", 0, 0, 1],
    [1600, "x", 0, 1, -1],
    [1700, "x", 0, 1, 1],  # a revote: participant 1 now agrees
    [2500, "x", 1, 0, -1],
]


@pytest.fixture
def export_dir(tmp_path):
    _write(tmp_path, "comments.csv", COMMENTS)
    _write(tmp_path, "votes.csv", VOTES)
    return tmp_path


def test_read_an_export_sorted_by_time_with_revotes(export_dir):
    export = polis.read_export(export_dir)
    assert not export.sign_flipped
    assert export.votes.timestamps.tolist() == [1500, 1600, 1700, 2500]
    assert export.votes.values.tolist() == [1, -1, 1, -1]
    assert export.moderated_out.tolist() == [1]


def test_a_raw_sign_export_is_recognised_and_flipped(export_dir):
    # Pol.is's database sign: agree = -1. comments.csv still counts 2 agrees on comment 0.
    raw = [row if index == 0 else [*row[:4], -row[4]] for index, row in enumerate(VOTES)]
    _write(export_dir, "votes.csv", raw)
    export = polis.read_export(export_dir)
    assert export.sign_flipped
    assert export.votes.values.tolist() == [1, -1, 1, -1]
    assert polis.read_export(export_dir, sign=polis.SIGN_RAW).votes.values.tolist() == [
        1,
        -1,
        1,
        -1,
    ]


@pytest.mark.parametrize(
    ("name", "row", "message"),
    [
        ("votes.csv", [1800, "x", 0, 2, 5], "votes.csv, line 6: vote must be -1, 0 or 1, not 5"),
        ("votes.csv", [1800, "x", 9, 2, 1], "votes.csv, line 6: comment 9 is not in comments.csv"),
        ("votes.csv", ["hier", "x", 0, 2, 1], "votes.csv, line 6: timestamp is not a number"),
        (
            "comments.csv",
            [3000, "x", 0, 1, 0, 0, 1, "Doublon"],
            "comments.csv, line 4: comment 0 already appears on line 2",
        ),
        (
            "comments.csv",
            [3000, "x", 2, 1, 0, 0, 7, "Bizarre"],
            "comments.csv, line 4: moderated must be -1, 0 or 1",
        ),
    ],
)
def test_a_malformed_file_is_reported_with_its_line(export_dir, name, row, message):
    rows = (COMMENTS if name == "comments.csv" else VOTES) + [row]
    _write(export_dir, name, rows)
    with pytest.raises(polis.PolisFormatError) as error:
        polis.read_export(export_dir)
    assert message in str(error.value)


def test_a_missing_column_or_file_is_reported(tmp_path):
    with pytest.raises(polis.PolisFormatError, match=r"comments\.csv: missing"):
        polis.read_export(tmp_path)
    _write(tmp_path, "comments.csv", [["comment-id", "comment-body"], [0, "x"]])
    with pytest.raises(polis.PolisFormatError, match="line 1: missing column"):
        polis.read_export(tmp_path)


@pytest.mark.django_db
def test_a_malformed_file_imports_nothing(export_dir):
    ActionPlanFactory()
    _write(export_dir, "votes.csv", [*VOTES, [1800, "x", 0, 2, "oui"]])
    with pytest.raises(CommandError, match=r"votes\.csv, line 6"):
        call_command("polis_import", export_dir, stdout=io.StringIO())
    assert not Conversation.objects.exists()


@pytest.mark.django_db
def test_import_keeps_every_vote_event_and_export_gives_them_back(export_dir, tmp_path):
    ActionPlanFactory()
    out = io.StringIO()
    call_command("polis_import", export_dir, "--slug", "essai", stdout=out)
    assert "2 statements, 4 vote events" in out.getvalue()
    conversation = Conversation.objects.get(slug="essai")
    assert conversation.status == Conversation.Status.CLOSED
    assert Vote.objects.count() == 3
    assert VoteChange.objects.count() == 1
    assert Statement.objects.get(number=1).status == Statement.Status.REJECTED
    target = tmp_path / "export"
    call_command("polis_export", "essai", target, stdout=io.StringIO())
    again = polis.read_export(target)
    original = polis.read_export(export_dir)
    assert _events(again) == _events(original)
    assert _statements(again) == _statements(original)


def _events(export):
    votes = export.votes
    return Counter(
        zip(
            votes.timestamps.tolist(),
            votes.voters.tolist(),
            votes.comments.tolist(),
            votes.values.tolist(),
            strict=True,
        )
    )


def _statements(export):
    return {
        (c.id, c.body, c.moderated, c.author, c.agrees, c.disagrees, c.timestamp_ms)
        for c in export.comments
    }


@pytest.mark.django_db
def test_a_shared_pol_is_conversation_survives_import_and_export(tmp_path):
    source = shared("brexit-consensus")
    ActionPlanFactory()
    call_command("polis_import", source, "--slug", "brexit", stdout=io.StringIO())
    call_command("polis_export", "brexit", tmp_path, stdout=io.StringIO())
    original = polis.read_export(source)
    exported = polis.read_export(tmp_path)
    assert _events(exported) == _events(original)
    assert _statements(exported) == _statements(original)
    # participants-votes.csv: the same final vote in every cell.
    with (source / "participants-votes.csv").open() as handle:
        before = {row["participant"]: row for row in csv.DictReader(handle)}
    with (tmp_path / "participants-votes.csv").open() as handle:
        after = {row["participant"]: row for row in csv.DictReader(handle)}
    assert before.keys() == after.keys()
    columns = [c for c in next(iter(before.values())) if c.isdigit()]
    for participant, row in before.items():
        assert [row[c] for c in columns] == [after[participant][c] for c in columns]
        assert row["n-votes"] == after[participant]["n-votes"]


@pytest.mark.django_db
def test_a_conversation_made_here_exports_in_the_pol_is_format(tmp_path, moderator):
    conversation = ConversationFactory(slug="ici")
    statements = seed(conversation, moderator, 4)
    simulate_votes(conversation, statements, participants=12)
    call_command("polis_export", "ici", tmp_path, stdout=io.StringIO())
    export = polis.read_export(tmp_path)
    assert len(export.votes) == Vote.objects.count() == 48
    assert not export.sign_flipped
    assert {c.id for c in export.comments} == {0, 1, 2, 3}


def test_compare_on_a_shared_conversation_meets_its_target():
    """brexit-consensus: red-dwarf 0.636 and the simple baseline 0.560 with k = 3, Pol.is k = 2."""
    out = io.StringIO()
    call_command("polis_compare", shared("brexit-consensus"), stdout=out)
    line = json.loads(out.getvalue())
    assert line["dataset"] == "brexit-consensus"
    assert (line["k"], line["k_polis"]) == (2, 2)
    assert line["ari"] > 0.636
    assert line["clustered_jaccard"] > 0.95
    assert set(line) >= {"participants", "comments", "votes", "seconds"}


def test_compare_uses_participants_votes_cells_without_votes_csv(tmp_path):
    source = shared("15-per-hour-seattle")
    for name in ("comments.csv", "participants-votes.csv"):
        (tmp_path / name).write_bytes((source / name).read_bytes())
    out = io.StringIO()
    call_command("polis_compare", tmp_path, stdout=out)
    line = json.loads(out.getvalue())
    assert line["votes_source"] == "participants-votes.csv"
    assert line["votes"] == 2872  # the non-empty cells
    assert line["updates"] == 1


def test_compare_says_when_a_folder_has_no_votes(tmp_path):
    _write(tmp_path, "comments.csv", COMMENTS)
    out = io.StringIO()
    call_command("polis_compare", tmp_path, stdout=out)
    assert "skipped" in json.loads(out.getvalue())


def test_moderation_times_are_the_last_votes_on_moderated_out_comments(export_dir):
    from ouvert.conversations.comparison import moderation_times

    export = polis.read_export(export_dir)
    assert moderation_times(export).tolist() == [2500]
    assert np.array_equal(export.moderated_out, [1])
