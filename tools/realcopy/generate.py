#!/usr/bin/env python3
"""Builds the real-copy corpus: articles written here, laid out as real pages, copied out the
way editors copy them, with the answer recorded beside each copy.

    python3 tools/realcopy/generate.py            # all articles -> tests/realcopy/{dev,test}/
    python3 tools/realcopy/generate.py a001 a047  # only these articles

Needs Debian's chromium and poppler-utils, `npm install` in tools/realcopy (puppeteer-core),
and `pip install pypdf pymupdf pyphen wordfreq`. `tools/realcopy/setup` installs all of it.

For every article (tools/realcopy/articles/aNNN.json) it writes, into its split's folder:

    aNNN.print-pdftotext.txt   the print page, PDF by Chromium, text by poppler's pdftotext
    aNNN.print-pypdf.txt       the same PDF, text by pypdf
    aNNN.print-pdftotext-layout.txt  the same PDF, text by `pdftotext -layout` (the page's
                               columns side by side on each line)
    aNNN.print-pymupdf.txt     the same PDF, text by PyMuPDF's `page.get_text()`
    aNNN.epaper.txt            the e-paper viewer page, copied via innerText
    aNNN.web.txt               the web article page, copied via innerText
    aNNN.webp-pdftotext.txt    a web article page printed by Chromium with its running
    aNNN.webp-pypdf.txt        lines (stamp, title, address, N/M), by pdftotext and pypdf
    aNNN.webp-pymupdf.txt      (and PyMuPDF)
    aNNN.webn.txt              a web article page selected whole with the site's frame
                               (menu, bar, cookie notice, foot links), via innerText
    aNNN.KIND.answer.json      what the clean stage should recover from that copy

Articles a001-a046 form the dev split (page templates "A"), a047-a092 the test split (page
templates "B"): different articles, different writers, different templates. Tune on dev; the
test split is only ever scored.

On top of what the software does by itself (hyphens, wraps, glued spans, drop caps, running
heads, page numbers, pull-quote boxes), two kinds of damage no software here makes are
injected into the page text before rendering, and recorded in the answer: keyboard slips in
ordinary words, and non-ASCII letters lost to spaces (in some copies, as some viewers do).
"""

import hashlib
import json
import random
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

from wordfreq import zipf_frequency

sys.path.insert(0, str(Path(__file__).parent))
import pages  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
import os
ARTICLES = Path(os.environ.get("REALCOPY_ARTICLES", HERE / "articles"))
OUT = Path(os.environ.get("REALCOPY_OUT", ROOT / "tests" / "realcopy"))
DEV_LAST = 46
# Articles a093 on (two more writers, written later) are laid out with the "A" templates:
# a093-a104 form the `fresh` split (tuned on), a105-a116 the `fresh-test` split (scored,
# never tuned on). They measure how the clean stage does on writers and names it was not
# tuned on, apart from the page templates.
FRESH_FIRST = 93
FRESH_TEST_FIRST = 105
# a117-a128 (a third writer, written in the thirteenth session from the same format) form
# the `fresh2` split, tuned on like `fresh`.
FRESH2_FIRST = 117
FRESH_KINDS = ("print", "printv", "epaper", "web", "webz", "webp", "webn")

KEYBOARD = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]


def neighbours(ch):
    for r, row in enumerate(KEYBOARD):
        c = row.find(ch)
        if c < 0:
            continue
        near = set()
        for dr in (-1, 0, 1):
            rr = r + dr
            if 0 <= rr < len(KEYBOARD):
                for dc in (-1, 0, 1):
                    cc = c + dc
                    if (dr or dc) and 0 <= cc < len(KEYBOARD[rr]):
                        near.add(KEYBOARD[rr][cc])
        return sorted(near)
    return []


def slip(word, rng):
    """A keyboard slip in `word`: a neighbouring key pressed too (Meanbwhile), instead
    (Meanwhlle), or two letters swapped. None when every try spells a real word."""
    for _ in range(8):
        i = rng.randrange(1, len(word) - 1)
        kind = rng.random()
        near = neighbours(word[i])
        if kind < 0.5 and near:
            out = word[: i + 1] + rng.choice(near) + word[i + 1:]
        elif kind < 0.85 and near:
            out = word[:i] + rng.choice(near) + word[i + 1:]
        else:
            out = word[:i] + word[i + 1] + word[i] + word[i + 2:]
        if out != word and zipf_frequency(out, "en") == 0:
            return out
    return None


def inject_slips(text, rng, rate, avoid, defects, field):
    words = text.split(" ")
    for i, w in enumerate(words):
        core = w.strip(".,;:!?\u201c\u201d\u2018\u2019\"'()\u2014")
        if (len(core) >= 5 and core.isascii() and core.isalpha() and core.islower()
                and core not in avoid and zipf_frequency(core, "en") >= 3.0 and rng.random() < rate):
            bad = slip(core, rng)
            if bad:
                words[i] = w.replace(core, bad, 1)
                defects.append({"class": "slip", "field": field, "original": core, "damaged": bad})
    return " ".join(words)


def lose_letters(text, rng, rate, defects, field):
    out = []
    for ch in text:
        if ord(ch) > 127 and unicodedata.category(ch).startswith("L") and rng.random() < rate:
            out.append(" ")
            defects.append({"class": "lost_letter", "field": field, "original": ch, "damaged": " "})
        else:
            out.append(ch)
    return "".join(out)


def damage(article, rng):
    """A copy of `article` with the injected damage, and the list of what was injected."""
    defects = []
    d = json.loads(json.dumps(article))
    avoid = set((article.get("pullquote") or "").lower().split())
    d["paragraphs"] = [inject_slips(p, rng, 1 / 140, avoid, defects, "body") for p in d["paragraphs"]]
    if d.get("bio"):
        d["bio"] = inject_slips(d["bio"], rng, 1 / 60, avoid, defects, "bio")
    if rng.random() < 0.45:
        rate = rng.choice([0.5, 0.8, 1.0])
        for key in ("title", "subtitle", "bio", "pullquote", "section"):
            if d.get(key):
                d[key] = lose_letters(d[key], rng, rate, defects, key)
        d["authors"] = [lose_letters(a, rng, rate, defects, "authors") for a in d["authors"]]
        d["paragraphs"] = [lose_letters(p, rng, rate, defects, "body") for p in d["paragraphs"]]
    return d, defects


def answer(article, layout, defects, split, kind):
    paragraphs = pages.body_with_dateline(article, layout)
    return {
        "split": split,
        "copy": kind,
        "template": layout["template"],
        "masthead": layout.get("masthead"),
        "kicker": layout.get("kicker", article.get("section")),
        "title": article["title"],
        "subtitle": article.get("subtitle"),
        "authors": article["authors"],
        "date": article["date"],
        "bio": article.get("bio"),
        "paragraphs": paragraphs,
        "pullquote": article.get("pullquote"),
        "defects": defects,
    }


# The varied print family is drawn three times per dev article (`printv`, `printw`,
# `printx`): each kind
# seeds its own page size, columns, fonts, drop cap, running head and folio.
VARIED_TEMPLATES = {"printv": "print-V", "printw": "print-W", "printx": "print-X", "printy": "print-Y",
                    "printq": "print-Q", "printr": "print-R"}
# REALCOPY_KINDS=printw,web generates only those kinds (the others' files stay as they are).
KINDS = {k for k in os.environ.get("REALCOPY_KINDS", "").split(",") if k}
# Which programs take the text out of each PDF: pdftotext and pypdf for every PDF family;
# for the `print` and `webp` families PyMuPDF too, and for `print` pdftotext asked to keep
# the page's layout (`-layout`: columns side by side). The others (`pdftotext-raw`,
# `pypdf-layout`, `pdfminer`) are for probes: `REALCOPY_EXTRACTORS=pypdf-layout,pdfminer`
# takes only those, for every family.
EXTRACTORS = [e for e in os.environ.get("REALCOPY_EXTRACTORS", "").split(",") if e]
FIXTURE_EXTRACTORS = {"print": ("pdftotext", "pypdf", "pdftotext-layout", "pymupdf"),
                      "webp": ("pdftotext", "pypdf", "pymupdf")}


def extractors(kind):
    return EXTRACTORS or FIXTURE_EXTRACTORS.get(kind, ("pdftotext", "pypdf"))


def seeded(*parts):
    return random.Random(int(hashlib.sha256(":".join(parts).encode()).hexdigest()[:16], 16))


def pypdf_text(pdf):
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(str(pdf)).pages)


def pypdf_layout_text(pdf):
    from pypdf import PdfReader

    return "\n".join(page.extract_text(extraction_mode="layout") for page in PdfReader(str(pdf)).pages)


def pymupdf_text(pdf):
    import pymupdf

    with pymupdf.open(str(pdf)) as doc:
        return "".join(page.get_text() for page in doc)


def pdfminer_text(pdf):
    from pdfminer.high_level import extract_text

    return extract_text(str(pdf))


def extract(pdf, extractor, out):
    """Writes the text `extractor` takes out of `pdf` to `out`."""
    if extractor.startswith("pdftotext"):
        options = {"pdftotext": [], "pdftotext-layout": ["-layout"], "pdftotext-raw": ["-raw"]}[extractor]
        subprocess.run(["pdftotext", "-enc", "UTF-8", *options, str(pdf), str(out)], check=True)
        return
    text = {"pypdf": pypdf_text, "pypdf-layout": pypdf_layout_text, "pymupdf": pymupdf_text,
            "pdfminer": pdfminer_text}[extractor](pdf)
    out.write_text(text, encoding="utf-8")


def main(only):
    files = sorted(ARTICLES.glob("a*.json"))
    if only:
        files = [f for f in files if f.stem in only]
    work = Path(tempfile.mkdtemp(prefix="realcopy-"))
    jobs, outputs = [], []
    for f in files:
        article = json.loads(f.read_text(encoding="utf-8"))
        number = int(article["id"][1:])
        if number >= FRESH2_FIRST:
            split, family = "fresh2", "A"
        elif number >= FRESH_TEST_FIRST:
            split, family = "fresh-test", "A"
        elif number >= FRESH_FIRST:
            split, family = "fresh", "A"
        else:
            split, family = ("dev", "A") if number <= DEV_LAST else ("test", "B")
        (OUT / split).mkdir(parents=True, exist_ok=True)
        # dev articles are also laid out by the varied print family (pages.print_varied_page)
        kinds = (("print", "printv", "printw", "printx", "printy", "printq", "printr", "epaper", "epaperv", "web", "webv", "webz", "webp", "webn") if split == "dev"
                 else FRESH_KINDS if family == "A" else ("print", "epaper", "web", "webp", "webn"))
        for kind in kinds:
            if KINDS and kind not in KINDS:
                continue
            rng = seeded(article["id"], kind)
            damaged, defects = damage(article, rng)
            layout = {"template": VARIED_TEMPLATES.get(kind, f"{kind}-{family}")}
            page_html, options = pages.BUILDERS[kind](article, damaged, family, rng, layout)
            html_file = work / f"{article['id']}.{kind}.html"
            html_file.write_text(page_html, encoding="utf-8")
            # The page-grid family is scored as its own split (`grid`): tuned on, like dev.
            folder = "grid" if kind == "printy" else split
            (OUT / folder).mkdir(parents=True, exist_ok=True)
            base = OUT / folder / article["id"]
            if kind in ("print", "webp") or kind in VARIED_TEMPLATES:
                pdf = work / f"{article['id']}.{kind}.pdf"
                jobs.append({"html": str(html_file), "out": str(pdf), "mode": "pdf", "options": options})
                for extractor in extractors(kind):
                    outputs.append((pdf, extractor, Path(f"{base}.{kind}-{extractor}.txt"),
                                    answer(article, layout, defects, split, f"{kind}-{extractor}")))
            else:
                out = Path(f"{base}.{kind}.txt")
                jobs.append({"html": str(html_file), "out": str(out), "mode": "text"})
                outputs.append((None, None, out, answer(article, layout, defects, split, kind)))
    (work / "jobs.json").write_text(json.dumps(jobs), encoding="utf-8")
    subprocess.run(["node", str(HERE / "render.mjs"), str(work / "jobs.json")], check=True)
    for pdf, extractor, out, ans in outputs:
        if extractor:
            extract(pdf, extractor, out)
        Path(str(out)[: -len(".txt")] + ".answer.json").write_text(
            json.dumps(ans, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    shutil.rmtree(work)
    print(f"{len(outputs)} copies of {len(files)} articles written under {OUT}")


if __name__ == "__main__":
    main(set(sys.argv[1:]))
