from django.urls import path, re_path

from ouvert.opendata import views

app_name = "opendata"

urlpatterns = [
    path("", views.catalogue_page, name="catalogue"),
    path("api/", views.api_documentation, name="api"),
    path("chiffres-cles/", views.statistics_page, name="statistics"),
    path("catalogue", views.dcat_catalogue, name="dcat"),
    re_path(
        r"^catalogue\.(?P<extension>jsonld|ttl|rdf)$", views.dcat_catalogue, name="dcat_format"
    ),
    path("telechargements/ouvert-donnees.zip", views.dump_archive, name="dump_archive"),
    re_path(
        r"^telechargements/(?P<slug>[-\w]+)\.(?P<fmt>csv|json|geojson)$",
        views.dump_file,
        name="dump_file",
    ),
    path("<slug:slug>/", views.dataset_page, name="dataset"),
    path("<slug:slug>.csv", views.dataset_csv, name="csv"),
    path("<slug:slug>.json", views.dataset_json, name="json"),
    path("<slug:slug>.geojson", views.dataset_geojson, name="geojson"),
    path("<slug:slug>/schema.json", views.dataset_schema, name="schema"),
]
