from django.utils.translation import gettext_lazy as _

from ouvert.accounts.gdpr import PersonalDataSection, registry
from ouvert.blog.selectors import posts_of


def _export(user) -> list[dict]:
    return [
        {
            "title": post.title,
            "status": post.status,
            "moderation_reason": post.moderation_reason,
            "submitted_at": post.submitted_at.isoformat(),
        }
        for post in posts_of(user=user)
    ]


# Posts are public contributions: they stay, signed by the actor or the account's new pseudonym.
registry.register(PersonalDataSection(key="blog_posts", title=_("Billets"), export=_export))
