from django.urls import path

from ouvert.notifications import views

app_name = "notifications"

urlpatterns = [
    path("suivre/<slug:kind>/<int:pk>/", views.follow, name="follow"),
    path("compte/notifications/", views.preferences, name="preferences"),
    path("lettre/", views.newsletter, name="newsletter"),
    path("lettre/<int:pk>/", views.newsletter_issue, name="newsletter_issue"),
    path("lettre/confirmer/<str:token>/", views.newsletter_confirm, name="newsletter_confirm"),
    path("desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
