"""Who is taking part: an account, or, without one, a participant remembered by a signed cookie.

The cookie maps conversation ids to participant ids, signed with the site's secret key: it cannot
be forged, holds nothing about the person, and lets a vote be recorded without reading the
participant from the database first (the vote's foreign key checks the participant exists).
"""

from functools import lru_cache

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from ouvert.conversations import selectors, services
from ouvert.conversations.models import Conversation, Participant
from ouvert.core.http import client_ip

COOKIE = "ouvert_participation"
_SALT = "ouvert.conversations.participation"
_MAX_AGE = 60 * 60 * 24 * 365
_MAX_CONVERSATIONS = 100


@lru_cache(maxsize=50_000)
def _verified(signed: str) -> tuple[tuple[int, int], ...]:
    """The (conversation, participant) pairs of a cookie whose signature holds, () otherwise.

    Cached: a participant sends the same cookie with each vote, and checking the signature is a
    good part of a vote's cost. Its age is checked when first seen only (a year at most).
    """
    try:
        value = signing.TimestampSigner(salt=_SALT).unsign(signed, max_age=_MAX_AGE)
    except signing.BadSignature:
        return ()
    pairs = []
    for pair in value.split(","):
        conversation_id, _, participant_id = pair.partition(":")
        if conversation_id.isdigit() and participant_id.isdigit():
            pairs.append((int(conversation_id), int(participant_id)))
    return tuple(pairs)


def _cookie_map(request: HttpRequest) -> dict[int, int]:
    cached = getattr(request, "_ouvert_participation", None)
    if cached is not None:
        return cached
    signed = request.COOKIES.get(COOKIE, "")
    mapping = dict(_verified(signed)) if signed else {}
    request._ouvert_participation = mapping
    return mapping


def _remember(request: HttpRequest, conversation_id: int, participant_id: int | None) -> None:
    mapping = dict(_cookie_map(request))
    mapping.pop(conversation_id, None)
    if participant_id is not None:
        mapping[conversation_id] = participant_id
    request._ouvert_participation = dict(list(mapping.items())[-_MAX_CONVERSATIONS:])
    request._ouvert_participation_changed = True


def cookie_value(mapping: dict[int, int]) -> str:
    """The signed cookie for {conversation id: participant id}."""
    return signing.TimestampSigner(salt=_SALT).sign(
        ",".join(f"{c}:{p}" for c, p in mapping.items())
    )


def store_cookie(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Write the participation cookie on `response` if this request changed it."""
    if getattr(request, "_ouvert_participation_changed", False):
        mapping = _cookie_map(request)
        if mapping:
            response.set_cookie(
                COOKIE,
                cookie_value(mapping),
                max_age=_MAX_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        else:
            response.delete_cookie(COOKIE, samesite="Lax")
    return response


def current_participant(request: HttpRequest, conversation: Conversation) -> Participant | None:
    """The participant this request speaks for, if it has taken part already (no query for an
    anonymous participant: the signed cookie is trusted).

    A person who took part anonymously and then signed in keeps their votes: the anonymous
    participation becomes their account's, unless the account already had one.
    """
    cookie_participant = _cookie_map(request).get(conversation.pk)
    user = request.user
    if user.is_authenticated:
        participant = selectors.participant_for_user(conversation=conversation, user=user)
        if participant is None and cookie_participant is not None:
            anonymous = selectors.participant_by_id(
                conversation=conversation, participant_id=cookie_participant
            )
            if anonymous is not None and anonymous.user_id is None:
                participant = services.participant_claim(participant=anonymous, user=user)
                if participant.user_id != user.pk:
                    participant = None
        if cookie_participant is not None:
            _remember(request, conversation.pk, None)  # the account holds it from now on
        return participant
    if cookie_participant is None:
        return None
    return Participant(pk=cookie_participant, conversation=conversation, user=None)


def forget_participant(request: HttpRequest, conversation: Conversation) -> None:
    """Drop a cookie participant the database does not know (its conversation was reset)."""
    _remember(request, conversation.pk, None)


class TooManyParticipants(Exception):
    pass


def _new_participants_allowed(request: HttpRequest) -> bool:
    """At most OUVERT_CONVERSATION_NEW_PARTICIPANTS_PER_MINUTE anonymous participants created per
    client address and minute: a bound on scripted ballot stuffing that a room of people behind
    one address does not reach."""
    limit = settings.OUVERT_CONVERSATION_NEW_PARTICIPANTS_PER_MINUTE
    if limit <= 0:
        return True
    key = f"ouvert:new-participants:{client_ip(request)}:{timezone.now():%Y%m%d%H%M}"
    if cache.add(key, 1, timeout=120):
        return True
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=120)
        return True


def participant_for_action(request: HttpRequest, conversation: Conversation) -> Participant:
    """The current participant, created on their first vote or statement."""
    participant = current_participant(request, conversation)
    if participant is not None:
        return participant
    if not request.user.is_authenticated and not _new_participants_allowed(request):
        raise TooManyParticipants
    participant = services.participant_create(conversation=conversation, user=request.user)
    if participant.user_id is None:
        _remember(request, conversation.pk, participant.pk)
    return participant
