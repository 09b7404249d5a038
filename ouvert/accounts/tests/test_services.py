import pytest
from django.contrib.auth.password_validation import ValidationError
from django.core import mail
from django.db import transaction

from ouvert.accounts import services
from ouvert.accounts.models import User, UserRole
from ouvert.accounts.roles import Role
from ouvert.accounts.selectors import user_personal_data
from ouvert.accounts.tests.factories import UserFactory
from ouvert.core.models import HistoryEntry
from ouvert.core.services import history_record
from ouvert.pages.tests.factories import PageFactory

pytestmark = pytest.mark.django_db


def test_signup_creates_an_unconfirmed_account_and_mails_a_confirmation_link(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        user = services.user_signup(
            email="Nouvelle@Exemple.fr", password="un mot de passe solide", language="en"
        )
    assert user.email == "nouvelle@exemple.fr"
    assert user.email_confirmed_at is None
    assert user.check_password("un mot de passe solide")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nouvelle@exemple.fr"]
    assert message.subject == "Confirm your e-mail address"  # in the language chosen at sign-up
    assert "/en/compte/confirmer/" in message.body


def test_signup_with_a_known_address_creates_nothing_and_warns_the_owner(
    django_capture_on_commit_callbacks,
):
    owner = UserFactory(email="deja@exemple.fr", language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        result = services.user_signup(email="DEJA@exemple.fr", password="un autre mot de passe")
    assert result is None
    assert User.objects.count() == 1
    owner.refresh_from_db()
    assert owner.check_password("correct horse battery staple")
    assert [message.to for message in mail.outbox] == [["deja@exemple.fr"]]
    assert "déjà un compte" in mail.outbox[0].body


def test_signup_refuses_a_weak_password_and_sends_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.user_signup(email="faible@exemple.fr", password="123456789012")
    assert not User.objects.exists()
    assert not mail.outbox


def test_no_email_leaves_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    def sign_up_then_fail():
        with transaction.atomic():
            services.user_signup(email="annule@exemple.fr", password="un mot de passe solide")
            raise RuntimeError("the request failed after the sign-up")

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        sign_up_then_fail()
    assert callbacks == []
    assert not mail.outbox
    assert not User.objects.filter(email="annule@exemple.fr").exists()


def test_roles_are_granted_once_and_revoked():
    admin = UserFactory(roles=[Role.ADMINISTRATOR])
    user = UserFactory()
    services.user_grant_role(user=user, role=Role.MODERATOR, acting_user=admin)
    services.user_grant_role(user=user, role=Role.MODERATOR, acting_user=admin)
    assert UserRole.objects.filter(user=user).count() == 1
    assert user.has_role(Role.MODERATOR)
    services.user_revoke_role(user=user, role=Role.MODERATOR)
    assert not user.has_role(Role.MODERATOR)
    with pytest.raises(ValueError, match="can be granted"):
        services.user_grant_role(user=user, role=Role.PARTICIPANT, acting_user=admin)


def test_deleting_an_account_erases_the_person_and_keeps_their_public_changes_under_a_new_pseudonym():
    user = UserFactory(email="marie@exemple.fr", display_name="Marie Dupont", roles=[Role.AGENT])
    old_pseudonym = user.pseudonym_code
    page = PageFactory()
    entry = history_record(instance=page, acting_user=user, action=HistoryEntry.Action.UPDATED)

    services.user_delete(user=user)

    user.refresh_from_db()
    assert user.deleted_at is not None
    assert not user.is_active
    assert not user.has_usable_password()
    assert "marie" not in user.email
    assert user.display_name == ""
    assert user.pseudonym_code != old_pseudonym
    assert not UserRole.objects.filter(user=user).exists()
    entry.refresh_from_db()
    assert entry.actor == user
    assert entry.actor.public_name == f"Participant·e supprimé·e {user.pseudonym_code}"
    assert "Marie" not in entry.actor.public_name


def test_personal_data_export_holds_the_account_and_the_changes_made():
    user = UserFactory(email="export@exemple.fr", display_name="Exportée", roles=[Role.MODERATOR])
    page = PageFactory(title="Une page")
    history_record(
        instance=page,
        acting_user=user,
        action=HistoryEntry.Action.UPDATED,
        changes={"title": ["Avant", "Une page"]},
    )
    document = user_personal_data(user=user)
    account = document["sections"]["account"]
    assert account["email"] == "export@exemple.fr"
    assert account["display_name"] == "Exportée"
    assert [role["role"] for role in account["roles"]] == ["moderator"]
    [change] = document["sections"]["history"]
    assert change["object"] == "Une page"
    assert change["changes"] == {"title": ["Avant", "Une page"]}
