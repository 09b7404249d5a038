import json
import re

import pytest
from django.core import mail
from django.urls import reverse

from ouvert.accounts.models import User
from ouvert.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "Lea@Exemple.fr",
    "display_name": "Léa",
    "password1": "une phrase de passe longue",
    "password2": "une phrase de passe longue",
    "accept_policy": "on",
}


def _link(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_signup_then_confirm_then_login(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:signup"), SIGNUP)
    assert response.status_code == 200
    assert "Vérifiez votre messagerie" in response.content.decode()

    login = {"username": "lea@exemple.fr", "password": SIGNUP["password1"]}
    refused = client.post(reverse("accounts:login"), login)
    assert "pas encore confirmée" in refused.content.decode()

    link = _link(mail.outbox[0])
    confirmed = client.get(link.removeprefix("http://127.0.0.1:8000"), follow=True)
    assert confirmed.redirect_chain[-1][0] == reverse("accounts:login")
    assert "Votre adresse est confirmée" in confirmed.content.decode()

    # The link works once.
    assert client.get(link.removeprefix("http://127.0.0.1:8000")).status_code == 400

    response = client.post(reverse("accounts:login"), login)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:account")
    assert User.objects.get(email="lea@exemple.fr").display_name == "Léa"


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"password2": "autre chose encore"}, "ne sont pas identiques"),
        ({"password1": "court", "password2": "court"}, "trop court"),
        ({"accept_policy": ""}, "Ce champ est obligatoire"),
        ({"email": "pas-une-adresse"}, "adresse de courriel valide"),
    ],
)
def test_signup_errors_are_shown_next_to_their_field(client, change, error):
    response = client.post(reverse("accounts:signup"), {**SIGNUP, **change})
    assert response.status_code == 200
    page = response.content.decode()
    assert error in page
    assert 'aria-invalid="true"' in page
    assert not User.objects.exists()


def test_confirmation_link_with_a_forged_token_is_refused(client):
    user = UserFactory(email_confirmed_at=None)
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid = urlsafe_base64_encode(force_bytes(user.pk))
    response = client.get(reverse("accounts:confirm_email", args=[uid, "abc-123"]))
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.email_confirmed_at is None


def test_resend_confirmation_answers_the_same_for_unknown_addresses(
    client, django_capture_on_commit_callbacks
):
    waiting = UserFactory(email="attente@exemple.fr", email_confirmed_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(reverse("accounts:resend_confirmation"), {"email": waiting.email})
        unknown = client.post(reverse("accounts:resend_confirmation"), {"email": "x@exemple.fr"})
    assert known.status_code == unknown.status_code == 200
    assert [message.to for message in mail.outbox] == [["attente@exemple.fr"]]


def test_password_reset_mail_goes_through_the_worker_and_sets_a_new_password(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(email="oubli@exemple.fr")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": "OUBLI@exemple.fr"})
    [message] = mail.outbox
    assert message.subject == "Choisir un nouveau mot de passe"
    path = _link(message).removeprefix("http://127.0.0.1:8000")
    form_page = client.get(path, follow=True)
    new = "une toute nouvelle phrase"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    user.refresh_from_db()
    assert user.check_password(new)


def test_account_pages_need_a_login(client):
    for name in ("accounts:account", "accounts:personal_data", "accounts:delete"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_profile_update(client):
    user = UserFactory(display_name="Ancien nom")
    client.force_login(user)
    response = client.post(
        reverse("accounts:account"), {"display_name": "Nouveau nom", "language": "en"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.display_name, user.language) == ("Nouveau nom", "en")


def test_personal_data_download_is_a_json_attachment_of_everything_held(client):
    user = UserFactory(email="moi@exemple.fr")
    client.force_login(user)
    response = client.get(reverse("accounts:personal_data"))
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    document = json.loads(response.content)
    assert document["sections"]["account"]["email"] == "moi@exemple.fr"


def test_deleting_the_account_needs_the_password_then_logs_out(client):
    user = UserFactory()
    client.force_login(user)
    wrong = client.post(reverse("accounts:delete"), {"password": "pas le bon"})
    assert "Mot de passe incorrect" in wrong.content.decode()
    user.refresh_from_db()
    assert user.is_active

    response = client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.deleted_at is not None
    assert client.get(reverse("accounts:account")).status_code == 302


def test_logout_is_a_post(client):
    client.force_login(UserFactory())
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert "_auth_user_id" not in client.session
