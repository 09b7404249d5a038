from django.urls import path

from ouvert.notifications import views

app_name = "notifications"

urlpatterns = [
    path("suivre/<slug:kind>/<int:pk>/", views.follow, name="follow"),
]
