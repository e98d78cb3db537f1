from django.urls import path

from . import views

app_name = "listings"

urlpatterns = [
    path("", views.browse, name="browse"),
    path("new/", views.create, name="create"),
    path("mine/", views.mine, name="mine"),
    path("favourites/", views.favourites, name="favourites"),
    path("messages/", views.inbox, name="inbox"),
    path("seller/<int:user_id>/", views.seller_profile, name="seller"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/photos/", views.photos, name="photos"),
    path("<int:pk>/photos/change/", views.photo_action, name="photo_action"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/reopen/", views.reopen, name="reopen"),
    path("<int:pk>/appeal/", views.appeal, name="appeal"),
    path("<int:pk>/favourite/", views.favourite, name="favourite"),
    path("<int:pk>/report/", views.report, name="report"),
    path("<int:pk>/messages/", views.conversation, name="conversation"),
]
