"""Writes of proposals: submission into an open call, moderation, supports, the public answer."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import translate_url
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ouvert.actors.models import Actor
from ouvert.actors.selectors import actor_ids_represented_by
from ouvert.core.emails import email_enqueue
from ouvert.core.http import absolute_url
from ouvert.core.models import HistoryEntry
from ouvert.core.publicity import is_public
from ouvert.core.services import history_record, save_with_history
from ouvert.notifications.models import Notification
from ouvert.notifications.services import follow_set, notify_followers
from ouvert.participation.models import Answer, Proposal, ProposalCall, Support
from ouvert.participation.services.moderation import moderation_decide
from ouvert.plans.models import Commitment

TITLE_MAX = 200
BODY_MAX = 10_000


def _author_email(proposal: Proposal, template: str) -> None:
    author = proposal.author
    if not author.is_active:
        return
    email_enqueue(
        to=author.email,
        template=f"participation/emails/{template}",
        context={
            "proposal": proposal,
            "url": absolute_url(translate_url(proposal.get_absolute_url(), author.language)),
        },
        language=author.language,
    )


@transaction.atomic
def proposal_submit(
    *,
    acting_user: Any,
    call: ProposalCall,
    kind: str,
    title: str,
    body: str,
    on_behalf_of: Actor | None = None,
    institution: Actor | None = None,
    amended_commitment: Commitment | None = None,
) -> Proposal:
    """Submit a proposal to an open call; it waits for moderation before anyone else sees it."""
    errors: dict[str, str] = {}
    if not call.is_open():
        deadline = formats.date_format(timezone.localtime(call.closes_at), "DATETIME_FORMAT")
        raise ValidationError(
            _("Cet appel à propositions est clos depuis le %(date)s.") % {"date": deadline}
            if timezone.now() >= call.closes_at
            else _("Cet appel à propositions n'est pas encore ouvert.")
        )
    if kind not in Proposal.Kind.values:
        errors["kind"] = _("Type de proposition inconnu.")
    if not title.strip():
        errors["title"] = _("Donnez un titre à votre proposition.")
    if not body.strip():
        errors["body"] = _("Décrivez votre proposition.")
    elif len(body) > BODY_MAX:
        errors["body"] = _("%(max)s caractères au plus.") % {"max": BODY_MAX}
    if on_behalf_of is not None and on_behalf_of.pk not in actor_ids_represented_by(acting_user):
        errors["on_behalf_of"] = _("Vous ne représentez pas cet acteur.")
    if kind == Proposal.Kind.AMENDMENT:
        if not call.accepts_amendments:
            errors["kind"] = _("Les amendements ne sont reçus que pendant la concertation.")
        elif amended_commitment is None:
            errors["amended_commitment"] = _("Choisissez l'engagement que vous amendez.")
        elif amended_commitment.plan_id != call.phase.plan_id or not is_public(amended_commitment):
            errors["amended_commitment"] = _("Cet engagement n'est pas soumis à la concertation.")
        else:
            institution = amended_commitment.lead_institution
    else:
        amended_commitment = None
    if errors:
        raise ValidationError(errors)
    proposal = Proposal(
        call=call,
        kind=kind,
        title=title.strip()[:TITLE_MAX],
        body=body.strip(),
        author=acting_user,
        on_behalf_of=on_behalf_of,
        institution=institution,
        amended_commitment=amended_commitment,
    )
    proposal.full_clean()
    proposal.save()
    history_record(
        instance=proposal,
        acting_user=acting_user,
        action=HistoryEntry.Action.CREATED,
        changes={"title": [None, proposal.title], "kind": [None, kind]},
    )
    return proposal


@transaction.atomic
def proposal_moderate(
    *,
    acting_user: Any,
    proposal: Proposal,
    publish: bool,
    reason: str = "",
    institution: Actor | None = None,
) -> Proposal:
    """Publish a proposal or refuse it, with the reason told to its author.

    A published proposal can be withdrawn later (a reason is then required too). The author follows
    their proposal from its publication, so they hear of its answer and comments.
    """
    proposal = Proposal.objects.select_for_update().select_related("author").get(pk=proposal.pk)
    if institution is not None and proposal.kind != Proposal.Kind.AMENDMENT:
        proposal.institution = institution
    changed, _first = moderation_decide(
        instance=proposal,
        acting_user=acting_user,
        publish=publish,
        reason=reason,
        published=Proposal.Status.PUBLISHED,
        rejected=Proposal.Status.REJECTED,
    )
    if not changed:
        return proposal
    if publish:
        follow_set(user=proposal.author, target=proposal, following=True)
    _author_email(proposal, "proposal_published" if publish else "proposal_rejected")
    return proposal


def support_set(*, acting_user: Any, proposal: Proposal, supporting: bool) -> int:
    """Support a published proposal or withdraw the support; returns the number of supports.

    One support per person, enforced by a unique constraint: a double click, or two requests at the
    same instant, leave one row.
    """
    if not proposal.is_published:
        raise ValidationError(_("Seules les propositions publiées peuvent être soutenues."))
    if supporting:
        try:
            with transaction.atomic():
                Support.objects.get_or_create(proposal=proposal, user=acting_user)
        except IntegrityError:
            pass  # the other request of the double click created it
    else:
        Support.objects.filter(proposal=proposal, user=acting_user).delete()
    return Support.objects.filter(proposal=proposal).count()


@transaction.atomic
def answer_save(
    *,
    acting_user: Any,
    proposal: Proposal,
    status: str,
    text: str,
    text_en: str = "",
    merged_into: Commitment | None = None,
    institution: Actor | None = None,
) -> Answer:
    """Answer a published proposal in public, or revise the answer; the author and followers hear of it.

    The first answer's date is kept: it is what the accountability board measures.
    """
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not proposal.is_published:
        raise ValidationError(_("Seules les propositions publiées reçoivent une réponse publique."))
    errors = {}
    if status not in Answer.Status.values:
        errors["status"] = _("Réponse inconnue.")
    if not text.strip():
        errors["text"] = _("Expliquez la réponse : c'est ce que lira l'auteur·rice.")
    if status == Answer.Status.MERGED:
        if merged_into is None:
            errors["merged_into"] = _("Indiquez l'engagement qui intègre la proposition.")
        elif not is_public(merged_into):
            errors["merged_into"] = _("Cet engagement n'est pas publié.")
    else:
        merged_into = None
    if errors:
        raise ValidationError(errors)
    answer = Answer.objects.filter(proposal=proposal).first()
    now = timezone.now()
    if answer is None:
        answer = Answer(proposal=proposal, first_answered_at=now)
    changed = save_with_history(
        instance=answer,
        acting_user=acting_user,
        data={
            "status": status,
            "text": text.strip(),
            "text_en": text_en.strip(),
            "merged_into": merged_into,
            "institution": institution or proposal.institution,
            "answered_by": acting_user,
            "updated_at": now,
        },
    )
    if changed:
        notify_followers(
            target=proposal,
            kind=Notification.Kind.PROPOSAL_ANSWERED,
            title=proposal.title,
            path=proposal.get_absolute_url(),
            exclude=acting_user,
            also=[proposal.author],
        )
    return answer
