"""Proposal pages: the list, submitting, a proposal with its answer, supports and comments, the
answer form, and the public accountability board."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ouvert.actors.models import Actor
from ouvert.actors.selectors import actor_ids_represented_by
from ouvert.core.forms import add_service_errors
from ouvert.core.permissions import deny_unless
from ouvert.core.publicity import public
from ouvert.core.selectors import history_for_object
from ouvert.core.views import render_change_log
from ouvert.notifications.selectors import is_following
from ouvert.participation import selectors, services
from ouvert.participation.forms import (
    AnswerForm,
    CommentForm,
    ProposalFilterForm,
    ProposalForm,
)
from ouvert.participation.models import Answer, Proposal
from ouvert.plans.models import ActionPlan, Commitment, Phase
from ouvert.plans.selectors import plans_public

PAGE_SIZE = 20


@require_GET
def proposal_list(request: HttpRequest) -> HttpResponse:
    form = ProposalFilterForm(request.GET or None, plans=plans_public())
    filters = selectors.ProposalFilters()
    if form.is_valid():
        filters = selectors.ProposalFilters(
            plan=form.cleaned_data["plan"],
            kind=form.cleaned_data["kind"],
            answer=form.cleaned_data["answer"],
        )
    page = Paginator(selectors.proposals_filtered(filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "participation/proposal_list.html",
        {
            "form": form,
            "page_obj": page,
            "query": query.urlencode(),
            "calls": list(selectors.calls_open()),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_create(request: HttpRequest) -> HttpResponse:
    if denied := deny_unless(request, "participation.add_proposal"):
        return denied
    calls = selectors.calls_open()
    concertation_plans = calls.filter(phase__kind=Phase.Kind.CONCERTATION).values("phase__plan")
    form = ProposalForm(
        request.POST or None,
        calls=calls,
        commitments=public(Commitment).filter(plan__in=concertation_plans).order_by("reference"),
        actors=Actor.objects.filter(pk__in=actor_ids_represented_by(request.user)).order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = services.proposal_submit(
                acting_user=request.user,
                call=data["call"],
                kind=data["kind"],
                title=data["title"],
                body=data["body"],
                on_behalf_of=data.get("on_behalf_of"),
                institution=data["institution"],
                amended_commitment=data["amended_commitment"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Votre proposition est enregistrée. Elle sera publiée après relecture par la "
                    "modération ; vous serez prévenu·e par courriel."
                ),
            )
            return redirect(proposal.get_absolute_url())
    return render(
        request,
        "participation/proposal_form.html",
        {"form": form, "heading": _("Faire une proposition"), "has_calls": calls.exists()},
    )


def _visible_proposal(request: HttpRequest, pk: int) -> Proposal:
    proposal = selectors.proposal_get(pk=pk)
    if proposal is None or not request.user.has_perm("participation.view_proposal", proposal):
        raise Http404
    return proposal


@require_GET
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _visible_proposal(request, pk)
    user = request.user
    answer = getattr(proposal, "answer", None)
    return render(
        request,
        "participation/proposal_detail.html",
        {
            "proposal": proposal,
            "answer": answer,
            "supported": selectors.has_supported(user=user, proposal=proposal),
            "following": is_following(user=user, target=proposal),
            "threads": selectors.comment_threads(target=proposal),
            "comment_form": CommentForm(),
            "comment_kind": "proposition",
            "can_support": user.has_perm("participation.support_proposal", proposal),
            "can_answer": user.has_perm("participation.answer_proposal", proposal),
            "can_moderate": user.has_perm("participation.moderate_proposal", proposal),
            "fed_by_events": list(proposal.fed_by_events.all()),
        },
    )


@login_required
@require_POST
def proposal_support(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _visible_proposal(request, pk)
    if denied := deny_unless(request, "participation.support_proposal", proposal):
        return denied
    supporting = request.POST.get("supporting") == "1"
    try:
        services.support_set(acting_user=request.user, proposal=proposal, supporting=supporting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Votre soutien est enregistré.") if supporting else _("Votre soutien est retiré."),
        )
    return redirect(proposal.get_absolute_url() + "#soutiens")


@require_http_methods(["GET", "POST"])
def proposal_answer(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _visible_proposal(request, pk)
    if denied := deny_unless(request, "participation.answer_proposal", proposal):
        return denied
    answer = getattr(proposal, "answer", None)
    initial = (
        {
            "status": answer.status,
            "text": answer.text,
            "text_en": answer.text_en,
            "merged_into": answer.merged_into,
            "institution": answer.institution,
        }
        if answer
        else {"institution": proposal.institution}
    )
    form = AnswerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_save(acting_user=request.user, proposal=proposal, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("La réponse est publiée."))
            return redirect(proposal.get_absolute_url() + "#reponse")
    return render(
        request,
        "participation/answer_form.html",
        {"form": form, "proposal": proposal, "heading": _("Répondre à la proposition")},
    )


@require_GET
def proposal_history(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _visible_proposal(request, pk)
    if not proposal.is_published:
        raise Http404
    return render_change_log(
        request,
        instance=proposal,
        entries=history_for_object(proposal),
        parents=[(proposal.get_absolute_url(), proposal)],
    )


@require_GET
def board(request: HttpRequest, slug: str = "") -> HttpResponse:
    plan = None
    if slug:
        plan = public(ActionPlan).filter(slug=slug).first()
        if plan is None:
            raise Http404
    board = selectors.accountability_board(plan=plan)
    labels = dict(Answer.Status.choices)
    status_counts = [
        (labels.get(status, _("Sans réponse")), count)
        for status, count in sorted(board.by_status.items())
    ]
    return render(
        request,
        "participation/board.html",
        {"plan": plan, "board": board, "status_counts": status_counts},
    )
