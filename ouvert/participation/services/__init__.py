"""Writes of the participation app: events and registrations, proposals and answers, comments."""

from ouvert.participation.services.comments import (
    comment_moderate,
    comment_post,
    comment_report,
    comment_reports_dismiss,
)
from ouvert.participation.services.events import (
    Recurrence,
    attendance_set,
    event_cancel,
    event_publish,
    event_save,
    registration_cancel,
    registration_create,
    reminders_send,
    series_create,
)
from ouvert.participation.services.proposals import (
    answer_save,
    proposal_moderate,
    proposal_submit,
    support_set,
)

__all__ = [
    "Recurrence",
    "answer_save",
    "attendance_set",
    "comment_moderate",
    "comment_post",
    "comment_report",
    "comment_reports_dismiss",
    "event_cancel",
    "event_publish",
    "event_save",
    "proposal_moderate",
    "proposal_submit",
    "registration_cancel",
    "registration_create",
    "reminders_send",
    "series_create",
    "support_set",
]
