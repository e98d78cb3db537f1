"""Demo trades: a finished meet-up deal with ratings, and a signed appraisal report."""

from __future__ import annotations

from decimal import Decimal

from appraisal import services as appraisal
from appraisal.models import AppraisalCase
from listings.models import Category, Listing
from marketplace.accounts.models import User
from orders import services as orders

from .listings import demo_photo


def seed_orders(buyer: User) -> None:
    """One finished meet-up deal with ratings both ways, so profiles and order pages have history."""
    if buyer.purchases.exists():
        return
    listing = (
        Listing.objects.filter(
            status=Listing.Status.PUBLISHED, trade_mode="sell", seller__email__endswith="@demo.nankai"
        )
        .exclude(seller=buyer)
        .order_by("pk")
        .first()
    )
    if listing is None:
        return
    order = orders.place_order(listing, buyer=buyer, kind="meetup")
    orders.mark_handed_over(order, actor=listing.seller, note="小区南门，当面验货")
    order = orders.confirm_receipt(order, actor=buyer)
    orders.rate(order, rater=buyer, score=5, comment="东西和描述一致，卖家很热心")
    orders.rate(order, rater=listing.seller, score=5, comment="买家准时，沟通顺畅")


def seed_appraisal(appraiser_user: User) -> None:
    """One issued, signed report on a demo phone, and one case waiting for an appraiser."""
    record = appraiser_user.appraiser
    record.specialities.add(*Category.objects.filter(parent=None))
    if AppraisalCase.objects.exists():
        return
    phones = Listing.objects.filter(status=Listing.Status.PUBLISHED, category__slug="phones").order_by("pk")
    phone = phones.exclude(seller=appraiser_user).first()
    if phone is None:
        return
    case = appraisal.request_appraisal(phone.seller, listing=phone)
    appraisal.assign_case(case, appraiser=record, actor=appraiser_user)
    case.refresh_from_db()
    for item in case.template.items.all():
        photo = demo_photo(item.label, "鉴定证据", seed=900 + item.position) if item.photo_required else None
        if item.kind == "pass_fail":
            appraisal.record_result(case, actor=appraiser_user, item_code=item.code, passed=True, photo=photo)
        elif item.kind == "score":
            full = item.code != "body"
            appraisal.record_result(
                case,
                actor=appraiser_user,
                item_code=item.code,
                score=item.max_score if full else item.max_score - 1,
                defect_code="" if full else "P04",
                photo=photo or demo_photo(item.label, "外壳磕碰", seed=950),
            )
        elif item.kind == "photo":
            appraisal.record_result(case, actor=appraiser_user, item_code=item.code, photo=photo)
        else:
            appraisal.record_result(case, actor=appraiser_user, item_code=item.code, measurement="88")
    case = appraisal.grade_case(case, actor=appraiser_user)
    attributes = phone.attributes or {}
    case = appraisal.value_case(
        case,
        actor=appraiser_user,
        replacement_cost=Decimal("5999"),
        used_months=14,
        life_months=48,
        condition=phone.condition,
        brand=attributes.get("brand", ""),
        model=attributes.get("model", ""),
        liquidation_discount=Decimal("0.7"),
    )
    appraisal.issue_report(case, actor=appraiser_user)
    waiting = phones.exclude(pk=phone.pk).exclude(seller=appraiser_user).first()
    if waiting is not None:
        appraisal.request_appraisal(waiting.seller, listing=waiting)
