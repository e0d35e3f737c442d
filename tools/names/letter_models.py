"""Measures two models that would guess a letter outside ASCII a name lost, before any is built.

The clean stage restores a lost letter only from a list that prints the whole word (the
names of `data/names.txt`, the 23 languages' words of `data/foreign_words.fst`). Names no
list holds stay damaged. This script asks whether the letters around a gap could say
which letter was lost, scored on the names of `data/names.txt` (their letters are known):

- `context`: the letter seen most often between the same two letters on each side (backing
  off to one on each side) in the 23 languages' words, pooled or in the name's own
  language (`--own-language`);
- `ending`: the letter a word's last `--suffix` ASCII letters are most often followed by at
  a word's end, in the name's language, against how often words end there with no such
  letter.

A model answers only when its best letter has at least `--share` of the cases it has seen
and at least `--least` of them; the script prints the letters right, wrong and
unanswered, and for `ending` how many intact names it would wrongly lengthen.

    pip install wordfreq==3.1.1
    python3 tools/names/letter_models.py context --share 0.9
    python3 tools/names/letter_models.py context --share 0.9 --own-language
    python3 tools/names/letter_models.py ending --suffix 3 --share 0.9

Measured 2026-12-07 (README, fifteenth session), with the commands above: `context`
pooled is right for 0.77 of the letters it answers (2,255 of 2,918) and answers for 13 %
of them; in the name's language 0.85 (4,638 of 5,478), answering for 25 %; `ending`
(`--least 20`) answers for 15 of 2,576 names that lost their last letter. A name is exact
only when all its letters are, so neither was built.
"""

import argparse
import collections
from pathlib import Path

import wordfreq

# The languages of data/foreign_words.fst (tools/names/foreign_words.py).
LANGUAGES = "pl cs sk ro de tr vi es pt fr it hu sh sl lt lv fi sv nb da is nl ca".split()
# As foreign_words.py: rarer words are left out.
LEAST_ZIPF = 1.5
NAMES = Path(__file__).resolve().parents[2] / "data" / "names.txt"


def words(language):
    for word in wordfreq.iter_wordlist(language, "best"):
        if wordfreq.zipf_frequency(word, language) < LEAST_ZIPF:
            break
        if word.isalpha():
            yield word


def names():
    for line in NAMES.read_text(encoding="utf-8").splitlines():
        name, _, languages = line.split("\t")
        yield name, languages.split(",")[0]


def contexts(word):
    """(left, right, letter) for each letter outside ASCII of `word`, `^`/`$` at its ends."""
    marked = f"^{word}$"
    for i, letter in enumerate(marked):
        if letter in "^$" or letter.isascii():
            continue
        yield marked[max(0, i - 2) : i], marked[i + 1 : i + 3], letter


def best(counts, share, least):
    total = sum(counts.values())
    letter, seen = counts.most_common(1)[0]
    return letter if total >= least and seen / total >= share else None


def context_model(args):
    tables = collections.defaultdict(lambda: collections.defaultdict(collections.Counter))
    for language in LANGUAGES:
        for word in words(language):
            for left, right, letter in contexts(word):
                for key in ((left, right), (left[-1:], right[:1])):
                    tables[language][key][letter] += 1
                    tables["*"][key][letter] += 1
    right_, wrong, unanswered = 0, 0, 0
    for name, language in names():
        table = tables[language if args.own_language and language in LANGUAGES else "*"]
        for left, right, letter in contexts(name.lower()):
            if not (left + right).isascii():
                continue
            guess = None
            for key in ((left, right), (left[-1:], right[:1])):
                if key in table:
                    guess = best(table[key], args.share, args.least)
                    break
            if guess is None:
                unanswered += 1
            elif guess == letter:
                right_ += 1
            else:
                wrong += 1
    print(f"context: right {right_}, wrong {wrong}, unanswered {unanswered}")


def ending_model(args):
    k = args.suffix
    ends = collections.defaultdict(collections.Counter)
    for language in LANGUAGES:
        for word in words(language):
            if len(word) <= k:
                continue
            if word[-k:].isascii():
                ends[(language, word[-k:])]["$"] += 1
            if not word[-1].isascii() and word[-k - 1 : -1].isascii():
                ends[(language, word[-k - 1 : -1])][word[-1]] += 1
    right_, wrong, unanswered, lengthened, intact = 0, 0, 0, 0, 0
    for name, language in names():
        word = name.lower()
        if language not in LANGUAGES or len(word) < k + 2:
            continue
        lost = not word[-1].isascii() and word[-k - 1 : -1].isascii()
        stem = word[-k - 1 : -1] if lost else word[-k:]
        if not lost and not stem.isascii():
            continue
        counts = ends.get((language, stem))
        guess = best(counts, args.share, args.least) if counts else None
        guess = None if guess == "$" else guess
        if lost:
            if guess is None:
                unanswered += 1
            elif guess == word[-1]:
                right_ += 1
            else:
                wrong += 1
        else:
            intact += 1
            lengthened += guess is not None
    print(
        f"ending: right {right_}, wrong {wrong}, unanswered {unanswered}; "
        f"intact names lengthened {lengthened} of {intact}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("model", choices=["context", "ending"])
    parser.add_argument("--share", type=float, default=0.9)
    parser.add_argument("--least", type=int, default=3)
    parser.add_argument("--suffix", type=int, default=3)
    parser.add_argument("--own-language", action="store_true")
    args = parser.parse_args()
    (context_model if args.model == "context" else ending_model)(args)


if __name__ == "__main__":
    main()
