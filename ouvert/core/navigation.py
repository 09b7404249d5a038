"""The main navigation: one entry per section of the site, in the order of the header.

A section appears here once it exists; there are no placeholder entries.
"""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    label: str | Promise
    url_name: str
    namespaces: tuple[str, ...] = ()  # URL namespaces whose pages belong to the section


SECTIONS = (
    Section(_("Accueil"), "core:home"),
    Section(_("Plans d'action"), "plans:list", ("plans",)),
    Section(_("Engagements"), "commitments:list", ("commitments",)),
    Section(_("Acteurs"), "actors:search", ("actors",)),
    Section(_("Événements"), "events:list", ("events",)),
    Section(_("Propositions"), "proposals:list", ("proposals",)),
    Section(_("Conversations"), "conversations:list", ("conversations",)),
    Section(_("Débats"), "debates:list", ("debates",)),
    Section(_("Blog"), "blog:list", ("blog",)),
    Section(_("Données ouvertes"), "opendata:catalogue", ("opendata",)),
)


@dataclass(frozen=True)
class NavigationItem:
    label: str | Promise
    url: str
    current: bool


def main_navigation(request: HttpRequest) -> list[NavigationItem]:
    match = getattr(request, "resolver_match", None)
    namespace = match.namespace if match else ""
    view_name = match.view_name if match else ""
    return [
        NavigationItem(
            label=section.label,
            url=reverse(section.url_name),
            current=view_name == section.url_name or namespace in section.namespaces,
        )
        for section in SECTIONS
    ]
