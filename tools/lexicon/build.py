#!/usr/bin/env python3
"""Rebuilds copydesk's embedded lexicon (data/lexicon.tsv, then data/lexicon.fst).

Inputs (downloaded by hand, see data/README.md):
  --wordfreq  wordfreq's large_en.msgpack.gz (from the PyPI package `wordfreq`, data CC BY-SA 4.0)
  --scowl     one or more SCOWL-derived word lists, one word per line (Debian's `wamerican`,
              `wbritish`: /usr/share/dict/american-english, british-english)

Output: a tab-separated list `word<TAB>value`, sorted by UTF-8 bytes, which the companion Rust
program in this folder (`cargo run --manifest-path tools/lexicon/Cargo.toml`) turns into the
`fst::Map` that src/clean/words/lexicon.rs embeds.

The value packs (see src/clean/words/lexicon.rs, which must agree):
  bits 0..10  Zipf frequency * 100 from wordfreq (0 when the word is not in wordfreq)
  bit 10      SCOWL lists the word in lower case (an ordinary word)
  bit 11      SCOWL lists it Capitalised (a proper name)
  bit 12      SCOWL lists it in CAPITALS (an acronym)
  bit 13      SCOWL lists it in another mixed case (McDonald, iPod)
  bit 14      wordfreq lists it

Keys are lower case, with the typographic apostrophe folded to "'".

Requires: pip install msgpack
"""

import argparse
import gzip
import sys

import msgpack

ZIPF_MASK = (1 << 10) - 1
SCOWL_LOWER = 1 << 10
SCOWL_PROPER = 1 << 11
SCOWL_ACRONYM = 1 << 12
SCOWL_MIXED = 1 << 13
IN_WORDFREQ = 1 << 14


def normalise(word):
    return word.lower().replace("\u2019", "'")


def read_wordfreq(path):
    """wordfreq's cBpack: [header, bucket0, bucket1, ...]; bucket i has Zipf 9 - i/100."""
    with gzip.open(path) as f:
        data = msgpack.load(f, raw=False)
    header, buckets = data[0], data[1:]
    if header.get("format") != "cB":
        sys.exit(f"{path}: not a wordfreq cBpack file")
    for index, bucket in enumerate(buckets):
        zipf_centi = 900 - index
        if zipf_centi <= 0:
            continue
        for word in bucket:
            # Tokens with digits are never repaired, so they need no entry.
            if any(ch.isalpha() for ch in word) and not any(ch.isdigit() for ch in word):
                yield normalise(word), zipf_centi


def scowl_flag(entry):
    if entry == entry.lower():
        return SCOWL_LOWER
    if entry[0].isupper() and entry[1:] == entry[1:].lower():
        return SCOWL_PROPER
    if entry == entry.upper():
        return SCOWL_ACRONYM
    return SCOWL_MIXED


def read_scowl(paths):
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                entry = line.strip()
                # Possessives ("Aaron's") add nothing: the word passes strip "'s" themselves.
                if not entry or entry.endswith("'s"):
                    continue
                yield normalise(entry), scowl_flag(entry)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wordfreq", required=True)
    parser.add_argument("--scowl", required=True, nargs="+")
    parser.add_argument("--out", required=True, help="the TSV to write")
    args = parser.parse_args()

    values = {}
    for word, zipf_centi in read_wordfreq(args.wordfreq):
        old = values.get(word, 0)
        # A word can appear twice after normalising; keep the higher frequency.
        values[word] = (old & ~ZIPF_MASK) | max(old & ZIPF_MASK, zipf_centi) | IN_WORDFREQ
    for word, flag in read_scowl(args.scowl):
        values[word] = values.get(word, 0) | flag

    with open(args.out, "w", encoding="utf-8") as out:
        for word in sorted(values, key=lambda w: w.encode("utf-8")):
            if "\t" in word or "\n" in word:
                continue
            out.write(f"{word}\t{values[word]}\n")
    print(f"{len(values)} words -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
