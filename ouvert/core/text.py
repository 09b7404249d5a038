"""Text normalisation for search: case- and accent-insensitive matching in both databases."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case `text`, strip its accents and collapse its spaces: « Égalité  Femmes » → « egalite femmes »."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    without_marks = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SPACES.sub(" ", without_marks.casefold()).strip()


def search_terms(query: str) -> list[str]:
    """The folded words of a query, each to be found somewhere in the folded text."""
    return [term for term in re.split(r"[^\w]+", fold(query)) if term]
