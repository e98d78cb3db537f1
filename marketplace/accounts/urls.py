from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("verify/", views.verify_identity, name="verify_identity"),
    path("close/", views.close_account, name="close_account"),
    path("privacy/", views.privacy, name="privacy"),
]
