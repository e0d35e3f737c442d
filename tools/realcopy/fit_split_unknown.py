"""Fit the constants of `structure::split_unknown_words` on the dev split's pypdf copies.

Each dev pypdf copy is cleaned with the release binary; every gap between two tokens of
the cleaned body is labelled from the answer (a gap the answer has no space in is a
split to join), and the same reading as the Rust pass (a Viterbi search over tokens:
listed words at their wordfreq Zipf, unseen words UNSEEN + PER_LETTER x letters, PER_JOIN
per join) is scored over a grid of the constants. Only the dev split is read.

    cargo build --release
    pip install wordfreq
    python3 tools/realcopy/fit_split_unknown.py            # the grid, best first
    python3 tools/realcopy/fit_split_unknown.py -5 -1 -2   # one setting, its wrong joins

Run against a binary that already has the pass, it scores what is left open; against
the commit before it (8224c65^), the gaps the pass was fitted on (994 open; at -5, -1, -2:
570 closed, 1 wrong).
"""
import difflib
import glob
import itertools
import json
import os
import re
import subprocess
import sys
from collections import Counter

from wordfreq import zipf_frequency

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
BINARY = os.path.join(ROOT, "target", "release", "copydesk")
KINDS = ["print-pypdf", "printv-pypdf", "printw-pypdf", "printx-pypdf"]
COMMON_SHORT = set(
    "a age all an and any are as at be big but by can day did do end far few for got had "
    "has he her him his how i if in is it its key law let low man may me men my new no not "
    "now of off oil old on one or our out own per put run say see set she six so son ten "
    "the them they to too top two up us via war was way we who why yet you".split()
)
LANGUAGES = "pl cs sk ro de tr vi es pt fr it hu sh sl lt lv fi sv nb da is nl ca".split()
KNOWN_ZIPF = 2.5
SHORT_WORD_ZIPF = 5.0
LEAD = re.compile(r"^[“‘\"'(]+")
TRAIL = re.compile(r"[^\w]+$")


def labelled_copies():
    """(cleaned body tokens, {gap index: 1 if the answer joins it}) per dev pypdf copy."""
    for kind in KINDS:
        for raw in sorted(glob.glob(os.path.join(ROOT, f"tests/realcopy/dev/*.{kind}.txt"))):
            answer = json.load(open(raw.replace(".txt", ".answer.json")))
            out = subprocess.run([BINARY, "clean", raw, "-o", "-"], capture_output=True, text=True)
            body = re.sub(r"^:::.*$", "", out.stdout.split("+++", 2)[-1], flags=re.M)
            got, want = body.split(), " ".join(answer["paragraphs"]).split()
            labels = {}
            matcher = difflib.SequenceMatcher(None, want, got, autojunk=False)
            for op, a1, a2, b1, b2 in matcher.get_opcodes():
                if op == "equal":
                    labels.update((j, 0) for j in range(b1, b2 - 1))
                elif op == "replace":
                    letters = lambda ts: "".join(ts).replace("-", "")
                    if letters(want[a1:a2]) != letters(got[b1:b2]):
                        continue
                    bounds, at = set(), 0
                    for t in want[a1:a2][:-1]:
                        at += len(t.replace("-", ""))
                        bounds.add(at)
                    at = 0
                    for j in range(b1, b2 - 1):
                        at += len(got[j].replace("-", ""))
                        labels[j] = 0 if at in bounds else 1
            yield got, labels


_zipf = {}


def zipf(word):
    word = word.lower()
    if word not in _zipf:
        _zipf[word] = zipf_frequency(word, "en", wordlist="large")
    return _zipf[word]


_foreign = {}


def foreign_zipf(word):
    word = word.lower()
    if word not in _foreign:
        _foreign[word] = max(zipf_frequency(word, lang) for lang in LANGUAGES)
    return _foreign[word]


def score(copies, unseen, per_letter, per_join, show=False):
    def log_probability(word):
        z = zipf(word)
        if len(word) <= 3 and word.islower() and word not in COMMON_SHORT and z < SHORT_WORD_ZIPF:
            z = 0
        if z < KNOWN_ZIPF and not word.isascii():
            z = max(z, foreign_zipf(word))
        return z - 9 if z >= KNOWN_ZIPF else unseen + per_letter * len(word)

    right = wrong = missed = 0
    wrong_at = Counter()
    for got, labels in copies:
        cores = [TRAIL.sub("", LEAD.sub("", t)) for t in got]
        n = len(got)
        best, back = [0.0] * (n + 1), [0] * (n + 1)
        single = [log_probability(c) if c.isalpha() else 0.0 for c in cores]
        for j in range(1, n + 1):
            best[j], back[j] = best[j - 1] + single[j - 1], j - 1
            for i in range(max(0, j - 8), j - 1):
                run = got[i:j]
                if run[0] in "-‐" or run[-1] in "-‐":
                    continue
                pieces, fits = [], True
                for k, t in enumerate(run):
                    if t in ("-", "‐"):
                        fits = k > 0 and run[k - 1] not in ("-", "‐")
                        if not fits:
                            break
                        continue
                    c = cores[i + k]
                    inner = (k > 0 and LEAD.match(t)) or (k < len(run) - 1 and TRAIL.search(t))
                    cased = k == 0 or c.islower() or (c.isupper() and pieces[0].isupper())
                    if inner or not c.isalpha() or not cased:
                        fits = False
                        break
                    pieces.append(c)
                if not fits or not 2 <= len(pieces) <= 6:
                    continue
                if all(log_probability(p) >= KNOWN_ZIPF - 9 for p in pieces):
                    continue
                joined = best[i] + log_probability("".join(pieces)) + per_join * (len(pieces) - 1)
                if joined > best[j]:
                    best[j], back[j] = joined, i
        joined_gaps, j = set(), n
        while j > 0:
            joined_gaps.update(range(back[j], j - 1))
            j = back[j]
        for gap, label in labels.items():
            if gap in joined_gaps and label:
                right += 1
            elif gap in joined_gaps:
                wrong += 1
                wrong_at[" ".join(got[max(0, gap - 2) : gap + 4])] += 1
            elif label:
                missed += 1
    if show:
        for context, count in wrong_at.most_common(40):
            print(f"wrong x{count}: {context}")
    return right, wrong, missed


def main():
    copies = list(labelled_copies())
    if len(sys.argv) == 4:
        print("right, wrong, missed:", score(copies, *map(float, sys.argv[1:]), show=True))
        return
    results = []
    for setting in itertools.product([-4, -5, -6], [-0.8, -1.0, -1.3], [-1, -2, -3]):
        right, wrong, missed = score(copies, *setting)
        results.append((right - 4 * wrong, right, wrong, missed, setting))
    for total, right, wrong, missed, setting in sorted(results, reverse=True)[:10]:
        print(f"unseen, per letter, per join = {setting}: {right} right, {wrong} wrong, {missed} missed")


if __name__ == "__main__":
    main()
