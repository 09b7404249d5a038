from django.urls import path

from ouvert.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("plan-du-site/", views.sitemap, name="sitemap"),
]
