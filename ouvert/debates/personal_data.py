"""What the debates hold about a person: their votes (only they ever see them; on deletion they are
detached from the account so that the results stand), their supports of arguments (erased), and
their arguments (public contributions: they stay, under the pseudonym). Their comments on
paragraphs are comments, exported with the others by participation."""

from django.utils.translation import gettext_lazy as _

from ouvert.accounts.gdpr import PersonalDataSection, registry
from ouvert.debates.models import Argument, ArgumentSupport, Vote
from ouvert.debates.services import votes_anonymize


def _votes(user) -> list[dict]:
    return [
        {
            "debate": vote.debate.title,
            "choice": vote.choice,
            "declared_kind": vote.kind,
            "voted_at": vote.created_at.isoformat(),
            "changed_at": vote.updated_at.isoformat(),
        }
        for vote in Vote.objects.filter(voter=user).select_related("debate").order_by("created_at")
    ]


def _erase_votes(user) -> None:
    votes_anonymize(user=user)


def _arguments(user) -> dict:
    return {
        "arguments": [
            {
                "debate": argument.debate.title,
                "side": argument.side,
                "body": argument.body,
                "status": argument.status,
                "moderation_reason": argument.moderation_reason,
                "created_at": argument.created_at.isoformat(),
            }
            for argument in Argument.objects.filter(author=user)
            .select_related("debate")
            .order_by("created_at")
        ],
        "supports": [
            {"argument": support.argument_id, "since": support.created_at.isoformat()}
            for support in ArgumentSupport.objects.filter(user=user).order_by("created_at")
        ],
    }


def _erase_supports(user) -> None:
    ArgumentSupport.objects.filter(user=user).delete()


registry.register(
    PersonalDataSection(
        key="debate_votes", title=_("Votes dans les débats"), export=_votes, erase=_erase_votes
    )
)
registry.register(
    PersonalDataSection(
        key="debate_arguments",
        title=_("Arguments et soutiens dans les débats"),
        export=_arguments,
        erase=_erase_supports,
    )
)
