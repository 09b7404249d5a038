"""Participation: everyone reads what is public; signed-in people register, propose, support and
comment; moderators moderate; public agents organise events, open calls and answer proposals."""

import rules

from ouvert.accounts.rules import is_administrator, is_agent, is_moderator, is_participant


@rules.predicate
def is_public_event(user, event) -> bool:
    return event is not None and event.is_public


@rules.predicate
def is_published(user, target) -> bool:
    return target is not None and target.is_published


@rules.predicate
def is_author(user, target) -> bool:
    return target is not None and user.is_authenticated and target.author_id == user.pk


# Events, their series and registrations
rules.add_perm("participation.view_event", is_public_event | is_agent)
rules.add_perm("participation.view_eventseries", rules.always_allow)
rules.add_perm("participation.register_event", is_participant)
rules.add_perm("participation.add_event", is_agent)
rules.add_perm("participation.change_event", is_agent)
rules.add_perm("participation.delete_event", is_administrator)
rules.add_perm("participation.cancel_event", is_agent)
rules.add_perm("participation.add_eventseries", is_agent)
rules.add_perm("participation.change_eventseries", is_agent)
rules.add_perm("participation.view_registrations", is_agent)
rules.add_perm("participation.export_registrations", is_agent)
rules.add_perm("participation.mark_attendance", is_agent)
rules.add_perm("participation.follow_eventseries", is_participant)

# Calls for proposals, proposals, supports and answers
rules.add_perm("participation.view_proposal", is_published | is_author | is_moderator)
rules.add_perm("participation.add_proposal", is_participant)
rules.add_perm("participation.moderate_proposal", is_moderator)
rules.add_perm("participation.support_proposal", is_participant)
rules.add_perm("participation.answer_proposal", is_agent)
rules.add_perm("participation.follow_proposal", is_participant)
rules.add_perm("participation.add_proposalcall", is_agent)
rules.add_perm("participation.change_proposalcall", is_agent)
rules.add_perm("participation.view_proposalcall", is_agent)

# Comments, on proposals and blog posts
rules.add_perm("participation.add_comment", is_participant)
rules.add_perm("participation.report_comment", is_participant)
rules.add_perm("participation.moderate_comment", is_moderator)

# The back office: events, series, calls and documents, for public agents
rules.add_perm("participation", is_agent)
rules.add_perm("participation.delete_eventseries", is_administrator)
rules.add_perm("participation.delete_proposalcall", is_administrator)
rules.add_perm("participation.view_eventdocument", is_agent)
rules.add_perm("participation.add_eventdocument", is_agent)
rules.add_perm("participation.change_eventdocument", is_agent)
rules.add_perm("participation.delete_eventdocument", is_agent)
