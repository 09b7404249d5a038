from django.urls import path

from ouvert.debates import views

app_name = "debates"

urlpatterns = [
    path("", views.debate_list, name="list"),
    path("nouveau/<slug:slug>/", views.debate_create, name="create"),
    path("moderation/", views.moderation_queue, name="moderation"),
    path("moderation/arguments/<int:pk>/", views.argument_moderate, name="moderate_argument"),
    path("<int:pk>/", views.debate_detail, name="detail"),
    path("<int:pk>/vote/", views.vote, name="vote"),
    path("<int:pk>/arguments/", views.argument_create, name="argument"),
    path(
        "<int:pk>/arguments/<int:argument>/soutien/",
        views.argument_support,
        name="argument_support",
    ),
    path("<int:pk>/paragraphes/<int:number>/", views.paragraph_detail, name="paragraph"),
    path("<int:pk>/versions/", views.debate_versions, name="versions"),
    path("<int:pk>/historique/", views.debate_history, name="history"),
    path("<int:pk>/cloture/", views.debate_close, name="close"),
    path("<int:pk>/reponse/", views.debate_respond, name="respond"),
]
