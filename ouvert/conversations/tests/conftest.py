import numpy as np
import pytest

from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory
from ouvert.conversations import selectors, services
from ouvert.conversations.tests.factories import ConversationFactory


@pytest.fixture
def moderator():
    return UserFactory(roles=[Role.MODERATOR])


def seed(conversation, moderator, count):
    return [
        services.statement_seed(
            conversation=conversation, text=f"Proposition de départ {n}.", acting_user=moderator
        )
        for n in range(count)
    ]


def simulate_votes(conversation, statements, *, participants=30, seed=0):
    """Two camps that disagree on every other statement, with a little noise."""
    rng = np.random.default_rng(seed)
    created = []
    for index in range(participants):
        participant = services.participant_create(conversation=conversation)
        created.append(participant)
        side = 1 if index % 2 else -1
        for number, statement in enumerate(statements):
            value = side if number % 2 else -side
            if number % 3 == 0:
                value = 1  # statements everyone agrees with
            elif rng.random() < 0.1:
                value = -value
            services.vote_cast(
                participant=participant, statement_number=statement.number, value=value
            )
    return created


@pytest.fixture
def analysed(moderator):
    """An open conversation, 9 seed statements, 30 participants in two camps, analysed."""
    conversation = ConversationFactory(slug="algorithmes", title="Comment rendre compte ?")
    statements = seed(conversation, moderator, 9)
    simulate_votes(conversation, statements)
    services.analysis_update(conversation_id=conversation.pk)
    return conversation


@pytest.fixture(autouse=True)
def _fresh_conversation_cache():
    # The vote endpoint keeps conversations for two seconds per process; tests reuse slugs.
    selectors._action_rows.clear()
    yield
    selectors._action_rows.clear()
