import pytest

from ouvert.accounts import services as account_services
from ouvert.accounts.selectors import user_personal_data
from ouvert.accounts.tests.factories import UserFactory
from ouvert.conversations import services
from ouvert.conversations.models import AnalysisRequest, Participant, Statement, Vote, VoteChange
from ouvert.conversations.tests.conftest import seed
from ouvert.conversations.tests.factories import ConversationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def participation(moderator):
    conversation = ConversationFactory(slug="donnees")
    seed(conversation, moderator, 2)
    user = UserFactory()
    participant = services.participant_create(conversation=conversation, user=user)
    services.vote_cast(participant=participant, statement_number=0, value=1)
    services.vote_cast(participant=participant, statement_number=0, value=-1)
    services.vote_cast(participant=participant, statement_number=1, value=0)
    services.statement_submit(participant=participant, text="Mon idée.")
    return user, participant


def test_the_export_holds_the_persons_votes_and_statements(participation):
    user, participant = participation
    [entry] = user_personal_data(user=user)["sections"]["conversations"]
    assert entry["conversation"] == "donnees"
    assert entry["participant_number"] == participant.number
    assert {(v["statement"], v["vote"]) for v in entry["votes"]} == {
        (0, "disagree"),
        (1, "pass"),
        (2, "agree"),
    }
    assert [(v["statement"], v["vote"]) for v in entry["replaced_votes"]] == [(0, "agree")]
    assert [s["text"] for s in entry["statements"]] == ["Mon idée."]


def test_deleting_the_account_erases_the_votes_and_keeps_the_statements(participation):
    user, participant = participation
    AnalysisRequest.objects.all().delete()
    account_services.user_delete(user=user)
    assert not Vote.objects.filter(participant=participant).exists()
    assert not VoteChange.objects.filter(participant=participant).exists()
    assert Participant.objects.get(pk=participant.pk).user is None
    statement = Statement.objects.get(text="Mon idée.")
    assert statement.author is None
    # The opinion map is computed again without those votes.
    assert AnalysisRequest.objects.filter(conversation=participant.conversation).exists()
