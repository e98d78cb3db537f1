from django.urls import path

from . import api

app_name = "regulation_api"

urlpatterns = [
    path("entries", api.entries, name="entries"),
    path("tree-heads", api.heads, name="heads"),
    path("tree-heads/latest", api.latest_head, name="latest_head"),
    path("proofs/inclusion", api.inclusion, name="inclusion"),
    path("proofs/consistency", api.consistency, name="consistency"),
    path("public-key", api.public_key, name="public_key"),
    path("openapi.json", api.openapi, name="openapi"),
]
