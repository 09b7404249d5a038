from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from config.api import api

# French pages at the root, English ones under /en/: every address can be shared in either language.
urlpatterns = [
    path("api/", api.urls),
    path(
        "favicon.ico",
        RedirectView.as_view(url=settings.STATIC_URL + "dsfr/dist/favicon/favicon.ico"),
    ),
]
urlpatterns += i18n_patterns(
    path("", include("ouvert.core.urls")),
    path("compte/", include("ouvert.accounts.urls")),
    path("pages/", include("ouvert.pages.urls")),
    path("plans/", include("ouvert.plans.urls")),
    path("acteurs/", include("ouvert.actors.urls")),
    path("conversations/", include("ouvert.conversations.urls")),
    path("engagements/", include("ouvert.plans.commitment_urls")),
    path("evenements/", include("ouvert.participation.event_urls")),
    path("propositions/", include("ouvert.participation.proposal_urls")),
    path("participer/", include("ouvert.participation.urls")),
    path("debats/", include("ouvert.debates.urls")),
    path("blog/", include("ouvert.blog.urls")),
    path("", include("ouvert.notifications.urls")),
    path("donnees/", include("ouvert.opendata.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

handler403 = "ouvert.core.views.error_403"
handler404 = "ouvert.core.views.error_404"
handler500 = "ouvert.core.views.error_500"
