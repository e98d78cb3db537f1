from django.urls import path

from . import views, webhooks

app_name = "orders"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("buy/<int:listing_pk>/", views.buy, name="buy"),
    path("swap/<int:listing_pk>/", views.propose_swap, name="propose_swap"),
    path("swaps/<int:pk>/", views.swap_action, name="swap_action"),
    path("payouts/", views.payouts, name="payouts"),
    path("stripe/webhook/", webhooks.stripe_webhook, name="stripe_webhook"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/pay/", views.pay, name="pay"),
    path("<int:pk>/act/", views.act, name="act"),
    path("<int:pk>/dispute/", views.dispute, name="dispute"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/rate/", views.rate, name="rate"),
    path("<int:pk>/messages/", views.conversation, name="conversation"),
]
