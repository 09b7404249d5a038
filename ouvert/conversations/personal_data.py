"""What conversations hold about a person with an account: their participations, votes, statements.

A person's votes are theirs: deleting the account deletes them (and the results are computed
again without them). Their statements are public contributions and stay, without an author.
"""

from django.utils.translation import gettext_lazy as _

from ouvert.accounts.gdpr import PersonalDataSection, registry
from ouvert.conversations import selectors, services
from ouvert.conversations.models import Participant, Statement, Vote, VoteChange


def _export(user) -> list[dict]:
    return [
        {
            "conversation": participant.conversation.slug,
            "question": participant.conversation.title,
            "participant_number": participant.number,
            "joined_at": participant.created_at.isoformat(),
            "votes": [
                {
                    "statement": vote.statement.number,
                    "text": vote.statement.text,
                    "vote": Vote.Value(vote.value).name.lower(),
                    "first_cast_at": vote.created_at.isoformat(),
                    "cast_at": vote.updated_at.isoformat(),
                }
                for vote in sorted(participant.votes.all(), key=lambda v: v.statement.number)
            ],
            "replaced_votes": [
                {
                    "statement": change.statement.number,
                    "vote": Vote.Value(change.value).name.lower(),
                    "cast_at": change.cast_at.isoformat(),
                }
                for change in participant.vote_changes.all()
            ],
            "statements": [
                {
                    "number": statement.number,
                    "text": statement.text,
                    "status": statement.status,
                    "created_at": statement.created_at.isoformat(),
                }
                for statement in participant.statements.all()
            ],
        }
        for participant in selectors.participations_of(user)
    ]


def _erase(user) -> None:
    participants = list(Participant.objects.filter(user=user))
    conversations = {participant.conversation_id for participant in participants}
    Vote.objects.filter(participant__in=participants).delete()
    VoteChange.objects.filter(participant__in=participants).delete()
    # Statements stay (public contributions), no longer tied to the participant.
    Statement.objects.filter(author__in=participants).update(author=None)
    Participant.objects.filter(pk__in=[p.pk for p in participants]).update(user=None)
    for conversation_id in conversations:
        services.analysis_request(conversation_id=conversation_id)


registry.register(
    PersonalDataSection(
        key="conversations",
        title=_("Participation aux conversations"),
        export=_export,
        erase=_erase,
    )
)
