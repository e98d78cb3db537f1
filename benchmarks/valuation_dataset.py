"""Generate comparable sales with a known pricing law, run import_comparables and estimate_values
on them, and report the time taken and the error on a held-out part.

    .venv/bin/python benchmarks/valuation_dataset.py --rows 10000 --held-out 0.2

The law: sold = new_price × condition factor × (1 − 15 %/year × age) × noise (σ ≈ 8 %).
"""

import argparse
import csv
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONDITIONS = {"like_new": 1.0, "99": 0.97, "95": 0.93, "90": 0.88, "80": 0.78, "70": 0.65}
MODELS = [
    ("electronics/phones", "Apple", "iPhone 13", 5999),
    ("electronics/phones", "Apple", "iPhone 14", 6999),
    ("electronics/phones", "华为", "Mate 40", 4999),
    ("electronics/phones", "小米", "12S", 3999),
    ("electronics/tablets", "Apple", "iPad 9", 2499),
    ("computers", "Lenovo", "X1 Carbon", 9999),
    ("computers", "Apple", "MacBook Air M1", 7999),
    ("appliances", "美的", "KFR-35GW", 2999),
    ("appliances", "海尔", "BCD-216", 1999),
    ("bicycles", "捷安特", "ATX 720", 2298),
    ("luxury", "Coach", "Tabby 26", 3900),
    ("cameras", "Canon", "EOS M50", 4599),
]
COLUMNS = ["category", "brand", "model", "attributes", "new_price", "age_days", "condition"]


def generate(rows: int, seed: int = 11):
    rng = random.Random(seed)
    today = dt.date(2026, 11, 1)
    out = []
    for _ in range(rows):
        category, brand, model, new_price = rng.choice(MODELS)
        condition = rng.choice(list(CONDITIONS))
        age_days = rng.randint(30, 1500)
        law = new_price * CONDITIONS[condition] * max(0.1, 1 - 0.15 * age_days / 365)
        sold = round(law * rng.lognormvariate(0, 0.08), 2)
        out.append(
            {
                "category": category,
                "brand": brand,
                "model": model,
                "attributes": "{}",
                "new_price": new_price,
                "age_days": age_days,
                "condition": condition,
                "sold_price": sold,
                "sold_at": (today - dt.timedelta(days=rng.randint(0, 365))).isoformat(),
            }
        )
    return out


def manage(*args, env):
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        sys.exit(result.stderr[-2000:])
    lines = result.stdout.strip().splitlines()
    return time.monotonic() - started, lines[-1] if lines else ""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--held-out", type=float, default=0.2)
    args = parser.parse_args()
    rows = generate(args.rows)
    cut = int(len(rows) * (1 - args.held_out))
    train, test = rows[:cut], rows[cut:]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="marketplace.settings.dev", VAR_DIR=str(tmp))
        with open(tmp / "comparables.csv", "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS + ["sold_price", "sold_at"])
            writer.writeheader()
            writer.writerows(train)
        with open(tmp / "items.csv", "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(test)
        manage("migrate", "--no-input", "-v", "0", env=env)
        seconds, summary = manage("import_comparables", str(tmp / "comparables.csv"), env=env)
        print(f"import_comparables: {len(train)} rows in {seconds:.1f} s  ({summary})")
        seconds, summary = manage("estimate_values", str(tmp / "items.csv"), str(tmp / "out.csv"), env=env)
        print(f"estimate_values:    {len(test)} rows in {seconds:.1f} s  ({summary})")
        with open(tmp / "out.csv", newline="", encoding="utf-8") as handle:
            estimates = list(csv.DictReader(handle))
    errors, inside, market_errors, cost_errors = [], 0, [], []
    for truth, row in zip(test, estimates, strict=True):
        actual = truth["sold_price"]
        errors.append(abs(float(row["estimate"]) - actual) / actual)
        inside += float(row["low"]) <= actual <= float(row["high"])
        if row["market"]:
            market_errors.append(abs(float(row["market"]) - actual) / actual)
        if row["cost"]:
            cost_errors.append(abs(float(row["cost"]) - actual) / actual)
    print(
        f"held-out error, reconciled estimate: median {statistics.median(errors):.1%}, "
        f"mean {statistics.mean(errors):.1%}, 90th pct {sorted(errors)[int(len(errors) * 0.9)]:.1%}"
    )
    print(
        f"  market method alone: median {statistics.median(market_errors):.1%}; "
        f"cost method alone: median {statistics.median(cost_errors):.1%}"
    )
    print(f"  actual price inside the reported range: {inside / len(test):.1%}")


if __name__ == "__main__":
    main()
