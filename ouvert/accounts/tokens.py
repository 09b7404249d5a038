"""Single-use links sent by e-mail."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class EmailConfirmationTokenGenerator(PasswordResetTokenGenerator):
    """A link that confirms an address once: it dies when the address is confirmed or changed."""

    key_salt = "ouvert.accounts.tokens.EmailConfirmationTokenGenerator"

    def _make_hash_value(self, user, timestamp: int) -> str:
        confirmed = "" if user.email_confirmed_at is None else user.email_confirmed_at.isoformat()
        return f"{user.pk}{user.email}{confirmed}{user.is_active}{timestamp}"


email_confirmation_token = EmailConfirmationTokenGenerator()
