"""Writes of commitments, milestones, progress updates, partners' assessments and IRM evaluations.

Every function takes the acting user and records its change in the commitment's public history in
the same transaction. Permissions are checked by the callers (views, API) with `rules.py`; these
functions guard the invariants that hold whoever calls them.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ouvert.actors.models import Actor
from ouvert.core.models import HistoryEntry
from ouvert.core.services import history_record, save_with_history
from ouvert.notifications.models import Notification
from ouvert.notifications.services import notify_followers
from ouvert.plans.models import (
    ActionPlan,
    Commitment,
    Evaluation,
    Evidence,
    Milestone,
    OgpValue,
    PartnerAssessment,
    PolicyArea,
    ProgressUpdate,
)


@dataclass(frozen=True)
class EvidenceData:
    """A proof to attach to a progress update: a link, or an uploaded document."""

    title: str
    url: str = ""
    document: File | None = None


def _check_ogp_values(values: Sequence[str]) -> list[str]:
    unknown = sorted(set(values) - set(OgpValue.values))
    if unknown:
        raise ValidationError({"ogp_values": _("Valeurs inconnues : %s") % ", ".join(unknown)})
    # Kept in the order of the OGP's own list, so that the same set always reads the same.
    return [value for value in OgpValue.values if value in values]


def _check_links(links: Sequence[dict[str, str]]) -> list[dict[str, str]]:
    from django.core.validators import URLValidator

    validate = URLValidator(schemes=["http", "https"])
    cleaned = []
    for link in links:
        title, url = (link.get("title") or "").strip(), (link.get("url") or "").strip()
        if not title or not url:
            raise ValidationError({"links": _("Chaque lien a un intitulé et une adresse.")})
        validate(url)
        cleaned.append({"title": title, "url": url})
    return cleaned


@transaction.atomic
def commitment_save(
    *,
    acting_user: Any,
    commitment: Commitment | None,
    plan: ActionPlan,
    data: dict[str, Any],
    policy_areas: Sequence[str] | None = None,
    supporting_institutions: Sequence[Actor] | None = None,
    message: str = "",
) -> Commitment:
    """Create a commitment in `plan` (when `commitment` is None) or change it."""
    data = {**data, "plan": plan}
    if "ogp_values" in data:
        data["ogp_values"] = _check_ogp_values(data["ogp_values"])
    if "links" in data:
        data["links"] = _check_links(data["links"])
    many_to_many: dict[str, list] = {}
    if policy_areas is not None:
        names = sorted({name.strip() for name in policy_areas if name.strip()})
        many_to_many["policy_areas"] = [
            PolicyArea.objects.get_or_create(name=name)[0] for name in names
        ]
    if supporting_institutions is not None:
        lead = data.get("lead_institution", commitment.lead_institution if commitment else None)
        many_to_many["supporting_institutions"] = [
            actor for actor in dict.fromkeys(supporting_institutions) if actor != lead
        ]
    instance = commitment or Commitment()
    save_with_history(
        instance=instance,
        acting_user=acting_user,
        data=data,
        many_to_many=many_to_many,
        message=message,
    )
    return instance


@transaction.atomic
def milestone_save(
    *,
    acting_user: Any,
    milestone: Milestone | None,
    commitment: Commitment,
    data: dict[str, Any],
    message: str = "",
) -> Milestone:
    """Create a milestone of `commitment` or change it; a completed milestone gets its completion date."""
    instance = milestone or Milestone(commitment=commitment)
    if instance.commitment_id != commitment.pk:
        raise ValidationError(_("Ce jalon appartient à un autre engagement."))
    status = data.get("status", instance.status)
    if status == Milestone.Status.COMPLETED and not data.get("completed_on", instance.completed_on):
        data = {**data, "completed_on": timezone.localdate()}
    elif status != Milestone.Status.COMPLETED:
        data = {**data, "completed_on": None}
    save_with_history(instance=instance, acting_user=acting_user, data=data, message=message)
    return instance


@transaction.atomic
def progress_update_post(
    *,
    acting_user: Any,
    commitment: Commitment,
    institution: Actor,
    text: str,
    milestone: Milestone | None = None,
    new_status: str = "",
    evidence: Sequence[EvidenceData] = (),
) -> ProgressUpdate:
    """Publish a dated update signed by `acting_user` for `institution`, with its evidence.

    With a milestone and a new status, the milestone takes that status (recorded in its history
    with the update as reason). The institution must be the commitment's lead institution or one of
    its partners: an agent reports for the institution they work for.
    """
    if not text.strip():
        raise ValidationError({"text": _("Le compte rendu est obligatoire.")})
    partners = {
        commitment.lead_institution_id,
        *commitment.supporting_institutions.values_list("pk", flat=True),
    }
    if institution.pk not in partners:
        raise ValidationError(
            {
                "institution": _(
                    "Seules l'institution responsable et les partenaires rendent compte."
                )
            }
        )
    if milestone is not None and milestone.commitment_id != commitment.pk:
        raise ValidationError({"milestone": _("Ce jalon appartient à un autre engagement.")})
    if new_status and milestone is None:
        raise ValidationError({"new_status": _("Choisissez le jalon dont l'état change.")})
    update = ProgressUpdate(
        commitment=commitment,
        milestone=milestone,
        author=acting_user,
        institution=institution,
        text=text,
        new_status=new_status,
    )
    update.full_clean()
    update.save()
    for proof in evidence:
        item = Evidence(update=update, title=proof.title, url=proof.url)
        if proof.document is not None:
            item.document.save(proof.document.name, proof.document, save=False)
        item.full_clean()
        item.save()
    history_record(
        instance=update,
        acting_user=acting_user,
        action=HistoryEntry.Action.PUBLISHED,
        changes={
            "text": [None, text],
            "evidence": [None, [proof.title for proof in evidence]],
        },
    )
    if milestone is not None and new_status and new_status != milestone.status:
        milestone_save(
            acting_user=acting_user,
            milestone=milestone,
            commitment=commitment,
            data={"status": new_status},
            message=_("Point d'avancement du %(date)s")
            % {"date": timezone.localdate(update.published_at)},
        )
    # The commitment's followers hear of the update (by e-mail now, or in their daily digest).
    notify_followers(
        target=commitment,
        kind=Notification.Kind.COMMITMENT_UPDATE,
        title=str(commitment),
        path=update.get_absolute_url(),
        exclude=acting_user,
    )
    return update


@transaction.atomic
def partner_assessment_give(
    *,
    acting_user: Any,
    milestone: Milestone,
    partner: Actor,
    position: str,
    comment: str,
) -> PartnerAssessment:
    """Record (or revise) a partner's view of a milestone's reported status.

    Only the commitment's supporting institutions give one; the lead institution's view is its own
    reported status.
    """
    commitment = milestone.commitment
    if not commitment.supporting_institutions.filter(pk=partner.pk).exists():
        raise ValidationError(
            {"partner": _("Seuls les partenaires de l'engagement donnent un avis.")}
        )
    if not comment.strip():
        raise ValidationError({"comment": _("Expliquez votre avis.")})
    assessment = PartnerAssessment.objects.filter(milestone=milestone, partner=partner).first()
    save_with_history(
        instance=assessment or PartnerAssessment(milestone=milestone, partner=partner),
        acting_user=acting_user,
        data={
            "author": acting_user,
            "position": position,
            "assessed_status": milestone.status,
            "comment": comment,
        },
    )
    return PartnerAssessment.objects.get(milestone=milestone, partner=partner)


@transaction.atomic
def evaluation_save(
    *, acting_user: Any, commitment: Commitment, data: dict[str, Any]
) -> Evaluation:
    """Enter or revise the IRM assessment of a commitment."""
    if "relevant_values" in data:
        data = {**data, "relevant_values": _check_ogp_values(data["relevant_values"])}
    evaluation = Evaluation.objects.filter(commitment=commitment).first() or Evaluation(
        commitment=commitment
    )
    before = evaluation.updated_at
    evaluation.evaluator = acting_user if getattr(acting_user, "is_authenticated", False) else None
    evaluation.updated_at = timezone.now()
    changed = save_with_history(instance=evaluation, acting_user=acting_user, data=data)
    if not changed:
        evaluation.updated_at = before
    return evaluation
