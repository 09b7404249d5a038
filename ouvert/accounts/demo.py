"""Demonstration accounts, one per role, all with the same published password."""

from django.utils import timezone

from ouvert.accounts.models import User
from ouvert.accounts.roles import Role
from ouvert.accounts.services import user_grant_role

DEMO_PASSWORD = "ouvert-demo-2026"  # noqa: S105 - published on purpose, refused outside DEBUG

DEMO_ACCOUNTS = (
    # (e-mail, public name, roles, superuser)
    ("admin@ouvert.localhost", "Équipe ouvert", (Role.ADMINISTRATOR,), True),
    ("agent@ouvert.localhost", "Camille Agent (DITP)", (Role.AGENT,), False),
    ("moderation@ouvert.localhost", "Modération", (Role.MODERATOR,), False),
    ("evaluation@ouvert.localhost", "Évaluation indépendante", (Role.EVALUATOR,), False),
    (
        "association@ouvert.localhost",
        "Association Transparence Locale",
        (Role.ACTOR_REPRESENTATIVE,),
        False,
    ),
    ("citoyenne@ouvert.localhost", "", (), False),
)


def load(*, stdout) -> None:
    for email, name, roles, superuser in DEMO_ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email,
                DEMO_PASSWORD,
                display_name=name,
                is_superuser=superuser,
                email_confirmed_at=timezone.now(),
            )
        for role in roles:
            user_grant_role(user=user, role=role, acting_user=None)
    stdout.write(
        f"  {len(DEMO_ACCOUNTS)} demo accounts (…@ouvert.localhost), password: {DEMO_PASSWORD}"
    )
