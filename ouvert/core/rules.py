"""Who may read the history in the back office."""

import rules

from ouvert.accounts.rules import is_agent

rules.add_perm("core", is_agent)
rules.add_perm("core.view_historyentry", is_agent)
