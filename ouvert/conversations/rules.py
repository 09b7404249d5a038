"""Conversations: everyone reads and takes part in open ones; moderators and public agents run them.

Moderators (and public agents, who organise the forums) moderate statements, write seed
statements, open and close conversations and publish the report; the back office, where
conversations are created, is for public agents.
"""

import rules

from ouvert.accounts.rules import is_administrator, is_agent, is_moderator

runs_conversations = is_moderator | is_agent


@rules.predicate
def is_public(user, conversation) -> bool:
    # The publicity rule of models.py on the instance in hand: the vote endpoint asks on every
    # vote, where core.rules.is_public would cost a query.
    return conversation is not None and conversation.is_public


@rules.predicate
def is_open(user, conversation) -> bool:
    return conversation is not None and conversation.is_open


@rules.predicate
def may_take_part_without_account(user, conversation) -> bool:
    return conversation is not None and conversation.anonymous_participation


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


@rules.predicate
def accepts_statements(user, conversation) -> bool:
    return conversation is not None and conversation.accepts_statements


@rules.predicate
def report_is_published(user, conversation) -> bool:
    return conversation is not None and conversation.report_is_published


rules.add_perm("conversations.view_conversation", is_public | runs_conversations)
rules.add_perm("conversations.view_draft_conversation", runs_conversations)
rules.add_perm(
    "conversations.participate", is_open & (may_take_part_without_account | is_signed_in)
)
rules.add_perm(
    "conversations.propose_statement",
    is_open & accepts_statements & (may_take_part_without_account | is_signed_in),
)
rules.add_perm("conversations.moderate_conversation", runs_conversations)
rules.add_perm("conversations.view_report", report_is_published | runs_conversations)
rules.add_perm("conversations.publish_report", runs_conversations)
rules.add_perm("conversations.export_conversation", runs_conversations)

# The back office
rules.add_perm("conversations", is_agent)
rules.add_perm("conversations.view_conversation_admin", is_agent)
rules.add_perm("conversations.add_conversation", is_agent)
rules.add_perm("conversations.change_conversation", is_agent)
rules.add_perm("conversations.delete_conversation", is_administrator)
rules.add_perm("conversations.view_statement", is_agent)
rules.add_perm("conversations.add_statement", is_agent)
rules.add_perm("conversations.change_statement", is_agent)
rules.add_perm("conversations.delete_statement", is_administrator)
