import stripe
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from listings import services as listing_services
from listings.errors import ListingError
from listings.models import Conversation, Listing
from listings.permissions import can_view_listing

from . import gateway, services
from .errors import OrderError
from .forms import AnswerForm, BuyForm, DisputeForm, RatingForm, SwapForm
from .models import OPEN_STATUSES, Order, PayoutAccount, SwapAgreement
from .permissions import can_view_order


def _order_for(request, pk: int) -> Order:
    order = get_object_or_404(Order.objects.select_related("listing", "buyer", "seller"), pk=pk)
    if not can_view_order(request.user, order):
        raise Http404
    return order


def _kinds_for(listing: Listing) -> list[str]:
    if listing.trade_mode == "give":
        return [Order.Kind.GIFT]
    kinds = [Order.Kind.MEETUP]
    if gateway.enabled():
        kinds.insert(0, Order.Kind.ONLINE)
    return kinds


@login_required
def buy(request, listing_pk: int):
    listing = get_object_or_404(Listing.objects.select_related("seller", "community__street"), pk=listing_pk)
    if not can_view_listing(request.user, listing):
        raise Http404
    if listing.trade_mode == "swap":
        return redirect("orders:propose_swap", listing_pk=listing.pk)
    form = BuyForm(request.POST or None, kinds=_kinds_for(listing))
    if request.method == "POST" and form.is_valid():
        try:
            order = services.place_order(listing, buyer=request.user, kind=form.cleaned_data["kind"])
        except OrderError as exc:
            messages.error(request, exc.message)
            return redirect("listings:detail", pk=listing.pk)
        if order.kind == Order.Kind.ONLINE:
            return _checkout(request, order)
        messages.success(request, _("Agreed. Arrange the meet-up with the seller in messages."))
        return redirect("orders:detail", pk=order.pk)
    return render(
        request,
        "orders/buy.html",
        {"listing": listing, "form": form, "payments_enabled": gateway.enabled()},
    )


def _checkout(request, order: Order):
    try:
        url = services.start_checkout(
            order,
            actor=request.user,
            success_url=request.build_absolute_uri(reverse("orders:detail", args=[order.pk])) + "?paid=1",
            cancel_url=request.build_absolute_uri(reverse("orders:detail", args=[order.pk])),
        )
    except (OrderError, stripe.StripeError) as exc:
        messages.error(
            request, getattr(exc, "message", None) or _("The payment service did not answer; try again.")
        )
        return redirect("orders:detail", pk=order.pk)
    return redirect(url)


@login_required
@require_POST
def pay(request, pk: int):
    return _checkout(request, _order_for(request, pk))


@login_required
def detail(request, pk: int):
    order = _order_for(request, pk)
    user = request.user
    dispute = getattr(order, "dispute", None)
    is_party = user.pk in (order.buyer_id, order.seller_id)
    return render(
        request,
        "orders/detail.html",
        {
            "order": order,
            "is_buyer": user.pk == order.buyer_id,
            "is_seller": user.pk == order.seller_id,
            "payment": getattr(order, "payment", None),
            "dispute": dispute,
            "history": order.status_changes.all(),
            "rated": order.ratings.filter(rater=user).exists(),
            "rating_form": RatingForm(),
            "answer_form": AnswerForm(),
            # While the deal is open the thread is opened on first use; afterwards only if it exists.
            "can_message": is_party
            and (
                order.status in OPEN_STATUSES
                or Conversation.objects.filter(listing_id=order.listing_id, buyer_id=order.buyer_id).exists()
            ),
        },
    )


@login_required
def conversation(request, pk: int):
    """The buyer's and the seller's thread about the order's listing, opened if there is none yet."""
    order = _order_for(request, pk)
    if request.user.pk not in (order.buyer_id, order.seller_id):
        raise Http404  # staff may read an order, but the conversation is the two residents' own
    if not Conversation.objects.filter(listing_id=order.listing_id, buyer_id=order.buyer_id).exists():
        try:
            listing_services.open_conversation(order.listing, buyer=order.buyer)
        except ListingError as exc:
            messages.error(request, exc.message)
            return redirect("orders:detail", pk=pk)
    url = reverse("listings:conversation", args=[order.listing_id])
    return redirect(url + (f"?buyer={order.buyer_id}" if request.user.pk == order.seller_id else ""))


ACTIONS = {
    "cancel": lambda order, user, post: services.cancel_order(
        order, actor=user, reason=post.get("reason", "")
    ),
    "hand_over": lambda order, user, post: services.mark_handed_over(
        order, actor=user, note=post.get("note", "")
    ),
    "confirm": lambda order, user, post: services.confirm_receipt(order, actor=user),
}


@login_required
@require_POST
def act(request, pk: int):
    order = _order_for(request, pk)
    action = ACTIONS.get(request.POST.get("action"))
    if action is None:
        raise Http404
    try:
        action(order, request.user, request.POST)
    except OrderError as exc:
        messages.error(request, exc.message)
    except stripe.StripeError:
        messages.error(request, _("The payment service did not answer; we will retry automatically."))
    return redirect("orders:detail", pk=pk)


@login_required
def mine(request):
    user = request.user
    return render(
        request,
        "orders/mine.html",
        {
            "purchases": user.purchases.select_related("seller"),
            "sales": user.sales.select_related("buyer"),
            "swaps": SwapAgreement.objects.filter(proposer=user).select_related("listing")
            | SwapAgreement.objects.filter(listing__seller=user).select_related("listing"),
        },
    )


@login_required
def dispute(request, pk: int):
    order = _order_for(request, pk)
    if order.buyer_id != request.user.pk:
        raise PermissionDenied
    form = DisputeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        files = form.cleaned_data["photos"]
        try:
            services.open_dispute(
                order,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                description=form.cleaned_data["description"],
                photos=[f.read() for f in files],
            )
        except OrderError as exc:
            form.add_error("photos" if exc.code == "photo_rejected" else None, exc.message)
        else:
            if order.kind == Order.Kind.ONLINE:
                messages.success(request, _("Dispute opened. The payment stays held until it is decided."))
            else:
                messages.success(request, _("Dispute opened. The seller can answer, then our team decides."))
            return redirect("orders:detail", pk=pk)
    return render(request, "orders/dispute.html", {"order": order, "form": form})


@login_required
@require_POST
def answer(request, pk: int):
    order = _order_for(request, pk)
    form = AnswerForm(request.POST)
    if form.is_valid() and hasattr(order, "dispute"):
        try:
            services.answer_dispute(order.dispute, actor=request.user, response=form.cleaned_data["response"])
        except OrderError as exc:
            messages.error(request, exc.message)
    return redirect("orders:detail", pk=pk)


@login_required
@require_POST
def rate(request, pk: int):
    order = _order_for(request, pk)
    form = RatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose 1 to 5 stars."))
    else:
        try:
            services.rate(order, rater=request.user, **form.cleaned_data)
        except OrderError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Thanks for rating."))
    return redirect("orders:detail", pk=pk)


@login_required
def propose_swap(request, listing_pk: int):
    listing = get_object_or_404(Listing, pk=listing_pk)
    if not can_view_listing(request.user, listing):
        raise Http404
    form = SwapForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.propose_swap(listing, proposer=request.user, offer=form.cleaned_data["offer"])
        except OrderError as exc:
            form.add_error("offer", exc.message)
        else:
            messages.success(request, _("Offer sent to the owner."))
            return redirect("orders:mine")
    return render(request, "orders/swap.html", {"listing": listing, "form": form})


@login_required
@require_POST
def swap_action(request, pk: int):
    agreement = get_object_or_404(SwapAgreement.objects.select_related("listing"), pk=pk)
    if request.user.pk not in (agreement.proposer_id, agreement.listing.seller_id):
        raise Http404
    actions = {"accept": services.accept_swap, "complete": services.complete_swap}
    action = actions.get(request.POST.get("action"))
    if action is None:
        raise Http404
    try:
        action(agreement, actor=request.user)
    except OrderError as exc:
        messages.error(request, exc.message)
    return redirect("orders:mine")


@login_required
def payouts(request):
    """Where the seller's share of online payments is paid out; POST starts (or continues) Stripe
    Connect onboarding."""
    if request.method != "POST" or not gateway.enabled():
        return render(
            request,
            "orders/payouts.html",
            {
                "payments_enabled": gateway.enabled(),
                "account": PayoutAccount.objects.filter(user=request.user).first(),
            },
        )
    back = request.build_absolute_uri(reverse("orders:payouts"))
    try:
        account = services.payout_account_for(request.user)
        return redirect(gateway.onboarding_link(account.stripe_account_id, return_url=back, refresh_url=back))
    except stripe.StripeError:
        messages.error(request, _("The payment service did not answer; try again."))
        return redirect("orders:payouts")
