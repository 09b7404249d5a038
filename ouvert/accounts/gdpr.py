"""What the platform holds about a person, section by section, for export and for erasure.

Each app that stores something about a person declares it in its `personal_data.py`:
an `export` function returning JSON-ready data, and an `erase` function run inside the transaction
that deletes the account (for data that must go, such as registrations). Public contributions stay
and are shown under the deleted account's new pseudonym.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class PersonalDataSection:
    key: str
    title: str | Promise
    export: Callable[[Any], Any]
    erase: Callable[[Any], None] | None = None


class PersonalDataRegistry:
    def __init__(self) -> None:
        self._sections: dict[str, PersonalDataSection] = {}

    def register(self, section: PersonalDataSection) -> None:
        if section.key in self._sections:
            raise ValueError(f"A personal-data section {section.key!r} is already registered.")
        self._sections[section.key] = section

    def __iter__(self) -> Iterator[PersonalDataSection]:
        return iter(self._sections.values())


registry = PersonalDataRegistry()
