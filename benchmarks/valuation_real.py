"""Run import_comparables and estimate_values on a real table of used phone and tablet prices and
measure the estimates on the part held out.

    .venv/bin/python benchmarks/valuation_real.py /work/data/used_device_data.csv --split random:15

The table (columns device_brand, os, screen_size, four_g, five_g, rear_camera_mp, front_camera_mp,
internal_memory, ram, battery, weight, release_year, days_used, normalized_used_price,
normalized_new_price; prices are natural logs, no condition grade) is converted to the documented
columns (see appraisal/pricing/README.md): brand, new_price = e^normalized_new_price, age_days =
days_used, sold_price = e^normalized_used_price, sold_at = 1 January of release_year + days_used,
blank condition, every other column kept as an attribute column.

Splits (80 % imported, 20 % estimated):
- random:SEED — a fixed random split. Seed 2026 was used while choosing the model's settings (dev);
  seed 15 was never looked at before the settings were fixed (held-out).
- time — sales ordered by sold_at, the latest 20 % estimated (held-out, never tuned on).
The table's licence is unclear: keep it outside the repository.
"""

import argparse
import csv
import datetime as dt
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ATTRIBUTES = [
    "os",
    "screen_size",
    "four_g",
    "five_g",
    "rear_camera_mp",
    "front_camera_mp",
    "internal_memory",
    "ram",
    "battery",
    "weight",
    "release_year",
]
ITEM_COLUMNS = ["category", "brand", "model", "attributes", "new_price", "age_days", "condition"]


def convert(path: str, *, condition: str) -> list[dict]:
    out = []
    with open(path, newline="", encoding="utf-8") as handle:
        for raw in csv.DictReader(handle):
            sold_at = dt.date(int(raw["release_year"]), 1, 1) + dt.timedelta(days=int(raw["days_used"]))
            out.append(
                {
                    "category": "electronics/phones",
                    "brand": raw["device_brand"],
                    "model": "",
                    "attributes": "{}",
                    "new_price": f"{math.exp(float(raw['normalized_new_price'])):.2f}",
                    "age_days": raw["days_used"],
                    "condition": condition,
                    "sold_price": f"{math.exp(float(raw['normalized_used_price'])):.2f}",
                    "sold_at": sold_at.isoformat(),
                    **{name: raw[name] for name in ATTRIBUTES},
                }
            )
    return out


def split(rows: list[dict], how: str) -> tuple[list[dict], list[dict]]:
    if how == "time":
        ordered = sorted(rows, key=lambda r: (r["sold_at"], r["brand"]))
    else:
        ordered = rows[:]
        random.Random(int(how.split(":")[1])).shuffle(ordered)
    cut = int(len(ordered) * 0.8)
    return ordered[:cut], ordered[cut:]


def manage(*args, env):
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        sys.exit(result.stderr[-3000:])
    lines = result.stdout.strip().splitlines()
    return time.monotonic() - started, lines[-1] if lines else ""


def write(path: Path, rows: list[dict], columns: list[str]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def report(truth: list[dict], estimates: list[dict]) -> None:
    errors, logs, inside, missing = [], [], 0, 0
    per_method: dict[str, list[float]] = {"market": [], "cost": [], "fitted": []}
    for real, row in zip(truth, estimates, strict=True):
        actual = float(real["sold_price"])
        if not row["estimate"]:
            missing += 1
            continue
        estimate = float(row["estimate"])
        errors.append(abs(estimate - actual) / actual)
        logs.append((math.log(estimate) - math.log(actual)) ** 2)
        inside += float(row["low"]) <= actual <= float(row["high"])
        for name, values in per_method.items():
            if row.get(name):
                values.append(abs(float(row[name]) - actual) / actual)
    n = len(errors)
    print(
        f"reconciled estimate: MAPE {statistics.mean(errors):.1%}, "
        f"median APE {statistics.median(errors):.1%}, "
        f"RMSE(log) {math.sqrt(statistics.mean(logs)):.3f}; inside the range {inside / n:.1%}; "
        f"rows without an estimate {missing} of {len(truth)}"
    )
    for name, values in per_method.items():
        if values:
            print(f"  {name} method alone: MAPE {statistics.mean(values):.1%} ({len(values)} rows)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("table")
    parser.add_argument("--split", default="random:15", help="random:SEED or time")
    parser.add_argument("--condition", default="", help="condition written for every row (blank: unknown)")
    args = parser.parse_args()
    train, test = split(convert(args.table, condition=args.condition), args.split)
    columns = ITEM_COLUMNS + ATTRIBUTES
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="marketplace.settings.dev", VAR_DIR=str(tmp))
        env["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
        write(tmp / "comparables.csv", train, columns + ["sold_price", "sold_at"])
        write(tmp / "items.csv", test, columns)
        manage("migrate", "--no-input", "-v", "0", env=env)
        seconds, summary = manage("import_comparables", str(tmp / "comparables.csv"), env=env)
        print(f"split {args.split}: import_comparables {len(train)} rows in {seconds:.1f} s ({summary})")
        seconds, summary = manage("estimate_values", str(tmp / "items.csv"), str(tmp / "out.csv"), env=env)
        print(f"estimate_values {len(test)} rows in {seconds:.1f} s ({summary})")
        with open(tmp / "out.csv", newline="", encoding="utf-8") as handle:
            estimates = list(csv.DictReader(handle))
    report(test, estimates)


if __name__ == "__main__":
    main()
