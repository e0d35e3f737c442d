#!/usr/bin/env python3
"""Builds the word list behind data/foreign_words.fst: words of Latin-script languages
written with at least one non-ASCII letter (`bălănescu`, `ćwiklińska`, `ploiești`), the
words whose letters a copy can lose to spaces when data/names.txt does not list them.

Source: wordfreq 3.1.1's frequency lists (data CC BY-SA 4.0, data/LICENSE-wordfreq.txt),
the same package the main lexicon comes from; its lists of other languages hold the names
their newspapers print, not only their vocabulary.

    pip download --no-deps wordfreq==3.1.1 -d /tmp/wf && unzip -q /tmp/wf/wordfreq-*.whl -d /tmp/wf/whl
    pip install msgpack
    python3 tools/names/foreign_words.py /tmp/wf/whl/wordfreq/data > /tmp/foreign_words.tsv
    cargo run --release --manifest-path tools/lexicon/Cargo.toml -- /tmp/foreign_words.tsv data/foreign_words.fst

Each line is `word<TAB>value`, sorted by UTF-8 bytes, the word in lower case. The value
packs the word's highest Zipf frequency × 100 over the languages (bits 0-9) and, from bit
10 up, one bit per language of LANGUAGES (in that order) whose list holds the word at
MIN_ZIPF or more. `src/clean/structure/foreign_words.rs` reads it; keep the two in step.
"""
import gzip
import sys
import unicodedata
from pathlib import Path

import msgpack

# Latin-script languages wordfreq lists (`sh` is its Serbo-Croatian-Bosnian list). The
# order gives the language bits: never reorder, only append (and update the reader).
LANGUAGES = "pl cs sk ro de tr vi es pt fr it hu sh sl lt lv fi sv nb da is nl ca".split()
# Words rarer than this in every list are left out: Zipf 1.5 is about three times per
# hundred million words, rare enough for the surnames a paper prints now and then.
MIN_ZIPF = 1.5


def frequencies(data_dir, language):
    """word -> Zipf frequency from wordfreq's cBpack file (bucket i holds Zipf 9 - i/100)."""
    for size in ("large", "small"):
        path = Path(data_dir) / f"{size}_{language}.msgpack.gz"
        if path.exists():
            with gzip.open(path, "rb") as f:
                data = msgpack.load(f, raw=False)
            return {w: (900 - i) / 100 for i, bucket in enumerate(data[1:]) for w in bucket}
    raise SystemExit(f"no wordfreq list for {language} in {data_dir}")


def latin_with_diacritics(word):
    """Letters only, at least three, at least one non-ASCII, every one of them Latin."""
    return (
        len(word) >= 3
        and word.isalpha()
        and not word.isascii()
        and all(c.isascii() or "LATIN" in unicodedata.name(c, "") for c in word)
    )


def main():
    data_dir = sys.argv[1]
    values = {}
    for bit, language in enumerate(LANGUAGES):
        for word, zipf in frequencies(data_dir, language).items():
            word = unicodedata.normalize("NFC", word)
            if zipf < MIN_ZIPF or not latin_with_diacritics(word):
                continue
            best, languages = values.get(word, (0, 0))
            values[word] = (max(best, round(zipf * 100)), languages | (1 << bit))
    for word in sorted(values, key=lambda w: w.encode()):
        zipf, languages = values[word]
        print(f"{word}\t{zipf | (languages << 10)}")


if __name__ == "__main__":
    main()
