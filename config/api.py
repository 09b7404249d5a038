"""The JSON API under /api/: one router per app, OpenAPI at /api/openapi.json, docs at /api/docs."""

from ninja import NinjaAPI
from ninja.throttling import AnonRateThrottle, AuthRateThrottle

api = NinjaAPI(
    title="ouvert API",
    version="1",
    description=(
        "Every public record of the platform, read-only for everyone; writes for the roles that "
        "may make them, authenticated by the session. Lists are paginated with `page` and "
        "`page_size`. See /donnees/api/ for the guide."
    ),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    throttle=[AnonRateThrottle(), AuthRateThrottle()],
)
api.add_router("/plans", "ouvert.plans.api.router")
api.add_router("/conversations", "ouvert.conversations.api.router")
api.add_router("/commitments", "ouvert.plans.api.commitments_router")
api.add_router("/events", "ouvert.participation.api.events_router")
api.add_router("/proposals", "ouvert.participation.api.proposals_router")
api.add_router("/debates", "ouvert.debates.api.router")
api.add_router("/blog", "ouvert.blog.api.router")
api.add_router("/pages", "ouvert.pages.api.router")
api.add_router("/actors", "ouvert.actors.api.router")
api.add_router("/datasets", "ouvert.opendata.api.router")
