"""Atom feeds of progress updates: all published commitments, one plan, or one commitment."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ouvert.core.http import absolute_url
from ouvert.core.markdown import render_markdown
from ouvert.core.publicity import public
from ouvert.plans.models import ActionPlan, Commitment, ProgressUpdate
from ouvert.plans.selectors import commitment_updates_feed


def _absolute(url: str) -> str:
    return url if url.startswith(("http://", "https://")) else absolute_url(url)


class ProgressFeed(Feed):
    """Progress updates, newest first; `slug` narrows it to a plan, `reference` to a commitment."""

    feed_type = Atom1Feed

    def get_object(self, request, slug: str = "", reference: str = ""):
        if slug:
            plan = public(ActionPlan).filter(slug=slug).first()
            if plan is None:
                raise Http404
            return plan
        if reference:
            commitment = public(Commitment).filter(reference=reference).first()
            if commitment is None:
                raise Http404
            return commitment
        return None

    def title(self, target) -> str:
        if target is None:
            return _("Avancement des engagements du gouvernement ouvert")
        return _("Avancement — %(name)s") % {"name": target}

    def link(self, target) -> str:
        return target.get_absolute_url() if target is not None else reverse("commitments:list")

    def subtitle(self, target) -> str:
        return _(
            "Les points d'avancement publiés par les institutions responsables, avec leurs preuves."
        )

    def items(self, target) -> list[ProgressUpdate]:
        if isinstance(target, ActionPlan):
            return commitment_updates_feed(plan_slug=target.slug)
        if isinstance(target, Commitment):
            return commitment_updates_feed(reference=target.reference)
        return commitment_updates_feed()

    def item_title(self, update: ProgressUpdate) -> str:
        return f"{update.commitment.reference} — {update.commitment.title}"

    def item_description(self, update: ProgressUpdate) -> str:
        parts = [str(render_markdown(update.text))]
        if update.milestone and update.new_status:
            status = _("Jalon « %(milestone)s » : %(status)s") % {
                "milestone": update.milestone.title,
                "status": update.get_new_status_display(),
            }
            parts.append(format_html("<p>{}</p>", status))
        proofs = [
            format_html(
                '<li><a href="{}">{}</a></li>',
                _absolute(evidence.get_absolute_url()),
                evidence.title,
            )
            for evidence in update.evidence.all()
        ]
        if proofs:
            parts.append("<ul>" + "".join(proofs) + "</ul>")
        return "".join(parts)

    def item_link(self, update: ProgressUpdate) -> str:
        return update.get_absolute_url()

    def item_pubdate(self, update: ProgressUpdate):
        return update.published_at

    def item_author_name(self, update: ProgressUpdate) -> str:
        return f"{update.author.public_name} ({update.institution.name})"

    def item_categories(self, update: ProgressUpdate) -> list[str]:
        return [update.commitment.plan.slug]
