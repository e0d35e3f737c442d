#!/usr/bin/env python3
"""Builds data/whole_at_edge.txt: ASCII words that other languages' papers print as they
stand about as often as a word they would be with one more letter outside ASCII at the
end (`troms`, the Norwegian county, beside `tromsø`), with that word. The clean stage
restores a capitalised ASCII word no dictionary knows that lost such a letter (`Pozna`
for Poznań); a word of this list is a word of its own beside the longer word it is
listed with, never taken for a copy of it.

Source: wordfreq 3.1.1's frequency lists, as tools/names/foreign_words.py (data CC BY-SA
4.0, data/LICENSE-wordfreq.txt).

    pip download --no-deps wordfreq==3.1.1 -d /tmp/wf && unzip -q /tmp/wf/wordfreq-*.whl -d /tmp/wf/whl
    pip install msgpack
    python3 tools/names/whole_at_edge.py /tmp/wf/whl/wordfreq/data > data/whole_at_edge.txt

For every word of the lists with one letter outside ASCII at its end and ASCII letters
otherwise (at least three of them), the ASCII rest is listed when, in the language
whose list prints the longer word most often, the rest is printed at most WITHIN Zipf
below it. One pair per line, `rest<TAB>longer`, sorted by bytes, in lower case.
"""
import sys
import unicodedata

from foreign_words import LANGUAGES, MIN_ZIPF, frequencies

# How far (Zipf) below the longer word the rest may be printed and still be a word of its
# own: `troms` 4.64 beside `tromsø` 4.93 in Norwegian is; `pozna` 3.73 beside `poznań`
# 4.59 in Polish is not.
WITHIN = 0.5
# The clean stage takes a longer word only when at least this many languages' lists print
# it (its LEAST_NAME_LANGUAGES, counted as tools/names/foreign_words.py counts, from
# MIN_ZIPF): pairs with other words are never asked for.
LEAST_LANGUAGES = 3
# The rest is asked for only in copies of three letters or more (the clean stage's
# LEAST_EDGE_COPY_LETTERS).
LEAST_LETTERS = 3


def main():
    data_dir = sys.argv[1]
    lists = {language: frequencies(data_dir, language) for language in LANGUAGES}
    # The longer word's Zipf in the language that prints it most, that language, and how
    # many lists print it.
    home = {}
    printed_in = {}
    for language, words in lists.items():
        for word, zipf in words.items():
            word = unicodedata.normalize("NFC", word)
            if word.isalpha() and zipf > home.get(word, (0.0, ""))[0]:
                home[word] = (zipf, language)
            if zipf >= MIN_ZIPF:
                printed_in[word] = printed_in.get(word, 0) + 1
    whole = set()
    for word, (zipf, language) in home.items():
        if word.isascii() or len(word) < LEAST_LETTERS + 1:
            continue
        if printed_in.get(word, 0) < LEAST_LANGUAGES:
            continue
        rest = word[:-1]
        if len(rest) >= LEAST_LETTERS and rest.isascii() and rest.isalpha():
            if lists[language].get(rest, 0.0) >= zipf - WITHIN:
                whole.add(f"{rest}\t{word}")
    for pair in sorted(whole, key=lambda w: w.encode()):
        print(pair)


if __name__ == "__main__":
    main()
