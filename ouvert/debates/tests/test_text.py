"""The debated text as paragraphs, and the difference between two versions (no database)."""

from ouvert.debates.text import Segment, compare_paragraphs, split_paragraphs, words_diff


def test_paragraphs_are_the_blocks_between_blank_lines():
    text = "Premier.\nSuite du premier.\r\n\r\n  \nSecond.\n\n\n- une liste\n- de deux\n\n"
    assert split_paragraphs(text) == [
        "Premier.\nSuite du premier.",
        "Second.",
        "- une liste\n- de deux",
    ]
    assert split_paragraphs("") == []
    assert split_paragraphs(" \n\n ") == []


def test_a_changed_sentence_is_shown_word_by_word():
    assert words_diff("Publier sauf exception motivée.", "Publier sauf exception publiée.") == (
        Segment("equal", "Publier sauf exception "),
        Segment("removed", "motivée."),
        Segment("added", "publiée."),
    )
    assert words_diff("Même texte.", "Même texte.") == (Segment("equal", "Même texte."),)


def test_a_rewritten_paragraph_is_shown_as_removed_then_added_not_word_by_word():
    assert words_diff("Un texte tout autre ici.", "Rien de commun avec lui.") == (
        Segment("removed", "Un texte tout autre ici."),
        Segment("added", "Rien de commun avec lui."),
    )


def test_paragraphs_are_matched_so_that_an_insertion_does_not_shift_the_others():
    before = ["Un.", "Deux.", "Trois."]
    after = ["Un.", "Nouveau.", "Deux.", "Trois, modifié."]
    changes = compare_paragraphs(before, after)
    assert [(change.kind, change.before_index) for change in changes] == [
        ("unchanged", 0),
        ("added", None),
        ("unchanged", 1),
        ("changed", 2),
    ]
    assert changes[3].segments == (
        Segment("removed", "Trois."),
        Segment("added", "Trois, modifié."),
    )


def test_removed_paragraphs_keep_their_place_in_the_debated_text():
    changes = compare_paragraphs(["Un.", "Deux.", "Trois."], ["Un.", "Trois."])
    assert [(change.kind, change.before_index) for change in changes] == [
        ("unchanged", 0),
        ("removed", 1),
        ("unchanged", 2),
    ]
