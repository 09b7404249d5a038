"""Notifications: each person sets their own; the team writes and sends the newsletter."""

import rules

from ouvert.accounts.rules import is_administrator, is_agent, is_participant

rules.add_perm("notifications.change_own_preferences", is_participant)
rules.add_perm("notifications", is_agent)
rules.add_perm("notifications.view_newsletterissue", is_agent)
rules.add_perm("notifications.add_newsletterissue", is_agent)
rules.add_perm("notifications.change_newsletterissue", is_agent)
rules.add_perm("notifications.send_newsletter", is_agent)
rules.add_perm("notifications.delete_newsletterissue", is_administrator)
