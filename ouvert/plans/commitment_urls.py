from django.urls import path

from ouvert.plans.feeds import ProgressFeed
from ouvert.plans.views import commitments as views

app_name = "commitments"

urlpatterns = [
    path("", views.commitment_list, name="list"),
    path("avancement.atom", ProgressFeed(), name="feed"),
    path("nouveau/<slug:slug>/", views.commitment_create, name="create"),
    path("preuves/<int:pk>/", views.evidence_download, name="evidence"),
    path("<str:reference>/", views.commitment_detail, name="detail"),
    path("<str:reference>/modifier/", views.commitment_edit, name="edit"),
    path("<str:reference>/historique/", views.commitment_history, name="history"),
    path("<str:reference>/avancement.atom", ProgressFeed(), name="commitment_feed"),
    path("<str:reference>/avancement/nouveau/", views.update_create, name="update"),
    path("<str:reference>/jalons/nouveau/", views.milestone_form, name="milestone_create"),
    path("<str:reference>/jalons/<int:pk>/modifier/", views.milestone_form, name="milestone_edit"),
    path("<str:reference>/jalons/<int:pk>/avis/", views.assessment_give, name="assessment"),
    path("<str:reference>/evaluation/", views.evaluation_edit, name="evaluation"),
]
