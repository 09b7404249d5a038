from django.urls import path

from ouvert.actors import views

app_name = "actors"

urlpatterns = [
    path("", views.actor_search, name="search"),
    path("carte.json", views.actor_clusters, name="clusters"),
    path("export.csv", views.actor_export, name="export"),
    path("inscrire/", views.actor_register, name="register"),
    path("revendiquer/", views.claim_by_number, name="claim_by_number"),
    path("moderation/", views.moderation_queue, name="moderation"),
    path("moderation/<int:pk>/", views.moderation_decide, name="decide"),
    path("<int:pk>/", views.actor_detail, name="detail"),
    path("<int:pk>/historique/", views.actor_history, name="history"),
    path("<int:pk>/modifier/", views.actor_edit, name="edit"),
    path("<int:pk>/revendiquer/", views.actor_claim, name="claim"),
]
