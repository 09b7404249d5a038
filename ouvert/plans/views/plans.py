"""Plan pages: the list, a plan with its timeline and commitments, its dashboard, report, change log,
and the CSV import and export for public agents."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ouvert.conversations.selectors import conversations_about
from ouvert.core.permissions import deny_unless
from ouvert.core.selectors import history_for_object
from ouvert.core.views import render_change_log
from ouvert.debates.selectors import timeline_with_debates
from ouvert.plans import interchange
from ouvert.plans.forms import ImportForm
from ouvert.plans.models import ActionPlan
from ouvert.plans.selectors import (
    commitments_filtered,
    plan_dashboard,
    plan_get,
    plan_report,
    plan_timeline,
    plans_visible,
)
from ouvert.plans.selectors.commitments import CommitmentFilters, progress_percent

COMMITMENTS_PER_PAGE = 50


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
    commitments = commitments_filtered(user=request.user, filters=CommitmentFilters(plan=plan.slug))
    page = Paginator(commitments, COMMITMENTS_PER_PAGE).get_page(request.GET.get("page"))
    for commitment in page.object_list:
        commitment.progress = progress_percent(commitment)
    moment, other_debates = timeline_with_debates(plan_timeline(plan))
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "moment": moment,
            "other_debates": other_debates,
            "page_obj": page,
            "conversations": list(conversations_about(subject=plan, user=request.user)),
        },
    )


@require_GET
def plan_history(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _visible_plan(request, slug)
    return render_change_log(
        request,
        instance=plan,
        entries=history_for_object(plan),
        parents=[(plan.get_absolute_url(), plan)],
    )


@require_GET
def plan_dashboard_page(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _visible_plan(request, slug)
    return render(
        request, "plans/dashboard.html", {"plan": plan, "dashboard": plan_dashboard(plan=plan)}
    )


@require_GET
def plan_report_page(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _visible_plan(request, slug)
    return render(request, "plans/report.html", {"plan": plan, "report": plan_report(plan=plan)})


@require_http_methods(["GET", "POST"])
def plan_import(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _visible_plan(request, slug)
    if denied := deny_unless(request, "plans.import_commitments", plan):
        return denied
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        milestones = form.cleaned_data.get("milestones")
        try:
            report = interchange.import_files(
                acting_user=request.user,
                commitments=form.cleaned_data["commitments"].read(),
                milestones=milestones.read() if milestones else None,
                commitments_name=form.cleaned_data["commitments"].name,
                milestones_name=milestones.name if milestones else "",
            )
        except interchange.ImportFailed as failure:
            errors = failure.report.errors
        else:
            messages.success(
                request,
                _(
                    "Import réussi : %(created)s créations, %(updated)s mises à jour, %(unchanged)s lignes inchangées."
                )
                % {
                    "created": report.created,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                },
            )
            return redirect(plan.get_absolute_url())
    return render(request, "plans/import.html", {"plan": plan, "form": form, "errors": errors})


def _csv_download(content: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def plan_export(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """The plan's commitments or milestones in the import format, drafts included (agents only)."""
    plan = _visible_plan(request, slug)
    if denied := deny_unless(request, "plans.export_commitments", plan):
        return denied
    stamp = f"{plan.slug}-{timezone.localdate():%Y-%m-%d}"
    if kind == "engagements":
        content = interchange.export_commitments(interchange.commitments_for_export(plan))
    elif kind == "jalons":
        content = interchange.export_milestones(interchange.milestones_for_export(plan))
    else:
        raise Http404
    return _csv_download(content, f"{kind}-{stamp}.csv")
