from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ouvert.notifications.models import NewsletterIssue
from ouvert.notifications.services import newsletter_issue_send


@admin.register(NewsletterIssue)
class NewsletterIssueAdmin(admin.ModelAdmin):
    list_display = ("subject", "created_at", "sent_at", "recipients")
    readonly_fields = ("sent_at", "sent_by", "recipients")
    actions = ["send"]

    @admin.action(description=_("Envoyer aux abonné·es confirmé·es"), permissions=["send"])
    def send(self, request, queryset):
        for issue in queryset:
            try:
                count = newsletter_issue_send(issue=issue, acting_user=request.user)
            except ValidationError as error:
                self.message_user(request, f"{issue} : {' '.join(error.messages)}", messages.ERROR)
            else:
                self.message_user(
                    request,
                    ngettext(
                        "« %(issue)s » envoyée à %(count)d personne.",
                        "« %(issue)s » envoyée à %(count)d personnes.",
                        count,
                    )
                    % {"issue": issue, "count": count},
                )

    def has_send_permission(self, request):
        return request.user.has_perm("notifications.send_newsletter")

    def has_change_permission(self, request, obj=None):
        # A sent issue is a record of what was sent: it is no longer edited.
        if obj is not None and obj.sent_at is not None:
            return False
        return super().has_change_permission(request, obj)
