"""Actors: everyone reads published actors; signed-in people register and claim; representatives
keep their actor's page; agents and moderators moderate; agents export and see private contacts."""

import rules

from ouvert.accounts.rules import is_administrator, is_agent, is_moderator, is_participant


@rules.predicate
def is_published(user, actor) -> bool:
    return actor is not None and actor.is_published


@rules.predicate
def represents(user, actor) -> bool:
    if actor is None or not user.is_authenticated:
        return False
    return any(rep.user_id == user.pk for rep in actor.representatives.all())


@rules.predicate
def requested_it(user, actor) -> bool:
    """The person whose registration created this actor (they see it while it waits)."""
    if actor is None or not user.is_authenticated:
        return False
    return actor.requests.filter(requested_by=user).exists()


rules.add_perm("actors.view_actor", is_published | is_agent | is_moderator | requested_it)
rules.add_perm("actors.register_actor", is_participant)
rules.add_perm("actors.claim_actor", is_participant & is_published)
rules.add_perm("actors.change_actor", (represents & is_published) | is_agent)
rules.add_perm("actors.moderate_actors", is_moderator | is_agent)
rules.add_perm("actors.export_actors", is_agent)
rules.add_perm("actors.view_private_contact", is_agent)

# The back office
rules.add_perm("actors", is_agent)
# (view_actor and change_actor above open the actors to agents there too)
rules.add_perm("actors.add_actor", is_agent)
rules.add_perm("actors.delete_actor", is_administrator)
rules.add_perm("actors.view_actorrequest", is_agent)
rules.add_perm("actors.view_representative", is_agent)
rules.add_perm("actors.delete_representative", is_agent)
rules.add_perm("actors.view_rnaimport", is_agent)
rules.add_perm("actors.view_commune", is_agent)
rules.add_perm("actors.view_department", is_agent)
rules.add_perm("actors.view_region", is_agent)
