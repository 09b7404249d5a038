"""Statements: seed statements, participants' statements, moderation decisions."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ouvert.conversations.models import (
    STATEMENT_MAX_LENGTH,
    Conversation,
    Participant,
    Statement,
    Vote,
)
from ouvert.conversations.services.analyses import analysis_request
from ouvert.conversations.services.participants import ParticipationRefused, next_number
from ouvert.core.models import HistoryEntry
from ouvert.core.services import history_record, save_with_history


def _clean_text(text: str) -> str:
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError(_("Écrivez votre proposition."))
    if len(text) > STATEMENT_MAX_LENGTH:
        raise ValidationError(
            _("Une proposition tient en %(max)s caractères au plus.")
            % {"max": STATEMENT_MAX_LENGTH}
        )
    return text


@transaction.atomic
def statement_seed(
    *, conversation: Conversation, text: str, acting_user: Any, is_meta: bool = False
) -> Statement:
    """A statement written by the moderation to start the conversation: accepted at once."""
    statement = Statement(
        conversation=conversation,
        number=next_number(conversation.pk, "statements_numbered"),
        text=_clean_text(text),
        is_seed=True,
        is_meta=is_meta,
        status=Statement.Status.ACCEPTED,
        moderated_at=timezone.now(),
    )
    statement.save()
    history_record(
        instance=statement,
        acting_user=acting_user,
        action=HistoryEntry.Action.CREATED,
        changes={"text": [None, statement.text], "status": [None, statement.status]},
        message=_("Proposition de départ n° %(number)s") % {"number": statement.number},
    )
    analysis_request(conversation_id=conversation.pk)
    return statement


@transaction.atomic
def statement_submit(*, participant: Participant, text: str) -> Statement:
    """A participant's statement: to moderate first under strict moderation, else open at once.

    As in Pol.is, its author agrees with it: their vote is cast with it.
    """
    conversation = Conversation.objects.get(pk=participant.conversation_id)
    if not conversation.is_open:
        raise ParticipationRefused(_("Cette conversation n'est pas ouverte."))
    if not conversation.accepts_statements:
        raise ParticipationRefused(_("Cette conversation ne reçoit pas de propositions."))
    text = _clean_text(text)
    if Statement.objects.filter(conversation=conversation, text__iexact=text).exists():
        raise ValidationError(_("Cette proposition existe déjà dans la conversation."))
    statement = Statement.objects.create(
        conversation=conversation,
        number=next_number(conversation.pk, "statements_numbered"),
        text=text,
        author=participant,
        status=Statement.Status.PENDING,
    )
    now = timezone.now()
    Vote.objects.create(
        conversation=conversation,
        participant=participant,
        statement=statement,
        value=Vote.Value.AGREE,
        created_at=now,
        updated_at=now,
    )
    analysis_request(conversation_id=conversation.pk)
    return statement


@transaction.atomic
def statement_moderate(
    *,
    statement: Statement,
    status: str,
    acting_user: Any,
    is_meta: bool | None = None,
    message: str = "",
) -> Statement:
    """Accept or reject a statement (a moderation decision, recorded in the conversation's history).

    A rejected statement stays in the database with its votes, out of the vote and of the math.
    """
    if status not in Statement.Status.values:
        raise ValidationError(_("Décision de modération inconnue."))
    data: dict[str, Any] = {"status": status}
    if is_meta is not None:
        data["is_meta"] = is_meta
    if status != statement.status:
        statement.moderated_at = timezone.now()
    if save_with_history(instance=statement, acting_user=acting_user, data=data, message=message):
        analysis_request(conversation_id=statement.conversation_id)
    return statement
