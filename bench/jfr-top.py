#!/usr/bin/env python3
"""Top frames of a JFR recording: self and inclusive shares of jdk.ExecutionSample stacks.
   jfr print --events jdk.ExecutionSample --stack-depth 64 rec.jfr > samples.txt; bench/jfr-top.py samples.txt"""
import sys, re, collections
# parse `jfr print --events jdk.ExecutionSample` output: top frames (self) and inclusive rampart frames
txt = open(sys.argv[1]).read()
samples = txt.split("jdk.ExecutionSample")
selfc = collections.Counter(); incl = collections.Counter(); n = 0
for s in samples:
    m = re.search(r"stackTrace = \[(.*?)\n\s*\]", s, re.S)
    if not m: continue
    frames = [re.sub(r"\s+line:.*", "", f.strip()) for f in m.group(1).strip().split("\n") if f.strip() and f.strip() != "..."]
    if not frames: continue
    n += 1
    selfc[frames[0]] += 1
    for f in set(frames):
        incl[f] += 1
print("samples", n)
print("== self top 30")
for f, c in selfc.most_common(30): print(f"{100*c/n:5.1f}%  {f}")
print("== inclusive top (dev.rampart / jackson / micrometer / security)")
k = 0
for f, c in incl.most_common(400):
    if re.search(r"dev\.rampart|jackson|micrometer|MessageDigest|regex|Normalizer", f):
        print(f"{100*c/n:5.1f}%  {f}"); k += 1
        if k > 60: break
