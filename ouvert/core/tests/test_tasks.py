import pytest
from django.core import mail

from ouvert.core.emails import email_enqueue
from ouvert.core.tasks import send_email


def test_send_email_task_sends_the_rendered_message():
    result = send_email.enqueue(to=["a@exemple.fr"], subject="Objet", body="Texte")
    assert result.return_value == 1
    assert mail.outbox[0].subject == "Objet"


@pytest.mark.django_db
def test_emails_are_rendered_in_the_readers_language_and_sent_on_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        email_enqueue(
            to="b@exemple.fr",
            template="accounts/emails/password_reset",
            context={"reset_url": "https://exemple.fr/r"},
            language="en",
        )
        assert not mail.outbox
    assert len(callbacks) == 1
    callbacks[0]()
    assert mail.outbox[0].subject == "Choose a new password"
    assert "https://exemple.fr/r" in mail.outbox[0].body
