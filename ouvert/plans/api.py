import datetime

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from ouvert.core.http import absolute_url
from ouvert.plans.models import ActionPlan
from ouvert.plans.selectors import plan_get, plans_visible

router = Router(tags=["plans"])


class PhaseOut(Schema):
    id: int
    kind: str
    name: str
    description: str
    starts_on: datetime.date
    ends_on: datetime.date


class PlanOut(Schema):
    id: int
    slug: str
    title: str
    title_en: str
    summary: str
    status: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    ogp_url: str
    url: str
    updated_at: datetime.datetime
    phases: list[PhaseOut]

    @staticmethod
    def resolve_url(plan: ActionPlan) -> str:
        return absolute_url(plan.get_absolute_url())


@router.get("/", response=list[PlanOut], summary="Action plans, newest first")
@paginate
def list_plans(request: HttpRequest):
    return plans_visible(user=request.user)


@router.get("/{slug}", response=PlanOut, summary="One action plan with its phases")
def get_plan(request: HttpRequest, slug: str):
    plan = plan_get(slug=slug, user=request.user)
    if plan is None:
        raise HttpError(404, "Not found")
    return plan
