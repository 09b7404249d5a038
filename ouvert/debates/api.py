"""The debates API: debates, their texts, results and arguments read by everyone; voting and
supporting arguments for signed-in people (session and CSRF token).

No answer says how anyone voted but the caller's own vote, to the caller alone.
"""

import datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.security import django_auth

from ouvert.core.api import validation_error
from ouvert.core.http import absolute_url
from ouvert.debates import selectors, services
from ouvert.debates.models import Argument, Debate, DebateState
from ouvert.debates.tally import Tally

router = Router(tags=["debates"])


class TallyOut(Schema):
    votes_for: int
    votes_against: int
    votes_abstain: int
    total: int


def _tally(tally: Tally) -> dict:
    return {
        "votes_for": tally.votes_for,
        "votes_against": tally.votes_against,
        "votes_abstain": tally.votes_abstain,
        "total": tally.total,
    }


class DebateOut(Schema):
    """A debate with its counts. The plan and the commitment are named only once they are public."""

    id: int
    subject: str
    title: str
    title_en: str
    plan: str | None
    commitment: str | None
    state: str
    opens_at: datetime.datetime
    closes_at: datetime.datetime
    votes: TallyOut
    arguments: int
    comments: int
    response_published: bool
    url: str

    @staticmethod
    def resolve_plan(debate: Debate) -> str | None:
        return debate.plan.slug if debate.plan_is_public else None

    @staticmethod
    def resolve_commitment(debate: Debate) -> str | None:
        return debate.commitment.reference if debate.commitment_is_public else None

    @staticmethod
    def resolve_votes(debate: Debate) -> dict:
        return _tally(Tally(debate.votes_for, debate.votes_against, debate.votes_abstain))

    @staticmethod
    def resolve_arguments(debate: Debate) -> int:
        return debate.arguments_count

    @staticmethod
    def resolve_comments(debate: Debate) -> int:
        return debate.comments_count

    @staticmethod
    def resolve_response_published(debate: Debate) -> bool:
        return debate.has_response

    @staticmethod
    def resolve_url(debate: Debate) -> str:
        return absolute_url(debate.get_absolute_url())


class ParagraphOut(Schema):
    number: int
    section: str
    text: str
    comments: int
    url: str


class SectionOut(Schema):
    key: str
    text: str


class VersionOut(Schema):
    kind: str
    title: str
    sections: list[SectionOut]
    created_at: datetime.datetime


class GroupOut(Schema):
    kind: str
    votes: TallyOut


class ResultsOut(Schema):
    """The counts: overall, by declared kind for groups of at least five votes, and the smaller
    groups together (no votes, or at least five)."""

    overall: TallyOut
    by_kind: list[GroupOut]
    smaller_groups: TallyOut


class NoteOut(Schema):
    paragraph: int
    text: str


class ResponseOut(Schema):
    text: str
    text_en: str
    signed_by: str
    published_at: datetime.datetime
    notes: list[NoteOut]


class DebateDetailOut(DebateOut):
    introduction: str
    introduction_en: str
    results: ResultsOut
    paragraphs: list[ParagraphOut]
    versions: list[VersionOut]
    response: ResponseOut | None

    @staticmethod
    def resolve_results(debate: Debate) -> dict:
        results = selectors.debate_results(debate)
        return {
            "overall": _tally(results.overall),
            "by_kind": [
                {"kind": group.kind, "votes": _tally(group.tally)} for group in results.groups
            ],
            "smaller_groups": _tally(results.merged),
        }

    @staticmethod
    def resolve_paragraphs(debate: Debate) -> list[dict]:
        return [
            {
                "number": paragraph.number,
                "section": paragraph.section,
                "text": paragraph.text,
                "comments": paragraph.comments_count,
                "url": absolute_url(paragraph.get_absolute_url()),
            }
            for section in selectors.debated_sections(debate)
            for paragraph in section.paragraphs
        ]

    @staticmethod
    def resolve_versions(debate: Debate) -> list:
        return list(debate.versions.all())

    @staticmethod
    def resolve_response(debate: Debate) -> dict | None:
        response = selectors.response_of(debate)
        if response is None:
            return None
        return {
            "text": response.text,
            "text_en": response.text_en,
            "signed_by": response.author.public_name,
            "published_at": response.published_at,
            "notes": [
                {"paragraph": note.paragraph.number, "text": note.text}
                for note in response.notes.all()
            ],
        }


class ArgumentOut(Schema):
    id: int
    side: str
    body: str
    signed_by: str
    supports: int
    published_at: datetime.datetime

    @staticmethod
    def resolve_signed_by(argument: Argument) -> str:
        return argument.author.public_name

    @staticmethod
    def resolve_supports(argument: Argument) -> int:
        return argument.supports_count


class DebateQuery(Schema):
    state: str = ""


class VoteIn(Schema):
    choice: str
    kind: str = ""


class MyVoteOut(Schema):
    """The caller's own vote: nobody else's is ever given."""

    choice: str
    kind: str
    updated_at: datetime.datetime


class SupportOut(Schema):
    supported: bool
    supports: int


def _visible_debate(request: HttpRequest, pk: int) -> Debate:
    debate = selectors.debate_get(pk)
    if debate is None or not request.user.has_perm("debates.view_debate", debate):
        raise HttpError(404, "Not found")
    return debate


@router.get("/", response=list[DebateOut], summary="Debates, the latest opened first")
@paginate
def list_debates(request: HttpRequest, filters: Query[DebateQuery]):
    if filters.state and filters.state not in DebateState.values:
        raise HttpError(422, f"state: one of {', '.join(DebateState.values)}")
    return selectors.debates_in_state(filters.state)


@router.get(
    "/{pk}",
    response=DebateDetailOut,
    summary="One debate: its text paragraph by paragraph, results, versions and response",
)
def get_debate(request: HttpRequest, pk: int):
    return _visible_debate(request, pk)


@router.get(
    "/{pk}/arguments",
    response=list[ArgumentOut],
    summary="The published arguments of a debate, the most supported first",
)
@paginate
def list_arguments(request: HttpRequest, pk: int):
    return selectors.arguments_ranked(_visible_debate(request, pk))


@router.get(
    "/{pk}/vote", response=MyVoteOut, auth=django_auth, summary="My own vote in this debate"
)
def my_vote(request: HttpRequest, pk: int):
    vote = selectors.vote_of(user=request.user, debate=_visible_debate(request, pk))
    if vote is None:
        raise HttpError(404, "You have not voted in this debate.")
    return vote


@router.put(
    "/{pk}/vote",
    response=MyVoteOut,
    auth=django_auth,
    summary="Vote for, against or abstain, or change my vote (until the close)",
)
def cast_vote(request: HttpRequest, pk: int, payload: VoteIn):
    debate = _visible_debate(request, pk)
    if not request.user.has_perm("debates.vote", debate):
        raise HttpError(403, "Sign in to vote.")
    try:
        return services.vote_cast(
            acting_user=request.user, debate=debate, choice=payload.choice, kind=payload.kind
        )
    except ValidationError as error:
        raise validation_error(error) from error


def _set_support(request: HttpRequest, pk: int, argument_id: int, supporting: bool) -> dict:
    debate = _visible_debate(request, pk)
    argument = (
        Argument.objects.select_related("debate").filter(pk=argument_id, debate=debate).first()
    )
    if argument is None or not request.user.has_perm("debates.view_argument", argument):
        raise HttpError(404, "Not found")
    if not request.user.has_perm("debates.support_argument", argument):
        raise HttpError(403, "Sign in to support.")
    try:
        count = services.argument_support_set(
            acting_user=request.user, argument=argument, supporting=supporting
        )
    except ValidationError as error:
        raise validation_error(error) from error
    return {"supported": supporting, "supports": count}


@router.put(
    "/{pk}/arguments/{argument_id}/support",
    response=SupportOut,
    auth=django_auth,
    summary="Support an argument (once per person)",
)
def support_argument(request: HttpRequest, pk: int, argument_id: int):
    return _set_support(request, pk, argument_id, True)


@router.delete(
    "/{pk}/arguments/{argument_id}/support",
    response=SupportOut,
    auth=django_auth,
    summary="Withdraw my support of an argument",
)
def unsupport_argument(request: HttpRequest, pk: int, argument_id: int):
    return _set_support(request, pk, argument_id, False)
