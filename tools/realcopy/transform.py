#!/usr/bin/env python3
"""Set committed copies as other software would have set them, for a probe.

Reads the copies of one split (tests/realcopy/SPLIT, default dev) of the kinds named, and
writes each changed by each transform, with its answer, to OUT as `aNNN.TRANSFORM-KIND`:
score them with `REALCOPY_EXTRA=OUT cargo test --release --test realcopy -- --nocapture`.

    python3 tools/realcopy/transform.py /tmp/xf                      # every transform
    python3 tools/realcopy/transform.py /tmp/xf double nfd --kinds web epaper

Transforms: double (a blank line after every line), nfd (letters decomposed), acute (an
acute accent for the apostrophe between letters), straight (straight quotes for curly),
crlf, cr, trail (trailing spaces), tabs (a tab before some lines), nbsp (some spaces
non-breaking), lig (fi and fl as ligatures), noblank (blank lines dropped). The answers
are the copies' own: the article did not change, only how the text was set.
"""

import argparse
import json
import pathlib
import random
import re
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parents[2]


def double(text):
    return "\n".join(line + "\n" for line in text.split("\n"))


def nbsp(text, rng):
    return "".join("\u00a0" if c == " " and rng.random() < 0.05 else c for c in text)


def tabs(text, rng):
    return "\n".join("\t" + l if l and rng.random() < 0.3 else l for l in text.split("\n"))


TRANSFORMS = {
    "double": lambda t, rng: double(t),
    "nfd": lambda t, rng: unicodedata.normalize("NFD", t),
    "acute": lambda t, rng: re.sub(r"(?<=\w)\u2019(?=\w)", "\u00b4", t),
    "straight": lambda t, rng: t.translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")),
    "crlf": lambda t, rng: t.replace("\n", "\r\n"),
    "cr": lambda t, rng: t.replace("\n", "\r"),
    "trail": lambda t, rng: "\n".join(l + "  " if l else l for l in t.split("\n")),
    "tabs": tabs,
    "nbsp": nbsp,
    "lig": lambda t, rng: t.replace("fi", "\ufb01").replace("fl", "\ufb02"),
    "noblank": lambda t, rng: "\n".join(l for l in t.split("\n") if l.strip()),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("transforms", nargs="*", default=sorted(TRANSFORMS))
    parser.add_argument("--split", default="dev")
    parser.add_argument(
        "--kinds",
        nargs="*",
        default=["print-pdftotext", "print-pypdf", "epaper", "epaperv", "web", "printv-pdftotext"],
    )
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for raw in sorted((ROOT / "tests/realcopy" / args.split).glob("*.txt")):
        article, kind = raw.stem.split(".", 1)
        if kind not in args.kinds:
            continue
        text = raw.read_text(encoding="utf-8")
        answer_path = raw.with_name(f"{raw.stem}.answer.json")
        answer = json.loads(answer_path.read_text(encoding="utf-8"))
        for name in args.transforms:
            rng = random.Random(f"{article}.{kind}.{name}")
            copy = f"{name}-{kind}"
            (out / f"{article}.{copy}.txt").write_bytes(
                TRANSFORMS[name](text, rng).encode("utf-8")
            )
            answer = dict(answer, copy=copy)
            (out / f"{article}.{copy}.answer.json").write_text(
                json.dumps(answer, ensure_ascii=False), encoding="utf-8"
            )
            written += 1
    print(f"{written} copies in {out}")


if __name__ == "__main__":
    main()
