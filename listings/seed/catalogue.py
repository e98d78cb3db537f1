"""The prohibited-goods catalogue as migration 0004 loads it, with the risk rules that read it and the
changes it makes to the first rules (their prohibited-goods and counterfeit keywords move here)."""

from .counterfeit import COUNTERFEIT, FAMOUS_GOODS
from .prohibited import PROHIBITED

PROHIBITED_GOODS = PROHIBITED + COUNTERFEIT + FAMOUS_GOODS

# (code, family, description, outcome): `check` rules named "catalogue", one per family.
CATALOGUE_RULES = [
    ("catalogue-prohibited", "prohibited", "禁售物品目录", "block"),
    ("catalogue-counterfeit", "counterfeit", "假货黑话（禁售物品目录）", "block"),
    ("catalogue-famous-goods", "price_anomaly", "名贵商品价格或数量异常（禁售物品目录）", "hold"),
]

# code: the fields that change. Each change bumps the rule's version, as an edit in the admin would.
RULE_CHANGES = {
    "prohibited-items": {"is_active": False, "description": "禁售物品（已由禁售物品目录取代）"},
    "counterfeit-slang": {
        "terms": "尾单\n外贸尾单\n跟单\n同厂\n专柜品质",
        "description": "含糊的假货说法（尾单、跟单等），送人工审核；明确的假货黑话见禁售物品目录",
    },
    # A card wallet (银行卡包) is ordinary; asking for a transfer is still caught by 转账 and the rest.
    "payment-off-platform": {
        "terms": "转账\n直接支付宝\n直接微信\n支付宝转\n微信转\n转银行卡\n打到银行卡\n定金转我\n不走平台"
        "\n先付款后发货\n保证金\n解冻费",
    },
}


def lines(text: str) -> str:
    return "\n".join((text or "").split())


def load_catalogue(ProhibitedItem, Category, RiskRule) -> None:
    """Create the catalogue, its rules and the rule changes. Idempotent; takes (historical) models."""
    for spec in PROHIBITED_GOODS:
        item, created = ProhibitedItem.objects.get_or_create(
            code=spec["code"],
            defaults={
                "name": spec["name"],
                "name_en": spec["name_en"],
                "family": spec["family"],
                "outcome": spec["outcome"],
                "legal_basis": spec["legal_basis"],
                "keywords": lines(spec["keywords"]),
                "exceptions": lines(spec.get("exceptions", "")),
                "not_when": lines(spec.get("not_when", "")),
                "title_only": spec.get("title_only", False),
                "price_below": spec.get("price_below"),
                "quantity_at_least": spec.get("quantity_at_least"),
                "notes": spec.get("notes", ""),
            },
        )
        if created and spec.get("categories"):
            item.categories.set(Category.objects.filter(slug__in=spec["categories"]))
    for code, family, description, outcome in CATALOGUE_RULES:
        RiskRule.objects.get_or_create(
            code=code,
            defaults={
                "family": family,
                "description": description,
                "kind": "check",
                "check_name": "catalogue",
                "parameters": {"family": family},
                "outcome": outcome,
                "scope": "listings",
            },
        )
    for code, changes in RULE_CHANGES.items():
        rule = RiskRule.objects.filter(code=code).first()
        if rule is None or all(getattr(rule, name) == value for name, value in changes.items()):
            continue
        for name, value in changes.items():
            setattr(rule, name, value)
        rule.version += 1
        rule.save()
