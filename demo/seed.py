"""Demo data for the embedded default: one account per role, example communities and guide pages.

Idempotent: running it again resets the demo passwords and leaves everything else as it is.
Only for development; `seed_demo` refuses to run with DEBUG off.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from appraisal.models import Agency, Appraiser
from appraisal.services import register_appraiser
from marketplace.accounts.models import Role, User
from marketplace.accounts.services import set_role, verify_identity
from marketplace.core.models import ContentPage, HomePage
from marketplace.geography.models import Community, District, Street, SupervisionOffice

from .events import seed_events
from .listings import seed_listings
from .regulation import seed_regulation
from .trades import seed_appraisal, seed_orders

# Example communities per street. Only three names in the seed migration are confirmed; these
# are plausible examples for the demo, with approximate coordinates around each street.
EXAMPLE_COMMUNITIES = {
    "长虹街道": [("长治里社区", "39.1270", "117.1690"), ("新世界社区", "39.1295", "117.1655")],
    "鼓楼街道": [("鼓楼东社区", "39.1420", "117.1760")],
    "兴南街道": [("南门外社区", "39.1330", "117.1810"), ("松竹里社区", "39.1305", "117.1780")],
    "广开街道": [("广开中社区", "39.1365", "117.1600")],
    "万兴街道": [("云居里社区", "39.1350", "117.1500")],
    "学府街道": [("南开大学社区", "39.1060", "117.1650"), ("天大社区", "39.1090", "117.1720")],
    "向阳路街道": [],
    "嘉陵道街道": [("卧龙里社区", "39.1190", "117.1330")],
    "王顶堤街道": [("碧水园社区", "39.1050", "117.1300")],
    "水上公园街道": [("水上村社区", "39.0970", "117.1580")],
    "体育中心街道": [("奥城社区", "39.0880", "117.1600")],
    "华苑街道": [("日华里社区", "39.0870", "117.1130"), ("碧华里社区", "39.0900", "117.1080")],
}

DEMO_AGENCY = {
    "name": "南开旧货鉴定评估中心（示例）",
    "credit_code": "91350100M000100Y43",
    "address": "天津市南开区（示例地址）",
    "accreditation": "GB/T 21667-2024 鉴定机构（示例）",
}
DEMO_OFFICE = "南开区市场监督管理局"
DEMO_ID_NUMBER = "120104199003070012"


@dataclass
class DemoLogin:
    role: str
    email: str
    password: str
    totp_secret: str | None = None


def demo_totp_secret(email: str) -> str:
    """A stable secret per demo account, so an authenticator app entry keeps working across reseeds."""
    digest = hashlib.sha256(f"demo-totp:{settings.SECRET_KEY}:{email}".encode()).digest()[:20]
    return base64.b32encode(digest).decode()


def _user(email: str, password: str, nickname: str, community: Community) -> User:
    user, _created = User.objects.get_or_create(email=email, defaults={"display_name": nickname})
    user.display_name = nickname
    user.community = community
    user.is_active = True
    user.set_password(password)
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _require_totp(user: User) -> str:
    secret = demo_totp_secret(user.email)
    Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
    TOTP.activate(user, secret)
    return secret


def seed_communities() -> dict[str, Street]:
    streets = {street.name: street for street in Street.objects.all()}
    for street_name, rows in EXAMPLE_COMMUNITIES.items():
        for name, lat, lon in rows:
            Community.objects.get_or_create(
                street=streets[street_name], name=name, defaults={"latitude": lat, "longitude": lon}
            )
    return streets


def seed_pages() -> None:
    home = HomePage.objects.first()
    if home is None:
        return
    guides = [
        (
            "how-swaps-work",
            "如何参加社区换物活动",
            ContentPage.Kind.GUIDE,
            "报名、带上闲置物品、现场登记换取换物券。",
            "<h2>报名</h2><p>在活动页面报名摊位或参观，名额满后可加入候补。</p>"
            "<h2>现场</h2><p>凭二维码签到；工作人员为每件物品登记、简单定级并发放换物券。</p>"
            "<h2>活动后</h2><p>街道办会公布本次活动减少的碳排放。</p>",
        ),
        (
            "prohibited-items",
            "禁止发布的物品",
            ContentPage.Kind.POLICY,
            "哪些东西不能在平台上交易，以及原因。",
            "<p>以下物品禁止发布：管制刀具与武器、爆炸物、处方药、烟草、身份证件、考试答案、活体动物，"
            "以及假冒商品和来源不明的物品（如带有单位资产标签的设备、无发票无合格证的电动车）。</p>"
            "<p>发现可疑商品，请使用商品页面上的“举报”按钮。</p>",
        ),
    ]
    for slug, title, kind, summary, body in guides:
        if not ContentPage.objects.filter(slug=slug).exists():
            home.add_child(
                instance=ContentPage(title=title, slug=slug, kind=kind, summary=summary, body=body)
            )


@transaction.atomic
def seed_demo(password: str) -> list[DemoLogin]:
    streets = seed_communities()
    seed_pages()
    xiangyang = streets["向阳路街道"]
    guanyili = Community.objects.get(street=xiangyang, name="官易里社区")
    yueshengli = Community.objects.get(street=xiangyang, name="跃升里社区")
    chunchangli = Community.objects.get(street=streets["鼓楼街道"], name="春畅里社区")
    district = District.objects.get(code="120104")
    office, _ = SupervisionOffice.objects.get_or_create(name=DEMO_OFFICE, defaults={"district": district})
    agency, _ = Agency.objects.get_or_create(credit_code=DEMO_AGENCY["credit_code"], defaults=DEMO_AGENCY)

    logins: list[DemoLogin] = []

    seller = _user("seller@demo.nankai", password, "跃升里小王", yueshengli)
    set_role(seller, Role.RESIDENT)
    if not seller.identity_verifications.valid_at(timezone.now()).exists():
        verify_identity(seller, real_name="王小明", id_number=DEMO_ID_NUMBER)
    logins.append(DemoLogin("resident (verified seller)", seller.email, password))

    buyer = _user("resident@demo.nankai", password, "官易里李阿姨", guanyili)
    set_role(buyer, Role.RESIDENT)
    logins.append(DemoLogin("resident", buyer.email, password))

    staff = _user("street@demo.nankai", password, "向阳路街道办", guanyili)
    set_role(staff, Role.STREET_STAFF, street=xiangyang)
    logins.append(DemoLogin("street-office staff (向阳路街道)", staff.email, password))

    appraiser_user = _user("appraiser@demo.nankai", password, "鉴定师赵工", chunchangli)
    if not Appraiser.objects.filter(user=appraiser_user).exists():
        register_appraiser(
            appraiser_user,
            agency=agency,
            certificate_number="JD-120104-0001",
            active_from=timezone.localdate() - dt.timedelta(days=365),
        )
    logins.append(DemoLogin("appraiser", appraiser_user.email, password, _require_totp(appraiser_user)))

    regulator = _user("regulator@demo.nankai", password, "市场监管局", chunchangli)
    set_role(regulator, Role.REGULATOR, supervision_office=office)
    logins.append(DemoLogin("regulator", regulator.email, password, _require_totp(regulator)))

    platform = _user("staff@demo.nankai", password, "平台运营", chunchangli)
    set_role(platform, Role.PLATFORM_STAFF)
    logins.append(DemoLogin("platform staff", platform.email, password, _require_totp(platform)))

    seed_listings(password, seller)
    seed_orders(buyer)
    seed_appraisal(appraiser_user)
    neighbours = list(User.objects.filter(email__startswith="neighbour").order_by("pk"))
    seed_events(staff, [seller, buyer, *neighbours])
    key = seed_regulation(platform, office)
    logins.append(DemoLogin("bureau feed API key", key, ""))
    return logins
