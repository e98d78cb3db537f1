"""Demo listings: about sixty realistic items across categories and streets, with generated photos.

Every listing goes through the same services as a resident's would (draft → photos → risk rules →
published or held), so the demo also fills the moderation queue with a few held items.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from pathlib import Path

from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from listings import services
from listings.errors import ListingError
from listings.models import Category, Listing
from marketplace.accounts.models import User
from marketplace.accounts.services import verify_identity
from marketplace.geography.models import Community

from .catalogue import ITEMS

CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")

# (category slug, title, description, condition, trade mode, price, attributes)
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
    rng = random.Random(seed)  # nosec B311 - demo pictures, not security
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
