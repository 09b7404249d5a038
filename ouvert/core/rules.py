"""Who may read the history in the back office."""

import rules

from ouvert.accounts.rules import is_administrator, is_agent
from ouvert.core import publicity


@rules.predicate
def is_public(user, target) -> bool:
    """The object is public by its model's rule in `ouvert.core.publicity`."""
    return target is not None and publicity.is_public(target)


rules.add_perm("core", is_agent)
rules.add_perm("core.view_historyentry", is_agent)

# The site's DSFR configuration (title, tagline, accessibility status) and the task queue.
rules.add_perm("dsfr", is_administrator)
rules.add_perm("dsfr.view_dsfrconfig", is_administrator)
rules.add_perm("dsfr.change_dsfrconfig", is_administrator)
rules.add_perm("django_tasks_database", is_administrator)
rules.add_perm("django_tasks_database.view_dbtaskresult", is_administrator)
