#!/usr/bin/env python3
"""Turns results.csv from run.sh into a markdown summary (standard library only).

Usage: summarize.py results.csv [DEADLINE_MS]   (the client deadline of the run, 500 ms by default)
"""
import csv
import sys

rows = list(csv.DictReader(open(sys.argv[1])))
deadline_ms = int(sys.argv[2]) if len(sys.argv) > 2 else 500
capacity = float(rows[0]["capacity_rps"])
arms = []
classes = []
for row in rows:
    if row["arm"] not in arms:
        arms.append(row["arm"])
    if row["class"] != "all" and row["class"] not in classes:
        classes.append(row["class"])
multipliers = sorted({float(r["multiplier"]) for r in rows})


def find(arm, multiplier, klass):
    for row in rows:
        if row["arm"] == arm and float(row["multiplier"]) == multiplier and row["class"] == klass:
            return row
    return None


def pct(value):
    return f"{100 * value:.0f} %"


print(f"Capacity (closed loop, one core): **{capacity:.0f} requests/s**.\n")
print(f"Goodput (2xx within the {deadline_ms} ms client deadline) as a share of capacity, all classes:\n")
print("| arm | " + " | ".join(f"{m:g}×" for m in multipliers) + " |")
print("|---|" + "---:|" * len(multipliers))
for arm in arms:
    cells = []
    for m in multipliers:
        row = find(arm, m, "all")
        cells.append(pct(float(row["goodput_rps"]) / capacity) if row else "")
    print(f"| {arm} | " + " | ".join(cells) + " |")

print("\nAt 3× capacity, per class (goodput/s, share of that class's offered load, p50/p99 of good requests, "
      "rejects, timeouts):\n")
print("| arm | class | offered/s | goodput/s | goodput/offered | p50 ms | p99 ms | 503s | timeouts | errors | retries |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for arm in arms:
    for klass in (classes if len(classes) > 1 else []) + ["all"]:
        row = find(arm, 3.0, klass)
        if not row:
            continue
        offered = float(row["offered_rps"])
        good = float(row["goodput_rps"])
        share = pct(good / offered) if offered else ""
        print(f"| {arm} | {klass} | {offered:.0f} | {good:.0f} | {share} | {row['p50_ms']} | {row['p99_ms']} "
              f"| {row['rejected']} | {row['timeouts']} | {row['errors']} | {row['retries']} |")
