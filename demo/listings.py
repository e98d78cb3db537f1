"""Demo listings: about sixty realistic items across categories and streets, with generated photos.

Every listing goes through the same services as a resident's would (draft → photos → risk rules →
published or held), so the demo also fills the moderation queue with a few held items.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from decimal import Decimal
from pathlib import Path

from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from listings import services
from listings.errors import ListingError
from listings.models import Category, Listing
from marketplace.accounts.models import User
from marketplace.accounts.services import verify_identity
from marketplace.geography.models import Community

CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")

# (category slug, title, description, condition, trade mode, price, attributes)
ITEMS = [
    (
        "phones",
        "iPhone 13 128G 午夜色",
        "自用一手，电池健康 86%，无拆修，配原装盒子。",
        "95",
        "sell",
        "2350",
        {"brand": "Apple", "model": "iPhone 13", "storage": "128G", "battery_health": "86"},
    ),
    (
        "phones",
        "华为 Mate 40 Pro 8+256",
        "屏幕完美，后壳有细微使用痕迹，功能全好。",
        "90",
        "sell",
        "1680",
        {"brand": "华为", "model": "Mate 40 Pro", "storage": "256G"},
    ),
    (
        "phones",
        "小米 12S 12+256",
        "换新机闲置，已恢复出厂设置，送手机壳。",
        "95",
        "sell",
        "1450",
        {"brand": "小米", "model": "12S", "storage": "256G"},
    ),
    (
        "phones",
        "OPPO Reno8 备用机",
        "给老人用过半年，字体已调大，可当面验机。",
        "90",
        "sell",
        "980",
        {"brand": "OPPO", "model": "Reno8"},
    ),
    (
        "tablets",
        "iPad 第九代 64G",
        "孩子上网课用，带保护套和钢化膜。",
        "90",
        "sell",
        "1200",
        {"brand": "Apple", "model": "iPad 9"},
    ),
    (
        "tablets",
        "华为 MatePad 11",
        "学习机用，屏幕无划痕，附手写笔。",
        "95",
        "sell",
        "1350",
        {"brand": "华为", "model": "MatePad 11"},
    ),
    (
        "cameras",
        "佳能 M50 套机",
        "拍娃神器，快门数不到五千，送 64G 卡。",
        "95",
        "sell",
        "2800",
        {"brand": "Canon", "model": "EOS M50"},
    ),
    (
        "computers",
        "ThinkPad X1 Carbon 2020",
        "i7/16G/512G，键盘手感好，电池略衰。",
        "90",
        "sell",
        "3600",
        {"brand": "Lenovo", "model": "X1 Carbon"},
    ),
    (
        "computers",
        "MacBook Air M1 8+256",
        "考研结束闲置，循环次数 120，无磕碰。",
        "95",
        "sell",
        "3900",
        {"brand": "Apple", "model": "MacBook Air M1"},
    ),
    (
        "computers",
        "戴尔 27 寸显示器",
        "2K 分辨率，无坏点，带原装底座。",
        "90",
        "sell",
        "680",
        {"brand": "Dell", "model": "U2720Q"},
    ),
    (
        "computers",
        "罗技机械键盘",
        "青轴，换了静音键盘所以出。",
        "90",
        "sell",
        "160",
        {"brand": "Logitech", "model": "G610"},
    ),
    (
        "appliances",
        "美的 1.5 匹空调挂机",
        "搬家出，需自己拆装，制冷制热正常。",
        "80",
        "sell",
        "650",
        {"brand": "美的", "model": "KFR-35GW"},
    ),
    (
        "appliances",
        "小天鹅滚筒洗衣机 8 公斤",
        "用了三年，无异响，自提。",
        "80",
        "sell",
        "700",
        {"brand": "小天鹅", "model": "TG80"},
    ),
    ("appliances", "格兰仕微波炉", "功能正常，外观有使用痕迹。", "80", "sell", "120", {"brand": "格兰仕"}),
    ("appliances", "九阳豆浆机", "买来用过几次，闲置。", "95", "sell", "90", {"brand": "九阳"}),
    (
        "appliances",
        "海尔双门冰箱",
        "一直正常制冷，送给有需要的邻居，需自己搬。",
        "70",
        "give",
        None,
        {"brand": "海尔"},
    ),
    ("furniture", "实木书桌 1.2 米", "橡木材质，桌面有轻微划痕，抽屉顺滑。", "90", "sell", "300", {}),
    ("furniture", "宜家毕利书架", "白色五层，拆装过一次，配件齐全。", "90", "sell", "150", {}),
    ("furniture", "三人布艺沙发", "灰色，可拆洗，换大沙发所以出，需自提。", "80", "sell", "400", {}),
    ("furniture", "儿童学习椅", "可升降，孩子长大用不上了。", "90", "swap", None, {}),
    ("furniture", "折叠餐桌", "四人位，收起来不占地方。", "90", "sell", "120", {}),
    ("furniture", "床头柜两个", "胡桃色，一对一起出。", "80", "give", None, {}),
    (
        "clothing",
        "羽绒服 女款 M 码",
        "穿过一季，干洗过，很暖和。",
        "90",
        "sell",
        "180",
        {"brand": "波司登", "size": "M"},
    ),
    ("clothing", "男士西装一套", "面试穿过两次，175/92A。", "95", "sell", "260", {"size": "175/92A"}),
    ("clothing", "儿童运动鞋 32 码", "孩子脚长得快，只穿了一个月。", "95", "swap", None, {"size": "32"}),
    ("clothing", "毛呢大衣 驼色", "版型很好，袖口略起球。", "80", "sell", "150", {"size": "L"}),
    ("books", "考研数学全套资料", "李永乐复习全书加真题，有少量笔记。", "80", "sell", "60", {}),
    ("books", "儿童绘本 20 本", "小猪佩奇、好饿的毛毛虫等，送给需要的家庭。", "80", "give", None, {}),
    ("books", "金庸全集 三联版", "品相好，收藏多年，整套出。", "90", "sell", "480", {}),
    ("books", "Python 编程入门书", "换点别的书看看，可交换。", "90", "swap", None, {}),
    ("books", "初中英语教辅", "七到九年级，部分做过。", "70", "give", None, {}),
    ("baby", "好孩子婴儿推车", "可坐可躺，一键收车，轮子有磨损。", "80", "sell", "200", {}),
    ("baby", "儿童安全座椅", "9 个月到 12 岁可用，无事故。", "90", "sell", "350", {}),
    ("baby", "宝宝玩具一箱", "积木、摇铃、布书，消毒过。", "80", "give", None, {}),
    ("baby", "婴儿床 带床垫", "实木，可改成儿童床。", "90", "sell", "300", {}),
    ("bicycles", "捷安特山地车 26 寸", "变速正常，刚换过刹车片。", "80", "sell", "600", {"brand": "捷安特"}),
    ("bicycles", "儿童自行车 16 寸", "带辅助轮，孩子已换大车。", "80", "sell", "100", {}),
    (
        "ebikes",
        "雅迪电动车 新国标",
        "有合格证和购车发票，电池一年。",
        "90",
        "sell",
        "1200",
        {"brand": "雅迪", "certificate": "HG2023-0012345"},
    ),
    ("sports", "瑜伽垫加瑜伽砖", "用过几次，加厚款。", "95", "sell", "40", {}),
    ("sports", "羽毛球拍一对", "尤尼克斯，送一筒球。", "90", "sell", "220", {}),
    ("sports", "哑铃 10 公斤一对", "包胶款，不伤地板。", "90", "sell", "120", {}),
    ("sports", "帐篷 四人", "露营用过三次，配件齐全。", "90", "swap", None, {}),
    (
        "luxury",
        "Coach 托特包",
        "专柜购入，有购物小票，边角轻微磨损。",
        "90",
        "sell",
        "900",
        {"brand": "Coach"},
    ),
    (
        "luxury",
        "天梭机械表",
        "附保卡和发票，走时准。",
        "95",
        "sell",
        "2400",
        {"brand": "Tissot", "model": "力洛克"},
    ),
    ("other", "多肉植物一盆", "自己养的，送给喜欢的邻居。", "like_new", "give", None, {}),
    ("other", "收纳箱 6 个", "搬家剩下的，干净。", "90", "give", None, {}),
    ("other", "吉他 民谣", "入门款，送琴包和变调夹。", "90", "sell", "300", {}),
    ("other", "电子琴 61 键", "孩子学琴换了钢琴。", "90", "sell", "350", {}),
    ("other", "茶具一套", "朋友送的，没用过。", "like_new", "sell", "150", {}),
    ("other", "旅行箱 24 寸", "万向轮顺滑，拉杆正常。", "80", "sell", "150", {}),
    ("furniture", "落地灯", "暖光，可调亮度。", "90", "sell", "60", {}),
    (
        "appliances",
        "戴森吹风机",
        "正品，可当面验，附发票。",
        "95",
        "sell",
        "1600",
        {"brand": "Dyson", "model": "HD08"},
    ),
    (
        "phones",
        "荣耀 X40 老人机",
        "屏幕大字体清楚，功能正常。",
        "90",
        "sell",
        "700",
        {"brand": "荣耀", "model": "X40"},
    ),
    ("books", "高中物理竞赛书", "几本经典教材，可交换数学书。", "80", "swap", None, {}),
    ("clothing", "校服 两套", "南开区某中学校服，160 码。", "80", "give", None, {"size": "160"}),
    ("bicycles", "折叠自行车", "20 寸，放后备箱正好。", "90", "sell", "380", {}),
    # A few that the risk rules hold, so the moderation queue has work in the demo.
    ("luxury", "大牌同款 包包", "高仿 1:1 做工，和专柜一样。", "like_new", "sell", "380", {}),
    (
        "phones",
        "iPhone 14 Pro 便宜出",
        "有锁机，急出，加微信详聊。",
        "99",
        "sell",
        "1800",
        {"brand": "Apple", "model": "iPhone 14 Pro"},
    ),
    ("computers", "笔记本电脑 公司资产", "带资产标签，能开机。", "80", "sell", "900", {}),
    ("other", "防身用品", "弹簧刀 匕首 都有", "90", "sell", "80", {}),
]

PALETTE = [
    (232, 93, 4),
    (14, 116, 144),
    (22, 163, 74),
    (147, 51, 234),
    (202, 138, 4),
    (190, 18, 60),
    (71, 85, 105),
]


def demo_photo(title: str, category_label: str, seed: int) -> bytes:
    """A 1200×900 JPEG that reads as a product shot: a backdrop, objects laid out at random, the name.

    Layouts differ enough between seeds that perceptual hashes do not take them for the same photo.
    """
    rng = random.Random(seed)
    colour = PALETTE[seed % len(PALETTE)]
    image = Image.new("RGB", (1200, 900), tuple(rng.randint(170, 250) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(5, 9)):
        x, y = rng.randint(0, 1000), rng.randint(0, 700)
        w, h = rng.randint(80, 500), rng.randint(80, 400)
        fill = tuple(rng.randint(0, 255) for _ in range(3))
        if rng.random() < 0.5:
            draw.rounded_rectangle([x, y, x + w, y + h], radius=rng.randint(0, 40), fill=fill)
        else:
            draw.ellipse([x, y, x + w, y + h], fill=fill)
    draw.rounded_rectangle([400, 250, 800, 650], radius=30, fill=colour, outline=(30, 30, 30), width=6)
    if CJK_FONT.exists():
        font = ImageFont.truetype(str(CJK_FONT), 56)
        small = ImageFont.truetype(str(CJK_FONT), 36)
        draw.rectangle([0, 740, 1200, 900], fill=(255, 255, 255))
        draw.text((60, 770), title[:18], fill=(20, 20, 20), font=font)
        draw.text((60, 40), category_label, fill=(20, 20, 20), font=small)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


def demo_imei(seed: int) -> str:
    from stdnum import luhn

    body = f"35{seed:012d}"
    return body + luhn.calc_check_digit(body)


def _demo_id_number(index: int) -> str:
    """A checksum-valid test ID number for demo residents (Nankai area code, 1985 births)."""
    from stdnum.cn import ric

    body = f"1201041985{(index % 12) + 1:02d}{(index % 27) + 1:02d}{100 + index:03d}"
    return body + ric.calc_check_digit(body + "0")


def demo_sellers(password: str, seller: User) -> list[User]:
    """The verified demo seller plus one resident per example community, spread over the streets."""
    sellers = [seller]
    communities = list(Community.objects.with_street())
    for index, community in enumerate(communities[:10], start=1):
        user, created = User.objects.get_or_create(
            email=f"neighbour{index}@demo.nankai",
            defaults={"display_name": f"{community.name[:3]}邻居{index}"},
        )
        user.community = community
        user.date_joined = timezone.now() - dt.timedelta(days=120)
        user.set_password(password)
        user.save()
        if not user.identity_verifications.current().exists():
            verify_identity(user, real_name=f"邻居{index}", id_number=_demo_id_number(index))
        sellers.append(user)
    return sellers


def seed_listings(password: str, seller: User) -> int:
    if Listing.objects.filter(seller__email__endswith="@demo.nankai").exists():
        return 0
    seller.date_joined = timezone.now() - dt.timedelta(days=200)
    seller.save(update_fields=["date_joined"])
    sellers = demo_sellers(password, seller)
    categories = {c.slug: c for c in Category.objects.all()}
    created = 0
    for index, (slug, title, description, condition, mode, price, attributes) in enumerate(ITEMS):
        owner = sellers[index % len(sellers)]
        if slug == "phones":
            attributes = attributes | {"imei": demo_imei(index)}
        listing = services.create_draft(
            owner,
            title=title,
            description=description,
            category=categories[slug],
            condition=condition,
            trade_mode=mode,
            price=price,
            attributes=attributes,
            pickup=True,
            delivery=index % 3 == 0,
        )
        for photo_index in range(1 + index % 3):
            services.add_photo(
                listing,
                actor=owner,
                data=demo_photo(title, categories[slug].name, seed=index * 10 + photo_index),
            )
        try:
            services.submit_listing(listing, actor=owner)
        except ListingError:
            continue  # e.g. a phone without an IMEI stays a draft, as it would for a resident
        created += 1
    return created


def seed_orders(buyer: User) -> None:
    """One finished meet-up deal with ratings both ways, so profiles and order pages have history."""
    from orders import services as orders

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
    from appraisal import services as appraisal
    from appraisal.models import AppraisalCase

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
