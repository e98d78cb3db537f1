"""Demo swap events: one held two weeks ago (check-ins, swaps, leftovers, so its impact report has
figures) and one next month open for registration. Everything goes through the event services."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from community_events import services
from community_events.models import EventIndexPage, SwapEventPage
from listings.models import Category
from marketplace.accounts.models import User

PAST_ITEMS = [
    ("儿童绘本一套", "books", 3),
    ("蓝牙音箱", "electronics", 4),
    ("毛衣", "clothing", 2),
    ("台灯", "furniture", 3),
    ("旧手机", "phones", 5),
    ("自行车头盔", "sports", 2),
    ("羽绒服", "clothing", 4),
    ("小说三本", "books", 1),
]


def _event(index, staff: User, *, title: str, slug: str, starts: dt.datetime, stalls: int, visitors: int):
    event = SwapEventPage(
        title=title,
        slug=slug,
        street=staff.street,
        venue="官易里社区党群服务中心",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=3),
        stall_capacity=stalls,
        visitor_capacity=visitors,
        description="<p>带上家里的闲置物品，现场登记换取换物券；也欢迎免费赠送。禁止发布的物品请勿带来。</p>",
    )
    index.add_child(instance=event)
    event.accepted_categories.set(
        Category.objects.filter(parent=None).exclude(slug__in=["vehicles", "luxury"])
    )
    event.save_revision().publish()
    return SwapEventPage.objects.get(pk=event.pk)


def seed_events(staff: User, residents: list[User]) -> None:
    index = EventIndexPage.objects.first()
    if index is None or SwapEventPage.objects.exists():
        return
    now = timezone.now()
    past = _event(
        index,
        staff,
        title="十一月邻里换物市集",
        slug="november-swap",
        starts=now + dt.timedelta(hours=2),
        stalls=10,
        visitors=60,
    )
    registrations = [services.register(past, user=user, kind="stall") for user in residents[:4]]
    registrations += [
        services.register(past, user=user, kind="visitor", party_size=2) for user in residents[4:8]
    ]
    for registration in registrations:
        services.check_in(past, code=registration.ticket_code, actor=staff, device="demo-door")
    items = []
    for n, (title, slug, tokens) in enumerate(PAST_ITEMS):
        owner = residents[n % 4]
        item = services.pledge(past, owner=owner, title=title, category=Category.objects.get(slug=slug))
        items.append(services.intake(item, actor=staff, quick_grade="90", token_value=tokens))
    for n, item in enumerate(items[:6]):
        receiver = residents[4 + n % 4]
        services.record_swap(item, actor=staff, kind="swap" if n % 3 else "giveaway", receiver=receiver)
    services.close_leftovers(past, actor=staff, outcomes={items[6].pk: "donated", items[7].pk: "taken_back"})
    # The market happened two weeks ago.
    SwapEventPage.objects.filter(pk=past.pk).update(
        starts_at=now - dt.timedelta(days=14), ends_at=now - dt.timedelta(days=14) + dt.timedelta(hours=3)
    )
    upcoming = _event(
        index,
        staff,
        title="十二月邻里换物市集",
        slug="december-swap",
        starts=(now + dt.timedelta(days=21)).replace(hour=9, minute=0, second=0, microsecond=0),
        stalls=20,
        visitors=120,
    )
    services.register(upcoming, user=residents[0], kind="stall")
