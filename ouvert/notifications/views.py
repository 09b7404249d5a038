"""Follow or stop following a public record, from its page."""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ouvert.notifications.services import follow_set

# What can be followed: URL key -> (model, permission to follow it, permission to see it).
FOLLOWABLE = {
    "engagement": ("plans.Commitment", "plans.follow_commitment", "plans.view_commitment"),
}


@login_required
@require_POST
def follow(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind not in FOLLOWABLE:
        raise Http404
    model_label, follow_permission, view_permission = FOLLOWABLE[kind]
    target = apps.get_model(model_label)._default_manager.filter(pk=pk).first()
    if target is None or not request.user.has_perm(view_permission, target):
        raise Http404
    if not request.user.has_perm(follow_permission, target):
        raise PermissionDenied
    following = request.POST.get("following") == "1"
    follow_set(user=request.user, target=target, following=following)
    if following:
        messages.success(request, _("Vous suivez « %(name)s ».") % {"name": target})
    else:
        messages.success(request, _("Vous ne suivez plus « %(name)s ».") % {"name": target})
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = target.get_absolute_url()
    return redirect(next_url)
