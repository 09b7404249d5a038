from django.urls import path

from ouvert.plans.feeds import ProgressFeed
from ouvert.plans.views import plans as views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<slug:slug>/", views.plan_detail, name="detail"),
    path("<slug:slug>/tableau-de-bord/", views.plan_dashboard_page, name="dashboard"),
    path("<slug:slug>/bilan/", views.plan_report_page, name="report"),
    path("<slug:slug>/historique/", views.plan_history, name="history"),
    path("<slug:slug>/avancement.atom", ProgressFeed(), name="feed"),
    path("<slug:slug>/importer/", views.plan_import, name="import"),
    path("<slug:slug>/exporter/<slug:kind>.csv", views.plan_export, name="export"),
]
