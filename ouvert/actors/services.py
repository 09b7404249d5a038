"""Writes of actors: registration, claims, moderation, updates by representatives, tallies.

Every change to an actor's public record writes its history row in the same transaction; the
moderation decision is recorded on the actor's history with its reason.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ouvert.accounts.roles import Role
from ouvert.accounts.services import user_grant_role
from ouvert.actors.models import (
    Actor,
    ActorRequest,
    Commune,
    Department,
    PostalCode,
    Region,
    Representative,
)
from ouvert.actors.selectors import commune_points
from ouvert.actors.tallies import tally_refresh
from ouvert.actors.territories import Territories
from ouvert.actors.themes import Theme
from ouvert.core.emails import email_enqueue
from ouvert.core.history import diff, snapshot
from ouvert.core.http import absolute_url
from ouvert.core.models import HistoryEntry
from ouvert.core.services import history_record

# Territories ---------------------------------------------------------------------------------


@transaction.atomic
def territories_load(*, territories: Territories) -> dict[str, int]:
    """Create or update régions, départements, communes and postal codes; return the counts.

    Communes are updated in place, never deleted: actors point to them.
    """
    Region.objects.bulk_create(
        [Region(code=row.code, name=row.name) for row in territories.regions],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name"],
    )
    Department.objects.bulk_create(
        [
            Department(code=row.code, name=row.name, region_id=row.region_code)
            for row in territories.departments
        ],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "region"],
    )
    Commune.objects.bulk_create(
        [
            Commune(
                code=row.code,
                name=row.name,
                department_id=row.department_code,
                latitude=row.latitude,
                longitude=row.longitude,
                population=row.population,
            )
            for row in territories.communes
        ],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "department", "latitude", "longitude", "population"],
        batch_size=2000,
    )
    PostalCode.objects.all().delete()
    PostalCode.objects.bulk_create(
        [
            PostalCode(code=postal, commune_id=commune)
            for postal, commune in territories.postal_codes
        ],
        batch_size=5000,
    )
    transaction.on_commit(commune_points.cache_clear)
    return {
        "regions": len(territories.regions),
        "departments": len(territories.departments),
        "communes": len(territories.communes),
        "postal_codes": len(territories.postal_codes),
    }


# Actors --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActorData:
    """What a person writes about an organisation when registering it or keeping it up to date."""

    name: str
    kind: str
    mission: str
    themes: list[str]
    short_name: str = ""
    website: str = ""
    public_email: str = ""
    private_email: str = ""
    private_phone: str = ""
    territory: str = ""
    commune: Commune | None = None
    latitude: float | None = None
    longitude: float | None = None

    def values(self) -> dict[str, Any]:
        known = set(Theme.values)
        return {
            "name": self.name.strip(),
            "kind": self.kind,
            "mission": self.mission.strip(),
            "themes": " ".join(
                theme for theme in Theme.values if theme in set(self.themes) & known
            ),
            "short_name": self.short_name.strip(),
            "website": self.website.strip(),
            "public_email": self.public_email.strip(),
            "private_email": self.private_email.strip(),
            "private_phone": self.private_phone.strip(),
            "territory": self.territory.strip(),
        }


def actor_place(actor: Actor, commune: Commune | None, latitude, longitude) -> None:
    """Put `actor` in `commune`, at its precise position if one is given, else at the commune's."""
    actor.commune = commune
    if commune is not None:
        actor.department_code = commune.department_id
        actor.region_code = commune.department.region_id
        actor.city_name = ""
    precise = latitude is not None and longitude is not None
    actor.has_precise_position = precise
    actor.latitude = latitude if precise else (commune.latitude if commune else None)
    actor.longitude = longitude if precise else (commune.longitude if commune else None)


def _record(actor: Actor, *, acting_user: Any, before: dict, message: str = "") -> None:
    changes = diff(before, snapshot(actor, Actor.history_fields))
    if before == {}:
        changes = {name: change for name, change in changes.items() if change[1] not in (None, "")}
    if changes or message:
        history_record(
            instance=actor,
            acting_user=acting_user,
            action=HistoryEntry.Action.CREATED if before == {} else HistoryEntry.Action.UPDATED,
            changes=changes,
            message=message,
        )


@transaction.atomic
def actor_register(
    *, acting_user: Any, data: ActorData, role: str, message: str = ""
) -> ActorRequest:
    """Register a new organisation: a pending actor, and the request that moderation decides."""
    actor = Actor(**data.values(), source=Actor.Source.REGISTRATION, status=Actor.Status.PENDING)
    actor_place(actor, data.commune, data.latitude, data.longitude)
    actor.full_clean()
    actor.save()
    _record(actor, acting_user=acting_user, before={})
    return ActorRequest.objects.create(
        kind=ActorRequest.Kind.REGISTRATION,
        actor=actor,
        requested_by=acting_user,
        role=role.strip(),
        message=message.strip(),
    )


class ClaimRefused(Exception):
    """A claim that cannot be made; the message says why, for the person who tried."""


@transaction.atomic
def actor_claim(*, acting_user: Any, actor: Actor, role: str, message: str = "") -> ActorRequest:
    """Ask to represent an actor already listed (typically one imported from the register)."""
    if not actor.is_published:
        raise ClaimRefused(_("Cet acteur n'est pas publié."))
    if Representative.objects.filter(actor=actor, user=acting_user).exists():
        raise ClaimRefused(_("Vous représentez déjà cet acteur."))
    if ActorRequest.objects.filter(
        actor=actor, requested_by=acting_user, status=ActorRequest.Status.PENDING
    ).exists():
        raise ClaimRefused(_("Votre demande pour cet acteur attend déjà la modération."))
    return ActorRequest.objects.create(
        kind=ActorRequest.Kind.CLAIM,
        actor=actor,
        requested_by=acting_user,
        role=role.strip(),
        message=message.strip(),
    )


@transaction.atomic
def request_decide(
    *, acting_user: Any, request: ActorRequest, approve: bool, note: str = ""
) -> ActorRequest:
    """Approve or refuse a registration or a claim; the decision enters the actor's history.

    Approving makes the requester a representative of the actor (and grants them the role of
    actor representative) and marks the actor verified; a registration is published.
    """
    request = ActorRequest.objects.select_for_update().get(pk=request.pk)
    if not request.is_pending:
        raise ValidationError(_("Cette demande a déjà été décidée."))
    if not approve and not note.strip():
        raise ValidationError(_("Donnez le motif du refus : il est envoyé au demandeur."))
    actor = Actor.objects.select_related("commune__department").get(pk=request.actor_id)
    before = snapshot(actor, Actor.history_fields)
    request.status = ActorRequest.Status.APPROVED if approve else ActorRequest.Status.REJECTED
    request.decided_by = acting_user
    request.decided_at = timezone.now()
    request.decision_note = note.strip()
    request.save()
    is_registration = request.kind == ActorRequest.Kind.REGISTRATION
    if approve:
        Representative.objects.get_or_create(actor=actor, user=request.requested_by)
        user_grant_role(
            user=request.requested_by, role=Role.ACTOR_REPRESENTATIVE, acting_user=acting_user
        )
        actor.is_verified = True
        if is_registration:
            actor.status = Actor.Status.PUBLISHED
    elif is_registration:
        actor.status = Actor.Status.REJECTED
    actor.save()
    if approve:
        summary = _("Inscription acceptée") if is_registration else _("Revendication acceptée")
    else:
        summary = _("Inscription refusée") if is_registration else _("Revendication refusée")
    message = f"{summary} : {request.decision_note}" if request.decision_note else summary
    _record(actor, acting_user=acting_user, before=before, message=message)
    tally_refresh(department_codes={actor.department_code})
    requester = request.requested_by
    email_enqueue(
        to=requester.email,
        template="actors/emails/request_decided",
        context={
            "approved": approve,
            "actor_name": actor.name,
            "note": request.decision_note,
            "actor_url": absolute_url(actor.get_absolute_url()),
        },
        language=requester.language,
    )
    return request


@transaction.atomic
def actor_update(
    *, acting_user: Any, actor: Actor, data: ActorData, by_representative: bool
) -> Actor:
    """Change what an actor's page says. A representative's fields are then kept by re-imports."""
    actor = (
        Actor.objects.select_for_update(of=("self",))
        .select_related("commune__department")
        .get(pk=actor.pk)
    )
    before = snapshot(actor, Actor.history_fields)
    old_department = actor.department_code
    values = data.values()
    for name, value in values.items():
        setattr(actor, name, value)
    actor_place(actor, data.commune or actor.commune, data.latitude, data.longitude)
    actor.full_clean()
    if by_representative:
        edited = {name for name in Actor.representative_editable if name in values}
        actor.representative_fields = " ".join(sorted(actor.locked_fields | edited))
    actor.save()
    _record(actor, acting_user=acting_user, before=before)
    tally_refresh(department_codes={old_department, actor.department_code})
    return actor


@transaction.atomic
def actor_create(*, acting_user: Any, data: ActorData, rna_id: str | None = None) -> Actor:
    """Create a published actor directly (public bodies entered by the administration, the demo)."""
    actor = Actor(
        **data.values(), rna_id=rna_id, source=Actor.Source.EDITORIAL, status=Actor.Status.PUBLISHED
    )
    actor_place(actor, data.commune, data.latitude, data.longitude)
    actor.full_clean()
    actor.save()
    _record(actor, acting_user=acting_user, before={})
    tally_refresh(department_codes={actor.department_code})
    return actor


def actor_find_or_create(*, acting_user: Any, name: str, kind: str) -> Actor:
    """The actor of that exact name (any case), or a new published one (imports, the demo)."""
    actor = Actor.objects.filter(name__iexact=name.strip()).order_by("pk").first()
    if actor is not None:
        return actor
    return actor_create(
        acting_user=acting_user, data=ActorData(name=name, kind=kind, mission="", themes=[])
    )
