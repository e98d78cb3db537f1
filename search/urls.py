from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("", views.search, name="results"),
    path("suggest/", views.suggest, name="suggest"),
    path("saved/", views.saved, name="saved"),
    path("saved/new/", views.save, name="save"),
    path("saved/<int:pk>/delete/", views.delete, name="delete"),
]
