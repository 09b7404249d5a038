"""Debates: everyone reads them; public agents open, close and answer them; signed-in participants
vote, argue, support arguments and comment paragraphs; moderators moderate the arguments (and the
paragraph comments, with every comment: `participation.moderate_comment`)."""

import rules

from ouvert.accounts.rules import is_agent, is_moderator, is_participant
from ouvert.core.rules import is_public


@rules.predicate
def is_author(user, target) -> bool:
    return target is not None and user.is_authenticated and target.author_id == user.pk


# Reading: a debate and its text are public from the moment they are opened.
rules.add_perm("debates.view_debate", is_public | is_agent)
rules.add_perm("debates.view_paragraph", is_public)
rules.add_perm("debates.view_argument", is_public | is_author | is_moderator)

# Public agents open a debate on a draft text, close it early, and publish the response.
rules.add_perm("debates.add_debate", is_agent)
rules.add_perm("debates.close_debate", is_agent)
rules.add_perm("debates.respond_debate", is_agent)

# Signed-in participants take part.
rules.add_perm("debates.vote", is_participant)
rules.add_perm("debates.add_argument", is_participant)
rules.add_perm("debates.support_argument", is_participant)

# Moderators publish or refuse arguments.
rules.add_perm("debates.moderate_argument", is_moderator)

# The back office: debates (their dates and texts) for public agents. Votes have no admin page:
# nobody, agents included, may read how a person voted.
rules.add_perm("debates", is_agent)
rules.add_perm("debates.change_debate", is_agent)
