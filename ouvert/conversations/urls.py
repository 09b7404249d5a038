from django.urls import path

from ouvert.conversations import views

app_name = "conversations"

urlpatterns = [
    path("", views.conversation_list, name="list"),
    path("<slug:slug>/", views.conversation_detail, name="detail"),
    path("<slug:slug>/voter/", views.conversation_vote, name="vote"),
    path("<slug:slug>/proposer/", views.conversation_propose, name="propose"),
    path("<slug:slug>/resultats/", views.conversation_results, name="results"),
    path("<slug:slug>/resultats/propositions/", views.conversation_statements, name="statements"),
    path("<slug:slug>/rapport/", views.conversation_report, name="report"),
    path("<slug:slug>/historique/", views.conversation_history, name="history"),
    path("<slug:slug>/donnees-polis.zip", views.conversation_open_data, name="open_data"),
    path("<slug:slug>/moderation/", views.conversation_moderation, name="moderation"),
    path(
        "<slug:slug>/moderation/propositions/<int:number>/",
        views.statement_moderate,
        name="moderate_statement",
    ),
    path("<slug:slug>/moderation/depart/", views.statement_seed, name="seed"),
    path("<slug:slug>/moderation/statut/", views.conversation_status, name="status"),
    path("<slug:slug>/moderation/rapport/", views.report_publish, name="publish_report"),
    path("<slug:slug>/moderation/export-polis.zip", views.conversation_export, name="export"),
]
