from django.urls import path

from ouvert.blog import views
from ouvert.blog.feeds import PostFeed

app_name = "blog"

urlpatterns = [
    path("", views.post_list, name="list"),
    path("flux.atom", PostFeed(), name="feed"),
    path("proposer/", views.guest_post_create, name="submit"),
    path("moderation/", views.moderation_queue, name="moderation"),
    path("moderation/<int:pk>/", views.moderate, name="moderate"),
    path("categorie/<slug:slug>/", views.category_detail, name="category"),
    path("categorie/<slug:slug>/flux.atom", PostFeed(), name="category_feed"),
    path("mot-cle/<slug:slug>/", views.tag_detail, name="tag"),
    path("auteurs/equipe/", views.team_posts, name="team"),
    path("auteurs/acteur/<int:pk>/", views.actor_posts, name="actor"),
    path("<slug:slug>/", views.post_detail, name="detail"),
]
