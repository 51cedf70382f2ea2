#!/usr/bin/env python3
"""Deterministic generator for Rampart's safety-classifier training data.

Writes three JSON Lines files next to this script:

  hard-negatives.jsonl  safe texts that look unsafe (label 0)
  hard-positives.jsonl  unsafe texts that look harmless, and harmful statements (label 1)
  benign-general.jsonl  everyday assistant prompts (label 0)

Every item is written for this project: hand-written lines from the data_*.py modules, plus
small templates (at most five fillings per skeleton) that add variety. Nothing is copied or
reconstructed from XSTest, SimpleSafetyTests or the OpenAI moderation evaluation set, which are
reserved for held-out evaluation.

Usage:  python3 generate.py            (standard library only; output is byte-for-byte reproducible)
"""
import json
import os
import random
import re
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import data_benign  # noqa: E402
import data_hard_negatives  # noqa: E402
import data_hard_positives  # noqa: E402

SEED = 20240613
MAX_PER_SKELETON = 5


def lines(block):
    """Hand-written block: one item per non-empty line; lines starting with '#' are comments."""
    out = []
    for raw in block.splitlines():
        s = raw.strip()
        if s and not s.startswith("#"):
            out.append(s)
    return out


def expand(skeleton, fillers):
    """Fill a template skeleton. fillers: list of str (for one {}) or tuples (for several {})."""
    if len(fillers) > MAX_PER_SKELETON:
        raise ValueError("too many fillings for skeleton: " + skeleton)
    out = []
    for f in fillers:
        out.append(skeleton.format(*(f if isinstance(f, tuple) else (f,))))
    return out


_WORD = re.compile(r"[A-Za-z]{5,}")


def typo(text, rng):
    """Swap two adjacent inner letters of one longer word (a common typing slip)."""
    words = [m for m in _WORD.finditer(text)]
    if not words:
        return text
    m = rng.choice(words)
    w = m.group(0)
    i = rng.randrange(1, len(w) - 2)
    w2 = w[:i] + w[i + 1] + w[i] + w[i + 2:]
    return text[:m.start()] + w2 + text[m.end():]


def casual(text):
    """Lower-case and drop trailing punctuation, the way people type into chat boxes."""
    return text.lower().rstrip(".?!")


def restyle(text, rng, allow):
    """Vary the surface form of a fraction of items. Code-like items are left untouched."""
    if not allow or any(c in text for c in "`/$(){}=;<>|"):
        return text
    r = rng.random()
    if r < 0.10 and text[:1].isupper():
        return casual(text)
    if r < 0.16:
        return typo(text, rng)
    return text


def build(module, default_label, rng):
    """Collect (kind, category, text) rows from a data module."""
    rows = []
    for (kind, category), block in module.HAND.items():
        for t in lines(block):
            rows.append((kind, category, t, False))
    for kind, category, skeleton, fillers in module.TEMPLATES:
        for t in expand(skeleton, fillers):
            rows.append((kind, category, t, True))
    out, seen = [], set()
    for kind, category, text, templated in rows:
        # templated items get surface variation more often (they are more uniform to begin with)
        text = restyle(text, rng, allow=templated or rng.random() < 0.6)
        text = re.sub(r"\s+", " ", text).strip()
        key = re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()
        if key in seen:
            continue
        seen.add(key)
        out.append({"text": text, "label": default_label, "category": category, "kind": kind})
    return out


def write(name, rows):
    path = os.path.join(HERE, name)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("%-22s %5d items" % (name, len(rows)))


CATEGORIES = ["S%d" % i for i in range(1, 15)]
MINIMUMS = {"hard-negatives.jsonl": 700, "hard-positives.jsonl": 700, "benign-general.jsonl": 500}


def check():
    """Validate the written files: JSON shape, labels, categories, minimum counts, no duplicate texts."""
    seen = {}
    for name, minimum in MINIMUMS.items():
        rows = []
        with open(os.path.join(HERE, name), encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                r = json.loads(line)
                assert set(r) == {"text", "label", "category", "kind"}, (name, n)
                assert isinstance(r["text"], str) and r["text"].strip(), (name, n)
                assert isinstance(r["kind"], str) and r["kind"], (name, n)
                if name == "hard-positives.jsonl":
                    assert r["label"] == 1 and r["category"] in CATEGORIES, (name, n)
                else:
                    assert r["label"] == 0 and r["category"] is None, (name, n)
                key = r["text"].strip().lower()
                assert key not in seen, ("duplicate text", name, n, seen.get(key))
                seen[key] = (name, n)
                rows.append(r)
        assert len(rows) >= minimum, (name, len(rows))
        if name == "hard-positives.jsonl":
            for c in CATEGORIES:
                k = sum(1 for r in rows if r["category"] == c)
                assert k >= 30, (c, k)
    print("check passed")


def main():
    rng = random.Random(SEED)
    write("hard-negatives.jsonl", build(data_hard_negatives, 0, rng))
    write("hard-positives.jsonl", build(data_hard_positives, 1, rng))
    write("benign-general.jsonl", build(data_benign, 0, rng))
    check()


if __name__ == "__main__":
    main()
