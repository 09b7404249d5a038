from django.urls import path

from ouvert.participation.views import moderation as views

app_name = "participation"

urlpatterns = [
    path("moderation/", views.moderation_queue, name="moderation"),
    path("moderation/propositions/<int:pk>/", views.moderate_proposal, name="moderate_proposal"),
    path("moderation/commentaires/<int:pk>/", views.moderate_comment, name="moderate_comment"),
    path("commentaires/<slug:kind>/<int:pk>/", views.comment_create, name="comment"),
    path("commentaires/<int:pk>/signaler/", views.comment_report, name="report"),
    path("mes-contributions/", views.my_contributions, name="mine"),
]
