from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ouvert.core.selectors import history_for_object
from ouvert.core.views import render_change_log
from ouvert.plans.models import ActionPlan
from ouvert.plans.selectors import plan_get, plan_timeline, plans_visible


@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = [plan_timeline(plan) for plan in plans_visible(user=request.user)]
    return render(request, "plans/plan_list.html", {"moments": plans})


def _visible_plan(request: HttpRequest, slug: str) -> ActionPlan:
    plan = plan_get(slug=slug, user=request.user)
    if plan is None or not request.user.has_perm("plans.view_actionplan", plan):
        raise Http404
    return plan


@require_GET
def plan_detail(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _visible_plan(request, slug)
    return render(request, "plans/plan_detail.html", {"plan": plan, "moment": plan_timeline(plan)})


@require_GET
def plan_history(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _visible_plan(request, slug)
    return render_change_log(
        request,
        instance=plan,
        entries=history_for_object(plan),
        parents=[(plan.get_absolute_url(), plan)],
    )
