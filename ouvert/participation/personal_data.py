"""What participation holds about a person: registrations (erased with the account), supports
(erased), and their proposals and comments (public contributions: they stay, under the pseudonym)."""

from django.utils.translation import gettext_lazy as _

from ouvert.accounts.gdpr import PersonalDataSection, registry
from ouvert.participation.models import Comment, CommentReport, Registration, Support
from ouvert.participation.selectors import proposals_of, registrations_of


def _registrations(user) -> list[dict]:
    return [
        {
            "event": str(registration.event),
            "status": registration.status,
            "registered_at": registration.registered_at.isoformat(),
            "attended": registration.attended,
        }
        for registration in registrations_of(user=user)
    ]


def _erase_registrations(user) -> None:
    # A seat freed by a deleted account goes to the waitlist as any cancellation would.
    from ouvert.participation.services import registration_cancel

    for registration in Registration.objects.filter(user=user).exclude(
        status=Registration.Status.CANCELLED
    ):
        registration_cancel(acting_user=user, event=registration.event)
    Registration.objects.filter(user=user).delete()


def _supports(user) -> list[dict]:
    return [
        {"proposal": support.proposal.title, "since": support.created_at.isoformat()}
        for support in Support.objects.filter(user=user).select_related("proposal")
    ]


def _erase_supports(user) -> None:
    Support.objects.filter(user=user).delete()


def _contributions(user) -> dict:
    return {
        "proposals": [
            {
                "title": proposal.title,
                "body": proposal.body,
                "status": proposal.status,
                "moderation_reason": proposal.moderation_reason,
                "submitted_at": proposal.submitted_at.isoformat(),
            }
            for proposal in proposals_of(user=user)
        ],
        "comments": [
            {
                "body": comment.body,
                "suggestion": comment.suggestion,
                "status": comment.status,
                "moderation_reason": comment.moderation_reason,
                "created_at": comment.created_at.isoformat(),
            }
            for comment in Comment.objects.filter(author=user)
        ],
        "reports": [
            {"comment": report.comment_id, "reason": report.reason}
            for report in CommentReport.objects.filter(reporter=user)
        ],
    }


def _erase_reports(user) -> None:
    CommentReport.objects.filter(reporter=user).delete()


registry.register(
    PersonalDataSection(
        key="registrations",
        title=_("Inscriptions aux événements"),
        export=_registrations,
        erase=_erase_registrations,
    )
)
registry.register(
    PersonalDataSection(
        key="supports", title=_("Soutiens"), export=_supports, erase=_erase_supports
    )
)
# Proposals and comments are public contributions: they stay under the account's new pseudonym.
# Refused or pending ones are never public, and stay only as the moderation's record.
registry.register(
    PersonalDataSection(
        key="contributions",
        title=_("Propositions, commentaires et signalements"),
        export=_contributions,
        erase=_erase_reports,
    )
)
