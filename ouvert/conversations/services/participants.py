"""Participants: created on their first vote or statement, numbered within the conversation."""

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from ouvert.conversations.models import Conversation, Participant


class ParticipationRefused(Exception):
    """A vote or a statement the conversation does not accept; the message says why."""


class UnknownParticipant(Exception):
    """The participant is not (or no longer) one of the conversation's."""


def next_number(conversation_id: int, counter: str) -> int:
    """The next participant or statement number of a conversation (row-locked counter)."""
    updated = Conversation.objects.filter(pk=conversation_id).update(**{counter: F(counter) + 1})
    if not updated:
        raise Conversation.DoesNotExist
    return Conversation.objects.filter(pk=conversation_id).values_list(counter, flat=True)[0] - 1


@transaction.atomic
def participant_create(*, conversation: Conversation, user: Any = None) -> Participant:
    """A new participant; for a signed-in person, their existing one if they have one."""
    if user is not None and user.is_authenticated:
        existing = Participant.objects.filter(conversation=conversation, user=user).first()
        if existing is not None:
            return existing
    elif not conversation.anonymous_participation:
        raise ParticipationRefused(_("Connectez-vous pour participer à cette conversation."))
    number = next_number(conversation.pk, "participants_numbered")
    signed_in = user if user is not None and user.is_authenticated else None
    try:
        with transaction.atomic():
            return Participant.objects.create(
                conversation=conversation, number=number, user=signed_in
            )
    except IntegrityError:
        if signed_in is None:
            raise
        # The same person's other request created it first.
        return Participant.objects.get(conversation=conversation, user=signed_in)


def participant_claim(*, participant: Participant, user: Any) -> Participant:
    """Attach an anonymous participation to the account of the person who just signed in, unless
    that account already takes part in the conversation."""
    if participant.user_id is not None or not user.is_authenticated:
        return participant
    try:
        with transaction.atomic():
            claimed = Participant.objects.filter(pk=participant.pk, user__isnull=True).update(
                user=user
            )
    except IntegrityError:  # the account already has its own participation
        return participant
    if claimed:
        participant.user = user
    return participant
