#!/usr/bin/env python3
"""Rebuilds copydesk's embedded lexicon (data/lexicon.tsv, then data/lexicon.fst).

Inputs (downloaded by hand, see data/README.md):
  --wordfreq  wordfreq's large_en.msgpack.gz (from the PyPI package `wordfreq`, data CC BY-SA 4.0)
  --scowl     one or more SCOWL-derived word lists, one word per line (Debian's `wamerican`,
              `wbritish`: /usr/share/dict/american-english, british-english)
  --scowl-large  the larger SCOWL lists (size 70, Debian's `wamerican-large`,
              `wbritish-large`): they only mark words already in the lexicon (bit 15)

Outputs: data/common_words.bin (--common-out), the frequent words (Zipf >= 2.5) with
their values as a ready-made open-addressing hash table (format below), which the
lexicon uses without any start-up work so that ordinary prose rarely needs the slower
fst; and a tab-separated list `word<TAB>value`, sorted by UTF-8 bytes, which the companion Rust
program in this folder (`cargo run --manifest-path tools/lexicon/Cargo.toml`) turns into the
`fst::Map` that src/clean/words/lexicon.rs embeds.

The value packs (see src/clean/words/lexicon.rs, which must agree):
  bits 0..10  Zipf frequency * 100 from wordfreq (0 when the word is not in wordfreq)
  bit 10      SCOWL lists the word in lower case (an ordinary word)
  bit 11      SCOWL lists it Capitalised (a proper name)
  bit 12      SCOWL lists it in CAPITALS (an acronym)
  bit 13      SCOWL lists it in another mixed case (McDonald, iPod)
  bit 14      wordfreq lists it
  bit 15      the larger SCOWL lists (size 70) list it in lower case: a rare real word
              (`bream`, `loam`), not a misspelling of web text; no word is added for it

Keys are lower case, with the typographic apostrophe folded to "'".

common_words.bin (little-endian; kept in step with src/clean/words/lexicon.rs):
  b"CDWT", u32 slot count (a power of two), u32 entry count,
  slots:   u32 each, 0 = empty, else 1 + entry index; a word's first slot is
           fnv1a64(word) & (slots - 1), then the following slots in turn
  entries: u64 each = blob offset (bits 0..24) | byte length (24..32) | value (32..48)
  blob:    the words' UTF-8 bytes

Requires: pip install msgpack
"""

import argparse
import gzip
import struct
import sys

import msgpack

ZIPF_MASK = (1 << 10) - 1
SCOWL_LOWER = 1 << 10
SCOWL_PROPER = 1 << 11
SCOWL_ACRONYM = 1 << 12
SCOWL_MIXED = 1 << 13
IN_WORDFREQ = 1 << 14
LARGE_LOWER = 1 << 15


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
    parser.add_argument("--scowl-large", nargs="+", default=[])
    parser.add_argument("--out", required=True, help="the TSV of all words to write")
    parser.add_argument("--common-out", required=True, help="the TSV of frequent words to write")
    # Keep in step with COMMON_MIN_ZIPF in src/clean/words/lexicon.rs.
    parser.add_argument("--common-min-zipf", type=float, default=2.5)
    args = parser.parse_args()

    values = {}
    for word, zipf_centi in read_wordfreq(args.wordfreq):
        old = values.get(word, 0)
        # A word can appear twice after normalising; keep the higher frequency.
        values[word] = (old & ~ZIPF_MASK) | max(old & ZIPF_MASK, zipf_centi) | IN_WORDFREQ
    for word, flag in read_scowl(args.scowl):
        values[word] = values.get(word, 0) | flag
    for word, flag in read_scowl(args.scowl_large):
        if flag == SCOWL_LOWER and word in values:
            values[word] |= LARGE_LOWER

    with open(args.out, "w", encoding="utf-8") as out:
        for word in sorted(values, key=lambda w: w.encode("utf-8")):
            if "\t" in word or "\n" in word:
                continue
            out.write(f"{word}\t{values[word]}\n")
    print(f"{len(values)} words -> {args.out}", file=sys.stderr)

    threshold = round(args.common_min_zipf * 100)
    common = [w for w in values if (values[w] & ZIPF_MASK) >= threshold]
    common.sort(key=lambda w: (-(values[w] & ZIPF_MASK), w))
    with open(args.common_out, "wb") as out:
        out.write(common_table(common, values))
    print(f"{len(common)} common words -> {args.common_out}", file=sys.stderr)


def fnv1a64(data):
    h = 0xCBF29CE484222325
    for byte in data:
        h = ((h ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def common_table(words, values):
    """The open-addressing hash table of common_words.bin (see the module doc)."""
    slot_count = 1
    while slot_count < len(words) * 2:
        slot_count *= 2
    slots = [0] * slot_count
    entries = []
    blob = bytearray()
    for index, word in enumerate(words):
        data = word.encode("utf-8")
        if len(data) > 255 or len(blob) >= 1 << 24:
            continue
        entries.append(len(blob) | (len(data) << 24) | (values[word] << 32))
        blob += data
        slot = fnv1a64(data) & (slot_count - 1)
        while slots[slot]:
            slot = (slot + 1) & (slot_count - 1)
        slots[slot] = len(entries)
    header = b"CDWT" + struct.pack("<II", slot_count, len(entries))
    return (
        header
        + struct.pack(f"<{slot_count}I", *slots)
        + struct.pack(f"<{len(entries)}Q", *entries)
        + bytes(blob)
    )

if __name__ == "__main__":
    main()
