"""Following records, one's notification choices, the newsletter, and one-click unsubscribe."""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ouvert.core.permissions import deny_unless
from ouvert.notifications import services, tokens
from ouvert.notifications.forms import NewsletterForm, PreferenceForm
from ouvert.notifications.selectors import follows_of, newsletter_issues_sent, preference_for

# What can be followed: URL key -> (model, permission to follow it, permission to see it).
FOLLOWABLE = {
    "engagement": ("plans.Commitment", "plans.follow_commitment", "plans.view_commitment"),
    "proposition": (
        "participation.Proposal",
        "participation.follow_proposal",
        "participation.view_proposal",
    ),
    "serie": (
        "participation.EventSeries",
        "participation.follow_eventseries",
        "participation.view_eventseries",
    ),
    "categorie": ("blog.Category", "blog.follow_category", "blog.view_category"),
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
    services.follow_set(user=request.user, target=target, following=following)
    if following:
        messages.success(request, _("Vous suivez « %(name)s ».") % {"name": target})
    else:
        messages.success(request, _("Vous ne suivez plus « %(name)s ».") % {"name": target})
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = target.get_absolute_url()
    return redirect(next_url)


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    if denied := deny_unless(request, "notifications.change_own_preferences"):
        return denied
    current = preference_for(request.user)
    form = PreferenceForm(
        request.POST or None,
        initial={"frequency": current.frequency, "event_reminders": current.event_reminders},
    )
    if request.method == "POST" and form.is_valid():
        services.preference_set(user=request.user, **form.cleaned_data)
        messages.success(request, _("Vos choix de notification sont enregistrés."))
        return redirect("notifications:preferences")
    follows = [follow for follow in follows_of(user=request.user) if follow.target is not None]
    kinds = {
        apps.get_model(label)._meta.label_lower: kind for kind, (label, *_) in FOLLOWABLE.items()
    }
    for row in follows:
        row.kind = kinds.get(f"{row.content_type.app_label}.{row.content_type.model}")
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "follows": follows, "heading": _("Mes notifications")},
    )


@require_http_methods(["GET", "POST"])
def newsletter(request: HttpRequest) -> HttpResponse:
    form = NewsletterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.newsletter_subscribe(
                email=form.cleaned_data["email"], language=get_language() or "fr"
            )
        except ValidationError:
            form.add_error("email", _("Saisissez une adresse électronique valide."))
        else:
            return render(request, "notifications/newsletter_sent.html")
    return render(
        request,
        "notifications/newsletter.html",
        {"form": form, "issues": newsletter_issues_sent()[:20]},
    )


@require_GET
def newsletter_issue(request: HttpRequest, pk: int) -> HttpResponse:
    issue = get_object_or_404(newsletter_issues_sent(), pk=pk)
    return render(request, "notifications/newsletter_issue.html", {"issue": issue})


@require_GET
def newsletter_confirm(request: HttpRequest, token: str) -> HttpResponse:
    subscription = services.newsletter_confirm(token=token)
    if subscription is None:
        return render(request, "notifications/newsletter_invalid.html", status=400)
    messages.success(request, _("Votre abonnement à la lettre d'information est confirmé."))
    return redirect("notifications:newsletter")


# Mail clients send the one-click POST (RFC 8058) without a session or a CSRF token: the signed
# token in the address is the authorisation. A GET only shows the button, so that a link scanner
# opening the address unsubscribes nobody.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    decoded = tokens.read_unsubscribe_token(token)
    if decoded is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=400)
    scope, key = decoded
    done = False
    if request.method == "POST":
        services.unsubscribe(scope=scope, key=key)
        done = True
    return render(
        request, "notifications/unsubscribe.html", {"scope": scope, "done": done, "token": token}
    )
