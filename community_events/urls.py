from django.urls import path

from . import views

app_name = "community_events"

urlpatterns = [
    path("office/", views.staff_dashboard, name="staff_dashboard"),
]
