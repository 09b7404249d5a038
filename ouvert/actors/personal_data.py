"""What the actors app holds about a person: the actors they represent, and their requests."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ouvert.accounts.gdpr import PersonalDataSection, registry
from ouvert.actors.models import Actor, ActorRequest, Representative


def _export(user) -> dict:
    return {
        "represents": [
            {"actor_id": rep.actor_id, "actor": rep.actor.name, "since": rep.since.isoformat()}
            for rep in Representative.objects.filter(user=user).select_related("actor")
        ],
        "requests": [
            {
                "kind": request.kind,
                "actor_id": request.actor_id,
                "actor": request.actor.name,
                "role": request.role,
                "message": request.message,
                "status": request.status,
                "created_at": request.created_at.isoformat(),
                "decision_note": request.decision_note,
            }
            for request in ActorRequest.objects.filter(requested_by=user).select_related("actor")
        ],
    }


def _erase(user) -> None:
    # The actor's page and its history stay (they are the public record); the person's link to
    # it and what they wrote to moderation go.
    with transaction.atomic():
        Representative.objects.filter(user=user).delete()
        # A registration still waiting would be left without anyone behind it: it goes too.
        Actor.objects.filter(
            status=Actor.Status.PENDING,
            requests__requested_by=user,
            requests__kind=ActorRequest.Kind.REGISTRATION,
        ).delete()
        ActorRequest.objects.filter(requested_by=user).delete()


registry.register(
    PersonalDataSection(key="actors", title=_("Acteurs représentés"), export=_export, erase=_erase)
)
