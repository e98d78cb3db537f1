from django.urls import path

from . import views

app_name = "regulation"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export.<str:fmt>", views.export, name="export"),
    path("flags/<int:pk>/", views.flag_detail, name="flag"),
    path("flags/<int:pk>/photos/<int:index>/", views.frozen_photo, name="frozen_photo"),
    path("flags/<int:pk>/decide/", views.decide, name="decide"),
    path("flags/<int:pk>/unmask/", views.unmask, name="unmask"),
    path("flags/<int:pk>/reverse/", views.reverse_takedown, name="reverse_takedown"),
    path("flags/decide/", views.decide_bulk, name="decide_bulk"),
    path("flags/new/", views.open_flag, name="open_flag"),
    path("rights-holders/", views.rights_holder, name="rights_holder"),
    path("ip-notices/new/", views.file_notice, name="file_notice"),
    path("ip-notices/<int:pk>/counter/", views.counter_declare, name="counter"),
    path("ip-notices/<int:pk>/complaint/", views.complaint, name="complaint"),
    path("ip-notices/<int:pk>/uphold/", views.uphold, name="uphold"),
    path("ip-notices/<int:pk>/withdraw/", views.withdraw_notice, name="withdraw_notice"),
    path("ip-notices/", views.outcomes, name="outcomes"),
]
