"""The strongest factors behind an estimate, for residents: what moved the price, and by how much.

Each feature of the item is set in turn to the value of a typical sale of its group; the change in
the model's figure is that feature's effect. Labels are data in both languages, like the inspection
templates' checks.
"""

from __future__ import annotations

import math

import numpy as np

from .features import CONDITION_SCORE, NO, YES

LABELS = {
    "brand": ("品牌", "Brand"),
    "model": ("型号", "Model"),
    "condition": ("成色", "Condition"),
    "age_days": ("使用时长", "Time in use"),
    "new_price": ("新品价格", "Price new"),
    "os": ("操作系统", "Operating system"),
    "storage": ("存储容量", "Storage"),
    "internal_memory": ("存储容量", "Storage"),
    "ram": ("运行内存", "Memory"),
    "screen_size": ("屏幕尺寸", "Screen size"),
    "battery": ("电池容量", "Battery"),
    "weight": ("重量", "Weight"),
    "release_year": ("发布年份", "Release year"),
    "purchase_year": ("购买年份", "Year bought"),
    "rear_camera_mp": ("后置摄像头", "Rear camera"),
    "front_camera_mp": ("前置摄像头", "Front camera"),
    "four_g": ("4G", "4G"),
    "five_g": ("5G", "5G"),
    "mileage_km": ("行驶里程", "Mileage"),
    "days_used": ("使用天数", "Days used"),
}
CONDITION_WORDS = {
    "like_new": "准新",
    "99": "99新",
    "95": "95新",
    "90": "9成新",
    "80": "8成新",
    "70": "7成新",
}
TOP = 3


def shown_value(feature: str, record: dict) -> str:
    if feature == "brand":
        return record.get("brand", "")
    if feature == "model":
        return record.get("model", "")
    if feature == "condition":
        return CONDITION_WORDS.get(record.get("condition") or "", "")
    if feature == "age_days":
        return f"{record['age_days']}天"
    if feature == "new_price":
        return f"¥{float(record['new_price']):g}" if record.get("new_price") else ""
    value = str((record.get("attributes") or {}).get(feature, "")).strip()
    return "是" if value.lower() in YES else "否" if value.lower() in NO else value


def factors(group, records: list[dict]) -> list[list[dict]]:
    """For each record, its three strongest factors: feature, labels, value, effect in % and a short
    Chinese line ("存储容量 128：+12%")."""
    if not records:
        return []
    columns = group.schema.columns
    matrix = group.schema.matrix(records)
    base = group.booster.predict(matrix)
    effects = np.zeros((len(records), len(columns)))
    for j in range(len(columns)):
        if math.isnan(group.reference[j]):
            continue
        changed = matrix.copy()
        changed[:, j] = group.reference[j]
        effects[:, j] = base - group.booster.predict(changed)
    # Price new (or, without it, the brand) also sets the baseline the model starts from.
    shift = group.baseline(records) - group.base
    has_new = np.array([bool(r.get("new_price")) for r in records])
    if "new_price" in columns:
        effects[:, columns.index("new_price")] += np.where(has_new, shift, 0.0)
    effects[:, columns.index("brand")] += np.where(has_new, 0.0, shift)
    out = []
    for i, record in enumerate(records):
        strongest = np.argsort(-np.abs(effects[i]))[:TOP]
        row = []
        for j in strongest:
            if abs(effects[i, j]) < 0.005:
                continue
            feature = columns[j]
            zh, en = LABELS.get(feature, (feature, feature))
            value = shown_value(feature, record)
            percent = round(math.expm1(effects[i, j]) * 100, 1)
            text = f"{zh}{' ' + value if value else ''}：{'+' if percent > 0 else ''}{percent:g}%"
            row.append(
                {
                    "feature": feature,
                    "label": zh,
                    "label_en": en,
                    "value": value,
                    "effect": percent,
                    "text": text,
                }
            )
        out.append(row)
    return out


__all__ = ["CONDITION_SCORE", "LABELS", "factors"]
