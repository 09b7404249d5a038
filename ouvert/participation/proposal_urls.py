from django.urls import path

from ouvert.participation.views import proposals as views

app_name = "proposals"

urlpatterns = [
    path("", views.proposal_list, name="list"),
    path("deposer/", views.proposal_create, name="create"),
    path("redevabilite/", views.board, name="board"),
    path("redevabilite/<slug:slug>/", views.board, name="plan_board"),
    path("<int:pk>/", views.proposal_detail, name="detail"),
    path("<int:pk>/soutenir/", views.proposal_support, name="support"),
    path("<int:pk>/repondre/", views.proposal_answer, name="answer"),
    path("<int:pk>/historique/", views.proposal_history, name="history"),
]
