from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("keys/", views.signing_keys, name="signing_keys"),
    path("keys.json", views.signing_keys_json, name="signing_keys_json"),
]
