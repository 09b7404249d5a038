"""Conversation pages: thin adapters between forms and `ouvert.conversations.services`."""

import datetime
import io
import tempfile
import zipfile
from pathlib import Path

import numpy as np
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from ouvert.conversations import exports, participation, selectors, services
from ouvert.conversations.forms import (
    ModerationForm,
    ReportForm,
    SeedStatementForm,
    StatementForm,
    StatusForm,
    VoteForm,
)
from ouvert.conversations.models import Conversation, Statement
from ouvert.conversations.opinion_map import build_map
from ouvert.core.selectors import history_for_object
from ouvert.core.views import render_change_log

STATEMENTS_PAGE_SIZE = 50
# A request waiting longer than this was lost by a stopped worker: queue it again.
STUCK_REQUEST = datetime.timedelta(minutes=5)


def _conversation(request: HttpRequest, slug: str) -> Conversation:
    conversation = selectors.conversation_get(slug=slug, user=request.user)
    if conversation is None:
        raise Http404
    return conversation


def _conversation_for_action(request: HttpRequest, slug: str) -> Conversation:
    conversation = selectors.conversation_for_action(slug=slug, user=request.user)
    if conversation is None:
        raise Http404
    return conversation


def _moderated_conversation(request: HttpRequest, slug: str) -> Conversation:
    conversation = _conversation(request, slug)
    if not request.user.has_perm("conversations.moderate_conversation", conversation):
        raise PermissionDenied
    return conversation


@require_GET
def conversation_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.conversations_visible(user=request.user), 20).get_page(
        request.GET.get("page")
    )
    return render(request, "conversations/conversation_list.html", {"page_obj": page})


def _detail_context(request: HttpRequest, conversation: Conversation, **extra) -> dict:
    participant = participation.current_participant(request, conversation)
    may_vote = request.user.has_perm("conversations.participate", conversation)
    statement = None
    if may_vote:
        statement = selectors.next_statement(
            conversation=conversation, participant=participant, rng=np.random.default_rng()
        )
    return {
        "conversation": conversation,
        "participant": participant,
        "statement": statement,
        "may_vote": may_vote,
        "may_propose": request.user.has_perm("conversations.propose_statement", conversation),
        "may_moderate": request.user.has_perm("conversations.moderate_conversation", conversation),
        "progress": selectors.participant_progress(
            conversation=conversation, participant=participant
        ),
        "my_statements": selectors.statements_by_participant(participant),
        "statement_form": StatementForm(),
        **extra,
    }


@require_GET
def conversation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    conversation = _conversation(request, slug)
    response = render(
        request,
        "conversations/conversation_detail.html",
        _detail_context(request, conversation),
    )
    return participation.store_cookie(request, response)


def _vote(request: HttpRequest, conversation: Conversation, number: int, value: int) -> None:
    participant = participation.participant_for_action(request, conversation)
    try:
        services.vote_cast(participant=participant, statement_number=number, value=value)
    except services.UnknownParticipant:
        participation.forget_participant(request, conversation)
        participant = participation.participant_for_action(request, conversation)
        services.vote_cast(participant=participant, statement_number=number, value=value)


TOO_MANY_PARTICIPANTS = gettext_lazy(
    "Trop de nouvelles participations depuis votre réseau : réessayez dans une minute."
)
VOTE_MESSAGES = {
    1: gettext_lazy("Vote enregistré : d'accord."),
    -1: gettext_lazy("Vote enregistré : pas d'accord."),
    0: gettext_lazy("Vote enregistré : vous passez."),
}


@require_POST
def conversation_vote(request: HttpRequest, slug: str) -> HttpResponse:
    conversation = _conversation_for_action(request, slug)
    if not request.user.has_perm("conversations.participate", conversation):
        messages.error(request, _refusal(conversation))
        return redirect(conversation.get_absolute_url())
    form = VoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ce vote n'a pas pu être lu : choisissez une réponse."))
    else:
        try:
            _vote(request, conversation, form.cleaned_data["statement"], form.value)
        except services.ParticipationRefused as refusal:
            messages.error(request, str(refusal))
        except participation.TooManyParticipants:
            messages.error(
                request,
                str(TOO_MANY_PARTICIPANTS),
            )
        else:
            messages.success(request, str(VOTE_MESSAGES[form.value]))
    response = redirect(conversation.get_absolute_url() + "#vote")
    return participation.store_cookie(request, response)


def _refusal(conversation: Conversation) -> str:
    if not conversation.is_open:
        return _("Cette conversation n'est pas ouverte.")
    return _("Connectez-vous pour participer à cette conversation.")


@require_POST
def conversation_propose(request: HttpRequest, slug: str) -> HttpResponse:
    conversation = _conversation(request, slug)
    if not request.user.has_perm("conversations.propose_statement", conversation):
        messages.error(request, _refusal(conversation))
        return redirect(conversation.get_absolute_url())
    form = StatementForm(request.POST)
    if form.is_valid():
        try:
            participant = participation.participant_for_action(request, conversation)
            services.statement_submit(participant=participant, text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error("text", error)
        except services.ParticipationRefused as refusal:
            messages.error(request, str(refusal))
            return participation.store_cookie(request, redirect(conversation.get_absolute_url()))
        except participation.TooManyParticipants:
            form.add_error(
                None,
                str(TOO_MANY_PARTICIPANTS),
            )
        else:
            if conversation.strict_moderation:
                messages.success(
                    request,
                    _(
                        "Merci ! Votre proposition sera soumise au vote dès que la modération l'aura acceptée."
                    ),
                )
            else:
                messages.success(request, _("Merci ! Votre proposition est soumise au vote."))
            response = redirect(conversation.get_absolute_url() + "#mes-propositions")
            return participation.store_cookie(request, response)
    response = render(
        request,
        "conversations/conversation_detail.html",
        _detail_context(request, conversation, statement_form=form),
        status=400,
    )
    return participation.store_cookie(request, response)


def _results_context(request: HttpRequest, conversation: Conversation) -> dict:
    results = selectors.conversation_results(conversation)
    participant = participation.current_participant(request, conversation)
    standing = selectors.participant_standing(
        conversation=conversation, participant=participant, results=results
    )
    opinion_map = None
    if results is not None:
        you = standing.coordinates if standing and standing.clustered else None
        opinion_map = build_map(results.analysis.results, you=you)
    return {
        "conversation": conversation,
        "results": results,
        "standing": standing,
        "opinion_map": opinion_map,
        "may_moderate": request.user.has_perm("conversations.moderate_conversation", conversation),
    }


@require_GET
def conversation_results(request: HttpRequest, slug: str) -> HttpResponse:
    conversation = _conversation(request, slug)
    services.analysis_request_unstick(conversation_id=conversation.pk, older_than=STUCK_REQUEST)
    context = _results_context(request, conversation)
    context["top_statements"] = context["results"].statements[:10] if context["results"] else ()
    response = render(request, "conversations/conversation_results.html", context)
    return participation.store_cookie(request, response)


@require_GET
def conversation_statements(request: HttpRequest, slug: str) -> HttpResponse:
    conversation = _conversation(request, slug)
    results = selectors.conversation_results(conversation)
    page = Paginator(results.statements if results else (), STATEMENTS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "conversations/conversation_statements.html",
        {"conversation": conversation, "results": results, "page_obj": page},
    )


@require_GET
def conversation_report(request: HttpRequest, slug: str) -> HttpResponse:
    conversation = _conversation(request, slug)
    if not request.user.has_perm("conversations.view_report", conversation):
        raise Http404
    context = _results_context(request, conversation)
    context["standing"] = None  # the report speaks for everyone
    if context["results"] is not None:
        context["opinion_map"] = build_map(context["results"].analysis.results)
    return render(request, "conversations/conversation_report.html", context)


@require_GET
def conversation_history(request: HttpRequest, slug: str) -> HttpResponse:
    conversation = _conversation(request, slug)
    return render_change_log(
        request,
        instance=conversation,
        entries=history_for_object(conversation),
        parents=[
            (reverse("conversations:list"), _("Conversations")),
            (conversation.get_absolute_url(), conversation),
        ],
    )


# Moderation ---------------------------------------------------------------------------------------


@require_GET
def conversation_moderation(request: HttpRequest, slug: str) -> HttpResponse:
    conversation = _moderated_conversation(request, slug)
    return _render_moderation(request, conversation)


def _render_moderation(request, conversation, *, status=200, **forms) -> HttpResponse:
    page = Paginator(selectors.statements_all(conversation), STATEMENTS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "conversation": conversation,
        "pending": selectors.statements_to_moderate(conversation),
        "page_obj": page,
        "seed_form": forms.get("seed_form") or SeedStatementForm(prefix="seed"),
        "status_form": StatusForm(prefix="status", initial={"status": conversation.status}),
        "report_form": forms.get("report_form")
        or ReportForm(
            prefix="report",
            initial={
                "summary": conversation.report_summary,
                "summary_en": conversation.report_summary_en,
            },
        ),
        "decisions": Statement.Status,
    }
    return render(request, "conversations/conversation_moderation.html", context, status=status)


def _back_to_moderation(conversation: Conversation) -> HttpResponse:
    return redirect("conversations:moderation", slug=conversation.slug)


@require_POST
def statement_moderate(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    conversation = _moderated_conversation(request, slug)
    statement = selectors.statement_get(conversation=conversation, number=number)
    if statement is None:
        raise Http404
    form = ModerationForm(request.POST)
    if form.is_valid():
        services.statement_moderate(
            statement=statement, status=form.cleaned_data["decision"], acting_user=request.user
        )
        messages.success(
            request,
            _("Proposition n° %(number)s : %(decision)s.")
            % {"number": statement.number, "decision": statement.get_status_display().lower()},
        )
    else:
        messages.error(request, _("Décision de modération inconnue."))
    return _back_to_moderation(conversation)


@require_POST
def statement_seed(request: HttpRequest, slug: str) -> HttpResponse:
    conversation = _moderated_conversation(request, slug)
    form = SeedStatementForm(request.POST, prefix="seed")
    if form.is_valid():
        try:
            services.statement_seed(
                conversation=conversation,
                text=form.cleaned_data["text"],
                is_meta=form.cleaned_data["is_meta"],
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error("text", error)
        else:
            messages.success(request, _("La proposition de départ est ajoutée."))
            return _back_to_moderation(conversation)
    return _render_moderation(request, conversation, status=400, seed_form=form)


@require_POST
def conversation_status(request: HttpRequest, slug: str) -> HttpResponse:
    conversation = _moderated_conversation(request, slug)
    form = StatusForm(request.POST, prefix="status")
    if form.is_valid():
        services.conversation_set_status(
            conversation=conversation, status=form.cleaned_data["status"], acting_user=request.user
        )
        messages.success(
            request,
            _("La conversation est maintenant : %(status)s.")
            % {"status": conversation.get_status_display().lower()},
        )
    return _back_to_moderation(conversation)


@require_POST
def report_publish(request: HttpRequest, slug: str) -> HttpResponse:
    conversation = _moderated_conversation(request, slug)
    if not request.user.has_perm("conversations.publish_report", conversation):
        raise PermissionDenied
    form = ReportForm(request.POST, prefix="report")
    if not form.is_valid():
        return _render_moderation(request, conversation, status=400, report_form=form)
    if request.POST.get("action") == "unpublish":
        services.report_unpublish(conversation=conversation, acting_user=request.user)
        messages.success(request, _("Le rapport n'est plus public."))
    else:
        services.report_publish(
            conversation=conversation,
            acting_user=request.user,
            summary=form.cleaned_data["summary"],
            summary_en=form.cleaned_data["summary_en"],
        )
        messages.success(request, _("Le rapport est publié."))
    return _back_to_moderation(conversation)


@require_GET
def conversation_export(request: HttpRequest, slug: str) -> HttpResponse:
    """The conversation in Pol.is's export format, as a zip (moderation: rejected statements
    included, participants by number only)."""
    conversation = _moderated_conversation(request, slug)
    if not request.user.has_perm("conversations.export_conversation", conversation):
        raise PermissionDenied
    response = _polis_zip(conversation, exports.polis_export, f"{conversation.slug}-polis.zip")
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def conversation_open_data(request: HttpRequest, slug: str) -> HttpResponse:
    """A public conversation's open data in Pol.is's export format, as a zip."""
    conversation = selectors.conversations_public().filter(slug=slug).first()
    if conversation is None:
        raise Http404
    return _polis_zip(
        conversation, exports.public_polis_export, f"{conversation.slug}-donnees-polis.zip"
    )


def _polis_zip(conversation: Conversation, export, filename: str) -> HttpResponse:
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as directory:
        export(conversation=conversation, directory=Path(directory))
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(Path(directory).iterdir()):
                archive.write(path, arcname=f"{conversation.slug}/{path.name}")
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
