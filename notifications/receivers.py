"""What the apps below tell, turned into inbox entries for the people concerned.

Model saves are received where the app has no signal of its own; every receiver runs in the
transaction of the change, so the entry commits or rolls back with it.
"""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import reverse

from appraisal.models import AppraisalCase, AppraisalCaseStatusChange
from appraisal.signals import report_issued
from community_events.models import Registration
from community_events.signals import registration_notice
from listings.models import Message
from orders.models import Order, OrderStatusChange, SwapAgreement
from regulation.models import Flag, FlagEvent, IPNotice
from regulation.signals import counter_declared
from search.signals import digest_ready

from .services import notify

# Decisions the seller is told of. A referral to public security is not: telling the suspect would
# warn them; "no violation" closes a flag the seller may never have known of.
TOLD_DECISIONS = {
    Flag.Decision.TAKEDOWN: "flag_takedown",
    Flag.Decision.WARN: "flag_warn",
    Flag.Decision.REQUEST_IDENTITY: "flag_identity",
}


def _listing_url(listing_id: int) -> str:
    return reverse("listings:detail", args=[listing_id])


@receiver(post_save, sender=OrderStatusChange, dispatch_uid="notify_order_change")
def order_changed(sender, instance: OrderStatusChange, created: bool, raw: bool = False, **kwargs):
    if not created or raw:
        return
    order = Order.objects.select_related("buyer", "seller").get(pk=instance.order_id)
    params = {"item": order.item_title, "reference": order.reference, "status": instance.new_status}
    url = reverse("orders:detail", args=[order.pk])
    if not instance.old_status:
        notify(order.seller, message="order_placed", params=params, url=url)
        return
    # Both parties hear of a change, except the one who made it; a change by staff or by a
    # payment webhook (no actor, or a third person) reaches both.
    for person in (order.buyer, order.seller):
        if person.pk != instance.actor_id:
            notify(person, message="order_status", params=params, url=url)


@receiver(post_save, sender=Message, dispatch_uid="notify_message")
def message_sent(sender, instance: Message, created: bool, raw: bool = False, **kwargs):
    if not created or raw:
        return
    conversation = instance.conversation
    listing = conversation.listing
    to_seller = instance.sender_id == conversation.buyer_id
    recipient = listing.seller if to_seller else conversation.buyer
    url = reverse("listings:conversation", args=[listing.pk])
    if to_seller:
        url += f"?buyer={conversation.buyer_id}"
    notify(
        recipient,
        message="message",
        params={"item": listing.title, "sender": instance.sender.public_name},
        url=url,
        group=f"conversation:{conversation.pk}",
    )


@receiver(post_save, sender=SwapAgreement, dispatch_uid="notify_swap")
def swap_changed(sender, instance: SwapAgreement, created: bool, raw: bool = False, **kwargs):
    if raw:
        return
    params = {"item": instance.listing.title, "offer": instance.offer, "status": instance.status}
    url = reverse("orders:mine")
    update_fields = kwargs.get("update_fields") or ()
    if created:
        notify(instance.listing.seller, message="swap_offer", params=params, url=url)
    elif "status" in update_fields and instance.status in (
        SwapAgreement.Status.ACCEPTED,
        SwapAgreement.Status.DECLINED,
    ):
        notify(instance.proposer, message="swap_decided", params=params, url=url)


@receiver(post_save, sender=AppraisalCaseStatusChange, dispatch_uid="notify_appraisal_step")
def appraisal_step(sender, instance: AppraisalCaseStatusChange, created: bool, raw: bool = False, **kw):
    accepted = instance.old_status == AppraisalCase.Status.REQUESTED
    if not created or raw or not accepted or instance.new_status != AppraisalCase.Status.ASSIGNED:
        return
    case = instance.case
    notify(
        case.owner,
        message="appraisal_accepted",
        params={"item": case.item_name, "status": instance.new_status},
        url=_listing_url(case.listing_id) if case.listing_id else "",
    )


@receiver(report_issued, dispatch_uid="notify_report_issued")
def appraisal_report_issued(sender, report, **kwargs):
    case = report.case
    notify(
        case.owner,
        message="appraisal_issued",
        params={"item": case.item_name, "number": report.number},
        url=reverse("appraisal:verify", args=[report.number]),
    )


@receiver(post_save, sender=FlagEvent, dispatch_uid="notify_flag_decision")
def flag_decided(sender, instance: FlagEvent, created: bool, raw: bool = False, **kwargs):
    if not created or raw or not instance.action.startswith("decided:"):
        return
    message = TOLD_DECISIONS.get(instance.action.removeprefix("decided:"))
    if message is None:
        return
    listing = instance.flag.listing
    notify(
        listing.seller,
        message=message,
        params={"item": listing.title, "reason": instance.note},
        url=_listing_url(listing.pk),
    )


@receiver(post_save, sender=IPNotice, dispatch_uid="notify_ip_notice")
def ip_notice_filed(sender, instance: IPNotice, created: bool, raw: bool = False, **kwargs):
    if not created or raw:
        return
    listing = instance.listing
    notify(
        listing.seller,
        message="ip_notice",
        params={"item": listing.title, "right": instance.right},
        url=_listing_url(listing.pk),
    )


@receiver(counter_declared, dispatch_uid="notify_ip_counter")
def ip_counter_declared(sender, notice: IPNotice, **kwargs):
    holder = notice.rights_holder
    notify(
        holder.user,
        message="ip_counter",
        params={"item": notice.listing.title, "statement": notice.counter_statement},
        url=reverse("regulation:outcomes"),
        # The law's delivery goes to the contact address the rights holder registered.
        email_to=holder.contact_email,
    )


EVENT_MESSAGES = {
    Registration.Status.CONFIRMED: "event_confirmed",
    Registration.Status.WAITLISTED: "event_waitlisted",
    Registration.Status.OFFERED: "event_offered",
}


@receiver(registration_notice, dispatch_uid="notify_registration")
def registration_changed(sender, registration: Registration, reminder: bool = False, **kwargs):
    message = "event_reminder" if reminder else EVENT_MESSAGES.get(registration.status)
    if message is None:
        return
    event = registration.event
    offered_until = registration.offered_until
    notify(
        registration.user,
        message=message,
        params={
            "event": event.title,
            "code": registration.ticket_code,
            "venue": event.venue,
            "starts": event.starts_at.isoformat(),
            "deadline": offered_until.isoformat() if offered_until else "",
        },
        url=reverse("community_events:ticket", args=[registration.ticket_code]),
    )


@receiver(digest_ready, dispatch_uid="notify_saved_search")
def saved_search_matched(sender, saved, listings, **kwargs):
    notify(
        saved.user,
        message="saved_search",
        params={"name": saved.name, "titles": [listing.title for listing in listings]},
        url=reverse("search:saved"),
    )
