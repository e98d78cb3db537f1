"""Generate comparable sales, run import_comparables (which trains the valuation model) and
estimate_values on them, and report the time taken and the error on a held-out part.

    .venv/bin/python benchmarks/valuation_dataset.py --rows 10000 --items 2000
    .venv/bin/python benchmarks/valuation_dataset.py --csv sales.csv   # any CSV in the documented columns

The generated law is deliberately not the engine's fixed assumptions: brand premiums, a non-linear
storage premium, depreciation fast at first and slow later, a condition effect, a third of the
conditions unknown, noise σ ≈ 8 %. Items are the sales after the training ones (time-ordered).
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
CATEGORIES = {
    "electronics/phones": (1500, 7000),
    "electronics/tablets": (1200, 6000),
    "computers": (3000, 12000),
    "appliances": (800, 5000),
    "bicycles": (600, 4000),
}
BRANDS = {"Apple": 1.35, "华为": 1.1, "小米": 0.85, "联想": 0.8, "美的": 0.9, "捷安特": 1.0, "其他": 0.6}
STORAGE = {64: 1.0, 128: 1.18, 256: 1.5, 512: 1.55}
CONDITIONS = {"like_new": 1.0, "99": 0.97, "95": 0.93, "90": 0.86, "80": 0.74, "70": 0.6}
COLUMNS = ["category", "brand", "model", "new_price", "age_days", "condition", "storage", "5g"]


def generate(rows: int, seed: int = 11) -> list[dict]:
    rng = random.Random(seed)
    today = dt.date(2026, 11, 1)
    out = []
    for _ in range(rows):
        category = rng.choice(list(CATEGORIES))
        brand = rng.choice(list(BRANDS))
        storage = rng.choice(list(STORAGE))
        new_price = round(rng.uniform(*CATEGORIES[category]), 2)
        age_days = rng.randint(20, 1500)
        condition = rng.choice(list(CONDITIONS))
        law = (
            new_price * 0.75 * BRANDS[brand] * STORAGE[storage] * math.exp(-0.5 * age_days / 365)
        ) * CONDITIONS[condition]
        out.append(
            {
                "category": category,
                "brand": brand,
                "model": "",
                "new_price": new_price,
                "age_days": age_days,
                "condition": "" if rng.random() < 0.33 else condition,
                "storage": storage,
                "5g": rng.choice(["yes", "no"]),
                "sold_price": round(law * rng.lognormvariate(0, 0.08), 2),
                "sold_at": (today - dt.timedelta(days=rng.randint(0, 730))).isoformat(),
            }
        )
    return sorted(out, key=lambda r: r["sold_at"])


def read(path: str) -> tuple[list[dict], list[str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = sorted(reader, key=lambda r: r["sold_at"])
    return rows, [c for c in reader.fieldnames if c not in ("sold_price", "sold_at")]


def manage(*args, env):
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        sys.exit(result.stderr[-2000:])
    lines = result.stdout.strip().splitlines()
    return time.monotonic() - started, lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000, help="comparables to train on")
    parser.add_argument("--items", type=int, default=2_000, help="items to estimate")
    parser.add_argument("--csv", help="read sales in the documented columns instead of generating")
    args = parser.parse_args()
    if args.csv:
        rows, columns = read(args.csv)
        cut = int(len(rows) * 0.8)
    else:
        rows, columns = generate(args.rows + args.items), COLUMNS
        cut = args.rows
    train, test = rows[:cut], rows[cut:]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="marketplace.settings.dev", VAR_DIR=str(tmp))
        env["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
        with open(tmp / "comparables.csv", "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns + ["sold_price", "sold_at"])
            writer.writeheader()
            writer.writerows(train)
        with open(tmp / "items.csv", "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(test)
        manage("migrate", "--no-input", "-v", "0", env=env)
        seconds, lines = manage("import_comparables", str(tmp / "comparables.csv"), "--no-train", env=env)
        print(f"import_comparables: {len(train)} rows in {seconds:.1f} s")
        seconds, lines = manage("train_valuation", env=env)
        print(f"train_valuation:    {len(train)} sales in {seconds:.1f} s")
        print("\n".join(lines[1:-1]))
        seconds, lines = manage("estimate_values", str(tmp / "items.csv"), str(tmp / "out.csv"), env=env)
        print(f"estimate_values:    {len(test)} rows in {seconds:.1f} s  ({lines[-1]})")
        with open(tmp / "out.csv", newline="", encoding="utf-8") as handle:
            estimates = list(csv.DictReader(handle))
    errors, inside, per_method = [], 0, {"fitted": [], "market": [], "cost": []}
    for truth, row in zip(test, estimates, strict=True):
        actual = float(truth["sold_price"])
        errors.append(abs(float(row["estimate"]) - actual) / actual)
        inside += float(row["low"]) <= actual <= float(row["high"])
        for name, values in per_method.items():
            if row[name]:
                values.append(abs(float(row[name]) - actual) / actual)
    print(
        f"held-out error, reconciled estimate: MAPE {statistics.mean(errors):.1%}, "
        f"median {statistics.median(errors):.1%}, 90th pct {sorted(errors)[int(len(errors) * 0.9)]:.1%}"
    )
    for name, values in per_method.items():
        if values:
            print(f"  {name} alone: MAPE {statistics.mean(values):.1%} ({len(values)} rows)")
    print(f"  actual price inside the reported 80 % range: {inside / len(test):.1%}")


if __name__ == "__main__":
    main()
