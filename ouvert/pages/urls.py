from django.urls import path

from ouvert.pages import views

app_name = "pages"

urlpatterns = [
    path("<slug:slug>/", views.page_detail, name="detail"),
    path("<slug:slug>/historique/", views.page_history, name="history"),
]
