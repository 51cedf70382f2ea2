#!/usr/bin/env python3
"""Figures for the model card from `rampart eval --show-scores` output (standard library only).

    ./rampart eval --show-scores --data A.jsonl --data B.jsonl ... > scores.txt
    python3 -B classifiers/eval/analyse.py scores.txt

Per file and for named groups of files: AUPRC, recall and false-positive rate at the policy's decision, recall at the
false-positive rates 0.05 and 0.10 (threshold on the highest category score); per style; top-1 category attribution
(the highest-scoring category equals the labelled one) and top-2; expected calibration error of the highest score as P(unsafe),
overall and per top category (10 equal-width bins); and what a cascade with a band [pass_below, decide_at) would send to
a second stage, with the first stage's errors outside the band (the errors no second stage can repair).
"""
import re
import sys

LINE = re.compile(r"^  (safe|unsafe (\S+))\s+(\S+)\s+top (\S+)\s+([0-9.]+) (flagged|allowed)\s(.*)$")
HEAD = re.compile(r"^(\S+\.(?:jsonl|csv)(?:\.gz)?)\s+n=")


def read(path):
    files, current = {}, None
    for raw in open(path, encoding="utf-8"):
        line = raw.rstrip("\n")
        m = LINE.match(line)
        if m:
            files.setdefault("pending", []).append({
                "unsafe": m.group(1) != "safe", "category": m.group(2), "style": m.group(3),
                "top": m.group(4).split(",")[0], "top2": m.group(4).split(","),
                "score": float(m.group(5)), "flagged": m.group(6) == "flagged", "text": m.group(7)})
            continue
        h = HEAD.match(line)
        if h:
            files[h.group(1)] = files.pop("pending", [])
    return files


def auprc(rows):
    pos = sum(r["unsafe"] for r in rows)
    if pos == 0 or pos == len(rows):
        return float("nan")
    ranked = sorted(rows, key=lambda r: -r["score"])
    tp = fp = 0
    area = 0.0
    i = 0
    while i < len(ranked):  # ties share one step
        j = i
        while j < len(ranked) and ranked[j]["score"] == ranked[i]["score"]:
            j += 1
        dtp = sum(r["unsafe"] for r in ranked[i:j])
        tp += dtp
        fp += (j - i) - dtp
        area += dtp / pos * (tp / (tp + fp))
        i = j
    return area


def recall_at_fpr(rows, target):
    safe = sorted((r["score"] for r in rows if not r["unsafe"]), reverse=True)
    unsafe = [r["score"] for r in rows if r["unsafe"]]
    if not safe or not unsafe:
        return float("nan")
    allowed = int(target * len(safe))  # safe texts allowed above the threshold
    threshold = safe[allowed] if allowed < len(safe) else -1
    return sum(s > threshold for s in unsafe) / len(unsafe)


def summary(rows):
    pos = [r for r in rows if r["unsafe"]]
    neg = [r for r in rows if not r["unsafe"]]
    rec = sum(r["flagged"] for r in pos) / len(pos) if pos else float("nan")
    fpr = sum(r["flagged"] for r in neg) / len(neg) if neg else float("nan")
    top1 = [r for r in pos if r["category"] not in (None, "-")]
    t1 = sum(r["top"] == r["category"] for r in top1) / len(top1) if top1 else float("nan")
    t2 = sum(r["category"] in r["top2"] for r in top1) / len(top1) if top1 else float("nan")
    return (f"n={len(rows):4d} unsafe={len(pos):4d} AUPRC={auprc(rows):.3f} recall={rec:.3f} FPR={fpr:.3f} "
            f"recall@FPR.05={recall_at_fpr(rows, 0.05):.3f} recall@FPR.10={recall_at_fpr(rows, 0.10):.3f} top1={t1:.3f} top2={t2:.3f}")


def ece(rows, bins=10):
    if not rows:
        return float("nan")
    total = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [r for r in rows if lo <= r["score"] < hi or (b == bins - 1 and r["score"] == 1.0)]
        if inside:
            conf = sum(r["score"] for r in inside) / len(inside)
            acc = sum(r["unsafe"] for r in inside) / len(inside)
            total += len(inside) / len(rows) * abs(conf - acc)
    return total


def main():
    files = read(sys.argv[1])
    groups = {k: v for k, v in files.items() if k != "pending"}
    every = [r for k, v in groups.items() if "probes" not in k for r in v]  # probes are not a sample
    for name, rows in groups.items():
        print(f"{name:45s} {summary(rows)}")
        styles = sorted({r['style'] for r in rows} - {"-"})
        for s in styles:
            print(f"    style {s:33s} {summary([r for r in rows if r['style'] == s])}")
    pairs = {"dev: clearly-harmful + safe-but-scary": ("classifiers/eval/clearly-harmful.jsonl",
                                                        "classifiers/eval/safe-but-scary.jsonl"),
             "fresh: clearly-harmful + safe-lookalikes": ("classifiers/eval/fresh/clearly-harmful.jsonl",
                                                           "classifiers/eval/fresh/safe-lookalikes.jsonl")}
    for name, (a, b) in pairs.items():
        if a in groups and b in groups:
            print(f"{name:45s} {summary(groups[a] + groups[b])}")
    print(f"{'ALL (probes excluded)':45s} {summary(every)}")
    print(f"\nECE of the highest score as P(unsafe), all texts: {ece(every):.3f}")
    cats = sorted({r['top'] for r in every if r['top'] != '-'}, key=lambda c: (len(c), c))
    print("ECE per top category: " + ", ".join(
        f"{c} {ece([r for r in every if r['top'] == c]):.3f} (n={sum(r['top'] == c for r in every)})" for c in cats))
    print("\ncascade band [pass_below, decide_at): share escalated, first-stage errors outside the band")
    for lo, hi in ((0.05, 0.95), (0.1, 0.9), (0.2, 0.8), (0.3, 0.7)):
        esc = sum(lo <= r["score"] < hi for r in every)
        wrong = sum((r["score"] < lo and r["unsafe"]) or (r["score"] >= hi and not r["unsafe"]) for r in every)
        print(f"  [{lo:.2f}, {hi:.2f}): escalated {esc}/{len(every)} ({esc / len(every):.1%}), "
              f"saved {1 - esc / len(every):.1%}; errors outside the band {wrong} ({wrong / len(every):.1%})")


if __name__ == "__main__":
    main()
