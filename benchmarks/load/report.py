"""Print locust's CSV statistics as the load table: each page's p50, p95 and requests/s beside the bare
view's, measured in the same run, with the machine's load average."""

import csv
import glob
import os
import statistics
import sys

BARE = "bare view (ceiling)"


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] if ordered else 0.0


def server_times(timing_dir: str) -> dict[str, tuple[list[float], list[float]]]:
    """Page name → (wall ms, worker CPU ms) of each request, from timing.py's logs."""
    times: dict[str, tuple[list[float], list[float]]] = {}
    for path in glob.glob(os.path.join(timing_dir, "timing-*.tsv")):
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                page, wall, cpu = line.rstrip("\n").split("\t")
                walls, cpus = times.setdefault(page, ([], []))
                walls.append(float(wall))
                cpus.append(float(cpu))
    return times


def main(path: str, title: str, timing_dir: str | None = None) -> None:
    with open(path, encoding="utf-8") as handle:
        rows = [
            row for row in csv.DictReader(handle) if row["Name"] != "Aggregated" and int(row["Request Count"])
        ]
    bare = next((row for row in rows if row["Name"] == BARE), None)
    bare_p95 = float(bare["95%"]) if bare else 0.0
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"\n{title}  (load average at end: {load})")
    server = server_times(timing_dir) if timing_dir else {}
    bare_cpu = statistics.median(server[BARE][1]) if BARE in server else 0.0
    print("client side (locust): latency as users meet it, queueing included; server side (in the worker):")
    print(
        f"{'page':<24}{'reqs':>6}{'fail':>5}{'p50':>7}{'p95':>7}{'req/s':>7}{'÷bare':>7} |"
        f"{'wall50':>7}{'wall95':>7}{'cpu50':>7}{'cpu95':>7}{'cpu50÷bare':>11}"
    )
    for row in sorted(rows, key=lambda r: (r["Name"] == BARE, r["Name"])):
        p95 = float(row["95%"])
        ratio = f"{p95 / bare_p95:.1f}×" if bare_p95 else "-"
        walls, cpus = server.get(row["Name"], ([], []))
        cpu50 = statistics.median(cpus) if cpus else 0.0
        cpu_ratio = f"{cpu50 / bare_cpu:.1f}×" if bare_cpu and cpus else "-"
        client = f"{row['Name']:<24}{row['Request Count']:>6}{row['Failure Count']:>5}"
        client += f"{row['50%']:>7}{row['95%']:>7}{float(row['Requests/s']):>7.1f}{ratio:>7} |"
        inside = f"{percentile(walls, 50):>7.0f}{percentile(walls, 95):>7.0f}"
        print(client + inside + f"{cpu50:>7.1f}{percentile(cpus, 95):>7.1f}{cpu_ratio:>11}")
    print(
        "(milliseconds; ÷bare: p95 over the bare view's p95 in the same run; cpu: the worker's own CPU time)"
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "", sys.argv[3] if len(sys.argv) > 3 else None)
