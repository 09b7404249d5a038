"""Commitment pages: the filtered list, a commitment with its milestones and updates, and the forms
through which agents report, partners give their view and evaluators assess."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ouvert.conversations.selectors import conversations_about
from ouvert.core.forms import add_service_errors
from ouvert.core.permissions import deny_unless
from ouvert.core.selectors import history_for_object
from ouvert.core.views import render_change_log
from ouvert.debates.selectors import debates_of_commitment
from ouvert.notifications.selectors import is_following
from ouvert.plans import services
from ouvert.plans.forms import (
    CommitmentFilterForm,
    CommitmentForm,
    EvaluationForm,
    MilestoneForm,
    PartnerAssessmentForm,
    ProgressUpdateForm,
)
from ouvert.plans.models import ActionPlan, Commitment, Evaluation, Evidence, Milestone
from ouvert.plans.rules import partners_represented_by, reporting_institutions
from ouvert.plans.selectors import commitment_get, commitments_filtered, plan_get, plans_visible
from ouvert.plans.selectors.commitments import (
    CommitmentFilters,
    institutions_with_commitments,
    progress_percent,
)

PAGE_SIZE = 30


@require_GET
def commitment_list(request: HttpRequest) -> HttpResponse:
    plans = list(plans_visible(user=request.user))
    form = CommitmentFilterForm(
        request.GET or None, plans=plans, institutions=institutions_with_commitments()
    )
    filters = CommitmentFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = CommitmentFilters(
            plan=data["plan"],
            theme=data["theme"],
            institution=data["institution"],
            status=data["status"],
            ogp_value=data["ogp_value"],
            query=data["q"],
        )
    page = Paginator(commitments_filtered(user=request.user, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for commitment in page.object_list:
        commitment.progress = progress_percent(commitment)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "plans/commitment_list.html",
        {"form": form, "page_obj": page, "query": query.urlencode()},
    )


def _visible_commitment(request: HttpRequest, reference: str) -> Commitment:
    commitment = commitment_get(reference=reference, user=request.user)
    if commitment is None or not request.user.has_perm("plans.view_commitment", commitment):
        raise Http404
    return commitment


@require_GET
def commitment_detail(request: HttpRequest, reference: str) -> HttpResponse:
    commitment = _visible_commitment(request, reference)
    commitment.progress = progress_percent(commitment)
    user = request.user
    milestones = list(commitment.milestones.all())
    debates = debates_of_commitment(commitment)
    return render(
        request,
        "plans/commitment_detail.html",
        {
            "commitment": commitment,
            "milestones": milestones,
            "updates": list(commitment.updates.all()),
            "evaluation": getattr(commitment, "evaluation", None),
            "debates": debates,
            "conversations": list(conversations_about(subject=commitment, user=user)),
            # A draft goes to the debate again only once the last debate on it is answered.
            "can_open_debate": commitment.status == Commitment.Status.DRAFT
            and all(debate.has_response for debate in debates)
            and user.has_perm("debates.add_debate", commitment.plan),
            "following": is_following(user=user, target=commitment),
            "can_change": user.has_perm("plans.change_commitment", commitment),
            "can_report": user.has_perm("plans.post_progress_update", commitment),
            "can_evaluate": user.has_perm("plans.change_evaluation", commitment),
            "assessable_partners": list(partners_represented_by(user, commitment))
            if user.has_perm("plans.give_partner_assessment", commitment)
            else [],
        },
    )


@require_GET
def commitment_history(request: HttpRequest, reference: str) -> HttpResponse:
    commitment = _visible_commitment(request, reference)
    return render_change_log(
        request,
        instance=commitment,
        entries=history_for_object(commitment),
        parents=[(commitment.get_absolute_url(), commitment)],
    )


def _save_commitment(
    request: HttpRequest, form: CommitmentForm, plan: ActionPlan, commitment: Commitment | None
):
    data = {
        key: form.cleaned_data[key]
        for key in form.cleaned_data
        if key not in {"supporting_institutions", "policy_areas"}
    }
    try:
        return services.commitment_save(
            acting_user=request.user,
            commitment=commitment,
            plan=plan,
            data=data,
            policy_areas=form.cleaned_data["policy_areas"],
            supporting_institutions=form.cleaned_data["supporting_institutions"],
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return None


@require_http_methods(["GET", "POST"])
def commitment_create(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_get(slug=slug, user=request.user)
    if plan is None:
        raise Http404
    if denied := deny_unless(request, "plans.add_commitment", plan):
        return denied
    form = CommitmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        commitment = _save_commitment(request, form, plan, None)
        if commitment is not None:
            messages.success(request, _("L'engagement est créé."))
            return redirect(commitment.get_absolute_url())
    return render(
        request,
        "plans/commitment_form.html",
        {"form": form, "plan": plan, "commitment": None, "heading": _("Nouvel engagement")},
    )


@require_http_methods(["GET", "POST"])
def commitment_edit(request: HttpRequest, reference: str) -> HttpResponse:
    commitment = _visible_commitment(request, reference)
    if denied := deny_unless(request, "plans.change_commitment", commitment):
        return denied
    form = CommitmentForm(request.POST or None, initial=CommitmentForm.initial_for(commitment))
    if request.method == "POST" and form.is_valid():
        saved = _save_commitment(request, form, commitment.plan, commitment)
        if saved is not None:
            messages.success(request, _("L'engagement est enregistré."))
            return redirect(saved.get_absolute_url())
    return render(
        request,
        "plans/commitment_form.html",
        {
            "form": form,
            "plan": commitment.plan,
            "commitment": commitment,
            "heading": _("Modifier l'engagement"),
        },
    )


@require_http_methods(["GET", "POST"])
def milestone_form(request: HttpRequest, reference: str, pk: int | None = None) -> HttpResponse:
    commitment = _visible_commitment(request, reference)
    milestone = get_object_or_404(Milestone, pk=pk, commitment=commitment) if pk else None
    if denied := deny_unless(request, "plans.change_commitment", commitment):
        return denied
    initial = (
        {name: getattr(milestone, name) for name in MilestoneForm.base_fields} if milestone else {}
    )
    form = MilestoneForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_save(
                acting_user=request.user,
                milestone=milestone,
                commitment=commitment,
                data=form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Le jalon est enregistré."))
            return redirect(commitment.get_absolute_url() + "#jalons")
    heading = _("Modifier le jalon") if milestone else _("Nouveau jalon")
    return render(
        request,
        "plans/milestone_form.html",
        {"form": form, "commitment": commitment, "milestone": milestone, "heading": heading},
    )


@require_http_methods(["GET", "POST"])
def update_create(request: HttpRequest, reference: str) -> HttpResponse:
    commitment = _visible_commitment(request, reference)
    if denied := deny_unless(request, "plans.post_progress_update", commitment):
        return denied
    form = ProgressUpdateForm(
        request.POST or None,
        request.FILES or None,
        commitment=commitment,
        institutions=reporting_institutions(request.user, commitment),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            update = services.progress_update_post(
                acting_user=request.user,
                commitment=commitment,
                institution=data["institution"],
                text=data["text"],
                milestone=data["milestone"],
                new_status=data["new_status"],
                evidence=[services.EvidenceData(**proof) for proof in data["evidence"]],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Le point d'avancement est publié."))
            return redirect(update.get_absolute_url())
    return render(
        request,
        "plans/update_form.html",
        {"form": form, "commitment": commitment, "heading": _("Publier un point d'avancement")},
    )


@require_http_methods(["GET", "POST"])
def assessment_give(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    commitment = _visible_commitment(request, reference)
    milestone = get_object_or_404(Milestone, pk=pk, commitment=commitment)
    if denied := deny_unless(request, "plans.give_partner_assessment", commitment):
        return denied
    partners = partners_represented_by(request.user, commitment)
    form = PartnerAssessmentForm(request.POST or None, partners=partners)
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_assessment_give(
                acting_user=request.user,
                milestone=milestone,
                partner=form.cleaned_data["partner"],
                position=form.cleaned_data["position"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Votre avis est publié."))
            return redirect(commitment.get_absolute_url() + f"#jalon-{milestone.pk}")
    return render(
        request,
        "plans/assessment_form.html",
        {
            "form": form,
            "commitment": commitment,
            "milestone": milestone,
            "heading": _("L'avis de votre organisation"),
        },
    )


@require_http_methods(["GET", "POST"])
def evaluation_edit(request: HttpRequest, reference: str) -> HttpResponse:
    commitment = _visible_commitment(request, reference)
    if denied := deny_unless(request, "plans.change_evaluation", commitment):
        return denied
    evaluation = getattr(commitment, "evaluation", None) or Evaluation(commitment=commitment)
    form = EvaluationForm(request.POST or None, plan=commitment.plan)
    if request.method == "GET":
        form.initial = {name: getattr(evaluation, name) for name in form.fields}
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_save(
                acting_user=request.user, commitment=commitment, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("L'évaluation est enregistrée."))
            return redirect(commitment.get_absolute_url() + "#evaluation")
    return render(
        request,
        "plans/evaluation_form.html",
        {
            "form": form,
            "commitment": commitment,
            "heading": _("Évaluation du MRI"),
            "grid": commitment.plan.get_irm_model_display(),
        },
    )


@require_GET
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """A document attached to a progress update, served only if its commitment is visible."""
    evidence = Evidence.objects.select_related("update__commitment__plan").filter(pk=pk).first()
    if evidence is None or not evidence.document:
        raise Http404
    if not request.user.has_perm("plans.view_commitment", evidence.update.commitment):
        raise Http404
    response = FileResponse(
        evidence.document.open("rb"),
        as_attachment=True,
        filename=evidence.document.name.rsplit("/", 1)[-1],
    )
    # A document someone uploaded is never interpreted by the browser as a page of this site.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response
