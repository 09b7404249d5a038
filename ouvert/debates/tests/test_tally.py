"""Counting votes without revealing anyone's (no database)."""

import itertools

from ouvert.debates.tally import MIN_GROUP, Tally, tally_votes

KINDS = ("citizen", "association", "company", "public_body", "other", "")


def counts(**groups: tuple[int, int, int]) -> dict[tuple[str, str], int]:
    """{kind: (for, against, abstain)} as the selector gives them; `undeclared` for ""."""
    result = {}
    for kind, numbers in groups.items():
        for choice, count in zip(("for", "against", "abstain"), numbers, strict=True):
            if count:
                result[("" if kind == "undeclared" else kind, choice)] = count
    return result


def test_overall_counts_are_always_given():
    results = tally_votes(counts(citizen=(2, 1, 0)), kinds=KINDS)
    assert results.overall == Tally(2, 1, 0)
    assert results.groups == ()
    assert results.merged == Tally(2, 1, 0)


def test_groups_of_at_least_five_votes_are_detailed_in_the_given_order():
    results = tally_votes(counts(association=(5, 0, 0), citizen=(3, 3, 1)), kinds=KINDS)
    assert [(group.kind, group.tally) for group in results.groups] == [
        ("citizen", Tally(3, 3, 1)),
        ("association", Tally(5, 0, 0)),
    ]
    assert results.merged == Tally()


def test_the_only_company_cannot_be_read_by_subtraction():
    # Published alone, the merged row would be the company's vote: the smallest group joins it.
    results = tally_votes(
        counts(citizen=(6, 2, 0), association=(3, 2, 0), company=(0, 1, 0)), kinds=KINDS
    )
    assert [group.kind for group in results.groups] == ["citizen"]
    assert results.merged == Tally(3, 3, 0)


def test_every_published_row_holds_none_or_at_least_five_votes():
    for sizes in itertools.product((0, 1, 2, 4, 5, 6, 9), repeat=3):
        votes = {
            kind: (size, 0, 0)
            for kind, size in zip(("citizen", "company", "undeclared"), sizes, strict=True)
        }
        results = tally_votes(counts(**votes), kinds=KINDS)
        rows = [group.tally.total for group in results.groups]
        assert all(total >= MIN_GROUP for total in rows), sizes
        # The merged row is empty or large enough, unless nothing is detailed at all (it is then
        # the overall count, which is public anyway).
        assert results.merged.total in (0, *range(MIN_GROUP, 100)) or not rows, sizes
        assert sum(rows) + results.merged.total == results.overall.total == sum(sizes)
