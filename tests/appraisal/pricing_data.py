"""Generated sales whose price law is not the one the fixed engine assumes: brand premiums, a
non-linear storage premium, depreciation fast at first and slow later, and a condition effect."""

import datetime as dt
import math
import random

BRANDS = {"Apple": 1.35, "华为": 1.1, "小米": 0.85, "OPPO": 0.8, "其他": 0.6}
STORAGE = {64: 1.0, 128: 1.18, 256: 1.5, 512: 1.55}
CONDITIONS = {"like_new": 1.0, "99": 0.97, "95": 0.93, "90": 0.86, "80": 0.74, "70": 0.6}


def sales(n: int, *, seed: int = 7, blank_condition_share: float = 0.3) -> list[dict]:
    rng = random.Random(seed)
    today = dt.date(2026, 10, 1)
    out = []
    for _ in range(n):
        brand = rng.choice(list(BRANDS))
        storage = rng.choice(list(STORAGE))
        new_price = round(rng.uniform(1500, 7000), 2)
        age_days = rng.randint(20, 1400)
        condition = rng.choice(list(CONDITIONS))
        law = (
            new_price
            * 0.75
            * BRANDS[brand]
            * STORAGE[storage]
            * math.exp(-0.55 * age_days / 365)
            * CONDITIONS[condition]
        )
        out.append(
            {
                "category": "electronics/phones",
                "brand": brand,
                "model": "",
                "attributes": {"storage": storage, "5g": rng.choice(["yes", "no"])},
                "new_price": new_price,
                "age_days": age_days,
                "condition": "" if rng.random() < blank_condition_share else condition,
                "sold_price": round(law * rng.lognormvariate(0, 0.08), 2),
                "sold_at": today - dt.timedelta(days=rng.randint(0, 700)),
            }
        )
    return out


def csv_text(rows: list[dict], *, sold: bool) -> str:
    """The documented columns; storage and 5g as extra attribute columns."""
    header = "category,brand,model,new_price,age_days,condition,storage,5g"
    lines = [header + (",sold_price,sold_at" if sold else "")]
    for r in rows:
        line = (
            f"{r['category']},{r['brand']},{r['model']},{r['new_price']},{r['age_days']},{r['condition']},"
            f"{r['attributes']['storage']},{r['attributes']['5g']}"
        )
        lines.append(line + (f",{r['sold_price']},{r['sold_at'].isoformat()}" if sold else ""))
    return "\n".join(lines) + "\n"
