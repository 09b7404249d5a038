import pytest
from django.db import IntegrityError

from ouvert.accounts.models import User
from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_email_is_the_login_and_is_stored_lower_case():
    user = User.objects.create_user("Marie.Curie@Exemple.FR", "un mot de passe assez long")
    assert user.email == "marie.curie@exemple.fr"
    assert User.USERNAME_FIELD == "email"
    assert User.objects.get_by_natural_key("MARIE.CURIE@exemple.fr") == user


def test_two_accounts_cannot_share_an_address_whatever_its_case():
    UserFactory(email="alice@exemple.fr")
    with pytest.raises(IntegrityError):
        User.objects.create(email="ALICE@exemple.fr", pseudonym_code="ZZZZZZ")


def test_public_name_is_the_chosen_name_else_a_pseudonym_never_the_email():
    named = UserFactory(display_name="Marie D.")
    anonymous = UserFactory(display_name="")
    assert named.public_name == "Marie D."
    assert anonymous.public_name == f"Participant·e {anonymous.pseudonym_code}"
    assert str(anonymous) == anonymous.public_name
    assert anonymous.email not in str(anonymous)


def test_pseudonym_codes_are_distinct_and_readable():
    codes = {UserFactory().pseudonym_code for _ in range(20)}
    assert len(codes) == 20
    assert all(len(code) == 6 and not set(code) & set("01OIL") for code in codes)


@pytest.mark.parametrize(
    ("roles", "superuser", "staff"),
    [
        ((), False, False),
        ((Role.MODERATOR,), False, False),
        ((Role.EVALUATOR,), False, False),
        ((Role.ACTOR_REPRESENTATIVE,), False, False),
        ((Role.AGENT,), False, True),
        ((Role.ADMINISTRATOR,), False, True),
        ((), True, True),
    ],
)
def test_the_back_office_opens_to_agents_and_administrators_only(roles, superuser, staff):
    user = UserFactory(roles=roles, is_superuser=superuser)
    assert user.is_staff is staff


def test_every_account_is_a_participant_and_an_inactive_one_holds_no_role():
    user = UserFactory(roles=[Role.AGENT])
    assert user.roles == {Role.PARTICIPANT, Role.AGENT}
    user.is_active = False
    user.__dict__.pop("roles")
    assert user.roles == frozenset()
    assert user.is_staff is False
