"""Debated texts as paragraphs, and the readable difference between two versions of a text.

Plain functions on strings, no database: a text is Markdown; its paragraphs are the blocks between
blank lines; two versions are compared paragraph by paragraph (difflib's longest matching blocks),
and a changed paragraph word by word.
"""

import difflib
import re
from dataclasses import dataclass

_BLANK_LINES = re.compile(r"\n[ \t]*\n")
# Words with the spaces after them: spaces alone would match everywhere and cut a rewritten
# sentence into alternating words.
_WORDS = re.compile(r"\s+|\S+\s*")
# Below this share of words in common, a paragraph reads better as rewritten than as patched.
REWRITTEN = 0.4


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of a Markdown text: its blocks between blank lines, trimmed, none empty."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return [block.strip() for block in _BLANK_LINES.split(text) if block.strip()]


@dataclass(frozen=True)
class Segment:
    """A run of text that is in both versions (`equal`), only in the new one, or only in the old."""

    kind: str  # "equal", "added" or "removed"
    text: str


@dataclass(frozen=True)
class ParagraphChange:
    """One paragraph of the comparison: unchanged, changed, added or removed.

    `before_index` is its position among the old paragraphs (None for an added one), so that what
    was said of the old paragraph (its comments, the response's note) can be shown beside it.
    """

    kind: str  # "unchanged", "changed", "added" or "removed"
    before_index: int | None
    segments: tuple[Segment, ...]


def words_diff(before: str, after: str) -> tuple[Segment, ...]:
    """The changes from `before` to `after`, word by word (spaces kept with the words); a
    paragraph rewritten rather than edited comes as all removed, then all added."""
    old, new = _WORDS.findall(before), _WORDS.findall(after)
    segments: list[Segment] = []

    def add(kind: str, text: str) -> None:
        if not text:
            return
        if segments and segments[-1].kind == kind:
            segments[-1] = Segment(kind, segments[-1].text + text)
        else:
            segments.append(Segment(kind, text))

    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    if matcher.ratio() < REWRITTEN:
        add("removed", before)
        add("added", after)
        return tuple(segments)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", "".join(old[i1:i2]))
        else:
            add("removed", "".join(old[i1:i2]))
            add("added", "".join(new[j1:j2]))
    return tuple(segments)


def compare_paragraphs(before: list[str], after: list[str]) -> list[ParagraphChange]:
    """The paragraphs of `after` set against those of `before`, in reading order.

    Where several paragraphs were replaced by several others, they are paired in order: the first
    old one with the first new one, and so on; the rest are removed or added.
    """
    changes: list[ParagraphChange] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            changes += [
                ParagraphChange("unchanged", i, (Segment("equal", before[i]),))
                for i in range(i1, i2)
            ]
            continue
        pairs = min(i2 - i1, j2 - j1)
        for offset in range(pairs):
            i, j = i1 + offset, j1 + offset
            changes.append(ParagraphChange("changed", i, words_diff(before[i], after[j])))
        changes += [
            ParagraphChange("removed", i, (Segment("removed", before[i]),))
            for i in range(i1 + pairs, i2)
        ]
        changes += [
            ParagraphChange("added", None, (Segment("added", after[j]),))
            for j in range(j1 + pairs, j2)
        ]
    return changes
