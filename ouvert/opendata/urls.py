from django.urls import path

from ouvert.opendata import views

app_name = "opendata"

urlpatterns = [
    path("", views.catalogue_page, name="catalogue"),
    path("api/", views.api_documentation, name="api"),
    path("<slug:slug>/", views.dataset_page, name="dataset"),
    path("<slug:slug>.csv", views.dataset_csv, name="csv"),
    path("<slug:slug>.json", views.dataset_json, name="json"),
    path("<slug:slug>.geojson", views.dataset_geojson, name="geojson"),
    path("<slug:slug>/schema.json", views.dataset_schema, name="schema"),
]
