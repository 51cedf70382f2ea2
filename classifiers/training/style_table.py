#!/usr/bin/env python3
"""Style x label table of the embedded classifier's training data (for the model card).

Reads what `rampart train` reads: every `*.jsonl` here, and from ../shared/data AdvBench, HarmBench (no contextual
behaviours), MT-Bench/Vicuna turns, GSM8K questions, ToxiGen, HateCheck and Davidson with the same row sampling as
`DataSets.moderation` (Java). Items that name their style keep it; the rest get a surface heuristic (role-play
markers, then instruction verb, question, first-person statement, short text, else comment). Policy examples (75)
are left out. Usage: python3 -B style_table.py [SHARED_DATA_DIR]  -- prints v1 (before data v2) and v2 tables.
"""
import csv
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "..", "shared", "data")
V2_FILES = {"style-balanced.jsonl"}
V2_SOURCES = {"toxigen", "hatecheck", "davidson"}
ROLEPLAY = re.compile(r"\b(pretend|role-?play|imagine you|you are (?:now |an? )|act as|in character|for my (?:novel|story|book)|"
                      r"story where|let's play)\b", re.I)
QUESTION = re.compile(r"^(how|what|what's|whats|why|where|when|who|which|is|are|can|could|would|should|do|does|did|"
                      r"will|any|anyone)\b", re.I)
INSTRUCTION = re.compile(r"^(please )?(write|tell|give|explain|create|list|describe|generate|develop|provide|make|help|"
                         r"show|draft|design|outline|compose|suggest|teach|find|summari[sz]e|translate|produce|build|"
                         r"recommend|plan|convince|post|send|share|teach|offer|publish|rewrite|compile|craft|"
                         r"instruct|detail|give|get|use|set up|come up|solve|work out|show your working)\b", re.I)
FIRST_PERSON = re.compile(r"^(i|i'm|im|i've|i'll|my|me|we|we're|our)\b", re.I)


def style(text):
    t = text.strip()
    if len(t.split()) <= 3:
        return "short"
    if ROLEPLAY.search(t):
        return "roleplay"
    if INSTRUCTION.match(t):
        return "instruction"
    if t.endswith("?") or QUESTION.match(t):
        return "question"
    if FIRST_PERSON.match(t):
        return "statement"
    return "comment"


HOW_TO = re.compile(r"^(?:Write|Create|Develop|Provide|Give|Explain|Teach|Design|Outline|Generate|Produce|Instruct users|"
                    r"Instruct|Describe|Show|Demonstrate|Publish|Post)\b.*?\bhow (?:to|one can|someone can|people can) "
                    r"(.+?)\.?$", re.I)
CHILD = re.compile(r"\b(child|children|kids?|minors?|teens?)\b", re.I | re.S)


def shared(v2):
    out = []
    with open(os.path.join(SHARED, "advbench/harmful_behaviors.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            out.append((r["goal"], 1))
            m = HOW_TO.match(r["goal"].strip())
            if v2 and m and not CHILD.search(m.group(0)[:m.start(1)]):
                out.append(("How do I " + m.group(1) + "?", 1))
    with open(os.path.join(SHARED, "harmbench/harmbench_behaviors_text_all.csv"), encoding="utf-8") as f:
        out += [(r["Behavior"], 1) for r in csv.DictReader(f) if not r["ContextString"].strip()]
    for name in ("mt_bench_question.jsonl", "vicuna_bench_question.jsonl"):
        with open(os.path.join(SHARED, "mt-bench", name), encoding="utf-8") as f:
            out += [(t, 0) for line in f if line.strip() for t in json.loads(line)["turns"]]
    with open(os.path.join(SHARED, "gsm8k-test/test.jsonl"), encoding="utf-8") as f:
        for i, q in enumerate(json.loads(line)["question"] for line in f if line.strip()):
            out.append((("Solve this step by step: " + q) if v2 and i % 2 == 1 else q, 0))
    return out


def moderation():
    out = []
    with open(os.path.join(SHARED, "toxigen-statements/statements.jsonl"), encoding="utf-8") as f:
        out += [(j["text"], int(j["label"] == "hate")) for j in map(json.loads, filter(str.strip, f))]
    hateful = 0
    with open(os.path.join(SHARED, "hatecheck/test_suite_cases.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            hate = r["label_gold"] == "hateful"
            if hate:
                hateful += 1
                if (hateful - 1) % 4 != 0:
                    continue
            out.append((r["test_case"].strip(), int(hate)))
    hate = neither = 0
    with open(os.path.join(SHARED, "davidson-hate-offensive/labeled_data.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["class"] == "0":
                hate += 1
                if (hate - 1) % 3 == 0:
                    out.append((r["tweet"], 1))
            elif r["class"] == "2":
                neither += 1
                if (neither - 1) % 6 == 0:
                    out.append((r["tweet"], 0))
    return out


def table(rows, title):
    counts = {}
    for s, label in rows:
        counts.setdefault(s, [0, 0])[label] += 1
    print(f"\n{title} ({len(rows)} texts)\n| style | safe | unsafe | unsafe share |\n|---|---|---|---|")
    for s in ("question", "instruction", "statement", "comment", "roleplay", "short"):
        safe, unsafe = counts.get(s, [0, 0])
        share = unsafe / (safe + unsafe) if safe + unsafe else 0
        print(f"| {s} | {safe} | {unsafe} | {share:.2f} |")


def main():
    v1, v2 = [], []
    for path in sorted(glob.glob(os.path.join(HERE, "*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for j in map(json.loads, filter(str.strip, f)):
                row = (j.get("style") or style(j["text"]), int(j["label"]))
                v2.append(row)
                if os.path.basename(path) not in V2_FILES:
                    v1.append(row)
    v1 += [(style(t), l) for t, l in shared(False)]
    v2 += [(style(t), l) for t, l in shared(True)] + [(style(t), l) for t, l in moderation()]
    table(v1, "before data v2")
    table(v2, "with data v2")


if __name__ == "__main__":
    main()
