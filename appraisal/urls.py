from django.urls import path

from . import views

app_name = "appraisal"

urlpatterns = [
    path("workbench/", views.workbench, name="workbench"),
]
