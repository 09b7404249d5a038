"""Bar charts drawn on the server as SVG, each shown beside the table of its figures."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.formats import number_format


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    # The bar's length as a share of the longest bar, in percent (for the SVG width attribute).
    percent: float
    display: str


def bars(items: Iterable[tuple[str, float]], *, unit: str = "") -> list[Bar]:
    """Bars for (label, value) pairs, scaled to the largest value."""
    items = list(items)
    largest = max((value for _, value in items), default=0) or 1
    return [
        Bar(
            label=str(label),
            value=value,
            percent=round(100 * value / largest, 1),
            display=f"{_number(value)}{unit}",
        )
        for label, value in items
    ]


def _number(value: float) -> str:
    """A value as the page's language writes it, whole numbers without a decimal point or an
    exponent ("2 300 000", not "2.3e+06")."""
    if float(value).is_integer():
        value = int(value)
    return number_format(value, force_grouping=True)
