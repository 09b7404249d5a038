"""The roles a person can hold on the platform.

Every signed-in person is a participant; the other roles are granted by an administrator (or, for
actor representatives, by the moderation of a claim). What each role may do is declared in the
`rules.py` of each app, from the predicates of `ouvert.accounts.rules`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PARTICIPANT = "participant", _("Participant·e")
    ACTOR_REPRESENTATIVE = "actor_representative", _("Représentant·e d'un acteur")
    MODERATOR = "moderator", _("Modérateur·rice")
    AGENT = "agent", _("Agent public")
    EVALUATOR = "evaluator", _("Évaluateur·rice")
    ADMINISTRATOR = "administrator", _("Administrateur·rice")


# Roles that open the Django admin (the back office of the administration).
BACK_OFFICE_ROLES = frozenset({Role.AGENT, Role.ADMINISTRATOR})
# Roles an administrator grants; participant is implied by having an account.
GRANTABLE_ROLES = tuple(role for role in Role if role != Role.PARTICIPANT)
