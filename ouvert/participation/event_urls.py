from django.urls import path

from ouvert.participation.views import events as views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("passes/", views.event_list_past, name="past"),
    path("calendrier/", views.event_calendar, name="calendar"),
    path("calendrier/<int:year>/<int:month>/", views.event_calendar, name="calendar_month"),
    path("calendrier.ics", views.feed_all, name="feed"),
    path("plan/<slug:slug>/calendrier.ics", views.feed_plan, name="plan_feed"),
    path("nouvelle-serie/", views.series_create, name="series_create"),
    path("series/<slug:slug>/", views.series_detail, name="series"),
    path("series/<slug:slug>/calendrier.ics", views.feed_series, name="series_feed"),
    path("documents/<int:pk>/", views.document_download, name="document"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/evenement.ics", views.event_ics, name="ics"),
    path("<slug:slug>/inscription/", views.event_register, name="register"),
    path("<slug:slug>/desinscription/", views.event_unregister, name="unregister"),
    path("<slug:slug>/inscrits/", views.event_registrations, name="registrations"),
    path("<slug:slug>/inscrits.csv", views.event_registrations_csv, name="registrations_csv"),
    path("<slug:slug>/annuler/", views.event_cancel, name="cancel"),
    path("<slug:slug>/publier/", views.event_publish, name="publish"),
    path("<slug:slug>/historique/", views.event_history, name="history"),
]
