"""Demo data for the regulator side: a verified rights holder with a notice in its 15-day window, a
bureau API client (its key printed with the demo logins), and a signed tree head."""

from __future__ import annotations

from django.db import transaction

from listings.models import Listing
from marketplace.accounts.models import User
from marketplace.geography.models import SupervisionOffice
from regulation import audit, services
from regulation.models import IPNotice, RegulatorClient

DEMO_KEY = "nkr_demo_bureau_key_for_local_use_only_0000"


def seed_regulation(platform: User, office: SupervisionOffice) -> str:
    """Returns the demo bureau API key."""
    if not IPNotice.objects.exists():
        owner, _created = User.objects.get_or_create(
            email="brand@demo.nankai", defaults={"display_name": "品牌法务"}
        )
        holder = services.register_rights_holder(
            owner,
            organisation="示例品牌（天津）有限公司",
            credit_code="91350100M000100Y43",
            contact_email="brand@demo.nankai",
        )
        services.verify_rights_holder(holder, actor=platform)
        bag = (
            Listing.objects.filter(status=Listing.Status.PUBLISHED, category__slug="luxury")
            .order_by("pk")
            .first()
        )
        if bag is not None:
            notice = services.file_notice(
                holder,
                listing=bag,
                right="注册商标第 1234567 号（示例）",
                evidence="商标注册证及正品比对照片（示例）",
            )
            services.counter_declare(notice, actor=bag.seller, statement="专柜购入，附购物小票（示例）")
    if not RegulatorClient.objects.filter(name="南开区市场监管局（示例）").exists():
        with transaction.atomic():
            RegulatorClient.objects.create(
                name="南开区市场监管局（示例）",
                office=office,
                key_prefix=DEMO_KEY[:12],
                key_hash=RegulatorClient.hash_key(DEMO_KEY),
                scopes=["feed:read"],
            )
    audit.publish_tree_head()
    return DEMO_KEY
