#!/usr/bin/env python3
"""Inclusive shares of the request path's known cost centres in two JFR sample dumps (before, after).
   bench/jfr-areas.py before-samples.txt after-samples.txt"""
import sys, re, collections
areas = [
 ("PatternClassifier.scan (prompt + completion)", r"PatternClassifier\.scan"),
 ("  LanguageGuess.check / englishShare", r"LanguageGuess\.(check|englishShare)"),
 ("  TextNormalizer.normalize", r"TextNormalizer\.normalize\(String\)"),
 ("DecisionLog.drain (writer thread)", r"DecisionLog\.drain"),
 ("  double formatting (Double.toString / Schubfach)", r"FloatingDecimal|schubfach"),
 ("  Instant.toString / day()", r"Instant\.toString"),
 ("  field-name escaping (writeFieldName(String))", r"UTF8JsonGenerator\.writeFieldName\(String\)"),
 ("Jackson tree parse (request + reply)", r"ObjectMapper\.(readTree|_readTreeAndClose)"),
 ("Jackson tree to String (forward + reply)", r"BaseJsonNode\.toString|writeValueAsBytes"),
 ("Micrometer timers (percentile sketches)", r"TimeWindowPercentileHistogram|HdrHistogram"),
 ("Micrometer timers (all)", r"AbstractTimer\.record"),
 ("SHA-256 / HMAC / hex", r"MessageDigest|Mac\.doFinal|HexFormat|Mac\.getInstance"),
 ("Policy.decide", r"Policy\.decide"),
 ("DashboardState.accept", r"DashboardState\.accept"),
]
def load(path):
    out=[]
    for s in open(path).read().split("jdk.ExecutionSample"):
        m = re.search(r"stackTrace = \[(.*?)\n\s*\]", s, re.S)
        if m: out.append(m.group(1))
    return out
b, a = load(sys.argv[1]), load(sys.argv[2])
print("| frame (inclusive share of samples) | before | after |\n|---|---|---|")
for name, pat in areas:
    r = re.compile(pat)
    fb = sum(1 for s in b if r.search(s))/len(b)*100
    fa = sum(1 for s in a if r.search(s))/len(a)*100
    print(f"| {name} | {fb:.1f} % | {fa:.1f} % |")
print(f"| samples | {len(b)} | {len(a)} |")
