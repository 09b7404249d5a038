"""Actors: public agents keep the directory in the back office."""

import rules

from ouvert.accounts.rules import is_administrator, is_agent

rules.add_perm("actors", is_agent)
rules.add_perm("actors.view_actor", is_agent)
rules.add_perm("actors.add_actor", is_agent)
rules.add_perm("actors.change_actor", is_agent)
rules.add_perm("actors.delete_actor", is_administrator)
