"""Page templates of the real-copy corpus: an article becomes the HTML a real page would be.

Three kinds of page, each in two template families (A for the dev split, B for the test split),
so the test split is laid out by templates the clean stage was never tuned on:

* print   -- a newspaper page: justified columns, hyphenation (soft hyphens from pyphen),
             a floated drop cap, a pull-quote box in the column, running head and footer
             (printed by Chromium's header/footer templates), printed to PDF;
* epaper  -- an e-paper viewer: every printed line its own absolutely positioned element,
             italic and link words as separate spans spaced by CSS margins (innerText glues them);
* web     -- a news article page: kicker, headline, standfirst, byline block, drop cap as its
             own block, pull-quote <aside> mid-body, bio box.

Each builder returns (html, print_options) and records in `layout` what it chose (masthead
variant, dateline), which the answer needs.
"""

import html
import random
from datetime import date as Date

import pyphen

HYPHENATOR = pyphen.Pyphen(lang="en_US")

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

PAPERS_A = ["The Morning Ledger", "Daily Meridian", "The Harbour Times"]
PAPERS_B = ["THE EVENING COURIER", "Northern Gazette", "The Weekly Lantern"]


def esc(text):
    return html.escape(text, quote=True)


def format_date(iso, style):
    d = Date.fromisoformat(iso)
    month = MONTHS[d.month - 1]
    weekday = WEEKDAYS[d.weekday()]
    return {
        "mdy": f"{month} {d.day}, {d.year}",
        "dmy": f"{d.day} {month} {d.year}",
        "short": f"{month[:3]} {d.day}, {d.year}",
        "short_dot": f"{month[:3]}. {d.day}, {d.year}",
        "weekday": f"{weekday}, {month} {d.day}, {d.year}",
        "weekday_dmy": f"{weekday} {d.day} {month} {d.year}",
        "iso": iso,
        "dmy_short": f"{d.day} {month[:3]} {d.year}",
    }[style]


def join_names(names, style):
    if len(names) == 1:
        return names[0]
    if style == "amp":
        return ", ".join(names[:-1]) + " & " + names[-1]
    return ", ".join(names[:-1]) + " and " + names[-1]


def masthead_lines(article, rng, variants, date_styles):
    """The byline/date block as printed lines, for one variant drawn from `variants`."""
    variant = rng.choice(variants)
    names = join_names(article["authors"], rng.choice(["and", "and", "amp"]))
    when = format_date(article["date"], rng.choice(date_styles))
    role = article.get("role") or "Staff Reporter"
    lines = {
        "by_bar_lines": [f"By {names}", "|", when],
        "by_bar_inline": [f"By {names} | {when}"],
        "by_bar_tight": [f"By {names}|{when}"],
        "by_caps": [f"BY {names}", when],
        "name_role": [f"{names}, {role}", when],
        "date_first": [when, f"By {names}"],
        "by_then_date": [f"By {names}", when],
        "by_role_lines": [f"By {names}", role, when],
        "published": [f"By {names}", f"Published {when}"],
    }[variant]
    return variant, lines


def hyphenate(text):
    """Soft hyphens in the long words of `text`, as a typesetter's dictionary would put them."""
    out = []
    for word in text.split(" "):
        core = word.strip(".,;:!?\u201c\u201d\u2018\u2019\"'()")
        if len(core) >= 7 and core.isalpha() and "-" not in core:
            word = word.replace(core, HYPHENATOR.inserted(core, hyphen="\u00ad"), 1)
        out.append(word)
    return " ".join(out)


def body_with_dateline(article, layout):
    paragraphs = list(article["paragraphs"])
    if layout.get("dateline"):
        paragraphs[0] = f"{layout['dateline']}: {paragraphs[0]}"
    return paragraphs


def pull_quote_after(article):
    """Index of the paragraph the pull-quote box follows: the middle of the article."""
    return max(1, len(article["paragraphs"]) // 2 - 1)


# --------------------------------------------------------------------------- print

PRINT_CSS = {
    "A": """
@page { size: A4; margin: 22mm 14mm 18mm 14mm; }
body { font-family: 'DejaVu Serif', serif; font-size: 9.6pt; line-height: 1.28; margin: 0; }
.kicker { font-family: 'DejaVu Sans', sans-serif; font-size: 9pt; text-transform: uppercase;
  letter-spacing: .08em; margin: 0 0 2mm; }
h1 { font-size: 26pt; line-height: 1.05; margin: 0 0 3mm; }
.standfirst { font-size: 13pt; font-style: italic; margin: 0 0 3mm; }
.meta { font-family: 'DejaVu Sans', sans-serif; font-size: 8.5pt; margin: 0 0 4mm; }
.meta p { margin: 0; }
.cols { column-count: 3; column-gap: 5mm; text-align: justify; hyphens: manual; }
.cols p { margin: 0; text-indent: 1.2em; orphans: 2; widows: 2; }
.cols p.first { text-indent: 0; }
.dropcap { float: left; font-size: 38pt; line-height: .8; margin: 1mm 1.5mm 0 0; font-weight: bold; }
aside.pq { border-top: 2px solid #000; border-bottom: 2px solid #000; margin: 3mm 0;
  padding: 2mm 0; font-size: 13pt; font-style: italic; text-align: left; break-inside: avoid; }
.bio { font-style: italic; font-size: 8.5pt; margin-top: 3mm; text-indent: 0 !important; }
""",
    "B": """
@page { size: A5; margin: 18mm 11mm 16mm 11mm; }
body { font-family: 'Liberation Serif', 'DejaVu Serif', serif; font-size: 10pt; line-height: 1.25; margin: 0; }
.kicker { font-size: 10pt; font-weight: bold; margin: 0 0 1mm; color: #a00; }
h1 { font-family: 'Liberation Sans', sans-serif; font-size: 21pt; line-height: 1.1; margin: 0 0 2mm; }
.standfirst { font-size: 11.5pt; margin: 0 0 2mm; }
.meta { font-size: 8.5pt; text-transform: none; margin: 0 0 3mm; border-bottom: 1px solid #999; }
.meta p { margin: 0 0 1mm; }
.cols { column-count: 2; column-gap: 4.5mm; text-align: justify; hyphens: manual; }
.cols p { margin: 0 0 1.6mm; orphans: 2; widows: 2; }
.dropcap { float: left; font-size: 30pt; line-height: .85; margin: .5mm 1mm 0 0; }
aside.pq { font-family: 'Liberation Sans', sans-serif; font-weight: bold; font-size: 11.5pt;
  margin: 2mm 0; padding: 1.5mm; background: #eee; break-inside: avoid; text-align: left; }
.bio { font-size: 8pt; border-top: 1px solid #000; padding-top: 1mm; }
""",
}


def print_page(article, damaged, family, rng, layout):
    papers = PAPERS_A if family == "A" else PAPERS_B
    paper = rng.choice(papers)
    variants = (["by_bar_inline", "by_then_date", "by_caps", "date_first", "by_bar_tight"]
                if family == "A" else
                ["name_role", "by_bar_inline", "by_role_lines", "published", "by_then_date"])
    date_styles = ["mdy", "dmy", "short", "weekday"] if family == "A" else ["dmy", "mdy", "short_dot", "weekday_dmy"]
    variant, meta = masthead_lines(damaged, rng, variants, date_styles)
    layout["masthead"] = variant
    layout["dateline"] = damaged.get("dateline") if rng.random() < 0.8 else None
    issue_date = format_date(article["date"], "weekday")
    header = (f"<div style='font-size:7pt;width:100%;margin:0 14mm;display:flex;justify-content:space-between'>"
              f"<span>{esc(paper)}</span><span>{esc(issue_date)}</span></div>")
    if family == "A":
        footer = (f"<div style='font-size:7pt;width:100%;text-align:center'>{esc(paper)} | Page "
                  f"<span class='pageNumber'></span></div>")
    else:
        footer = "<div style='font-size:7pt;width:100%;text-align:right;margin-right:11mm'><span class='pageNumber'></span></div>"

    if damaged.get("section"):
        # print A sets the kicker in capitals (text-transform): the copy has them
        layout["kicker"] = article["section"].upper() if family == "A" else article["section"]
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><style>{PRINT_CSS[family]}</style></head><body>"]
    if damaged.get("section"):
        parts.append(f"<p class='kicker'>{esc(damaged['section'])}</p>")
    parts.append(f"<h1>{esc(damaged['title'])}</h1>")
    if damaged.get("subtitle"):
        parts.append(f"<p class='standfirst'>{esc(damaged['subtitle'])}</p>")
    parts.append("<div class='meta'>" + "".join(f"<p>{esc(m)}</p>" for m in meta) + "</div>")
    parts.append("<div class='cols'>")
    paragraphs = body_with_dateline(damaged, layout)
    pq_after = pull_quote_after(article)
    for i, text in enumerate(paragraphs):
        if i == 0 and not layout["dateline"]:
            first, rest = split_drop_cap(text)
            parts.append(f"<p class='first'><span class='dropcap'>{esc(first)}</span>{esc(hyphenate(rest))}</p>")
        else:
            cls = " class='first'" if i == 0 else ""
            parts.append(f"<p{cls}>{esc(hyphenate(text))}</p>")
        if i == pq_after and damaged.get("pullquote"):
            parts.append(f"<aside class='pq'>{esc(damaged['pullquote'])}</aside>")
    if damaged.get("bio"):
        parts.append(f"<p class='bio'>{esc(damaged['bio'])}</p>")
    parts.append("</div></body></html>")
    options = {"headerTemplate": header, "footerTemplate": footer}
    return "".join(parts), options


def split_drop_cap(text):
    """The drop-cap letter (with an opening quote mark before it, if any) and the rest."""
    i = 0
    while i < len(text) and not text[i].isalnum():
        i += 1
    return text[: i + 1], text[i + 1:]


# --------------------------------------------------------------------------- e-paper

def break_lines(words, width):
    """Greedy line breaking of `words` (each a (text, style) pair) at `width` characters,
    hyphenating a long word at the line end when its first piece fits."""
    lines, line, used = [], [], 0
    queue = list(words)
    while queue:
        text, style = queue.pop(0)
        need = len(text) + (1 if line else 0)
        if used + need <= width:
            line.append((text, style))
            used += need
            continue
        room = width - used - (1 if line else 0) - 1
        pieces = HYPHENATOR.positions(text) if text.isalpha() and len(text) >= 7 else []
        cut = max((p for p in pieces if p <= room), default=None)
        if cut and line:
            line.append((text[:cut] + "-", style))
            queue.insert(0, (text[cut:], style))
        elif not line:
            line.append((text, style))
            lines.append(line)
            line, used = [], 0
            continue
        else:
            queue.insert(0, (text, style))
        lines.append(line)
        line, used = [], 0
    if line:
        lines.append(line)
    return lines


def styled_words(text, rng, rate):
    """The words of `text`, a few marked italic or as links (each a separate span)."""
    out = []
    for word in text.split():
        r = rng.random()
        out.append((word, "i" if r < rate / 2 else "a" if r < rate else None))
    return out


def epaper_line_html(line, top, left, width_px):
    """One printed line: plain words joined by spaces in one span, each styled word its own
    span spaced by a CSS margin (so innerText has no space there)."""
    spans, plain = [], []
    for text, style in line:
        if style is None:
            plain.append(text)
            continue
        if plain:
            spans.append(f"<span>{esc(' '.join(plain))}</span>")
            plain = []
        tag = "i" if style == "i" else "a href='#'"
        end = "i" if style == "i" else "a"
        spans.append(f"<{tag} style='margin-left:.28em;margin-right:.28em'>{esc(text)}</{end}>")
    if plain:
        spans.append(f"<span>{esc(' '.join(plain))}</span>")
    return (f"<div class='ln' style='top:{top}px;left:{left}px;width:{width_px}px'>"
            + "".join(spans) + "</div>")


def epaper_page(article, damaged, family, rng, layout):
    width = rng.randint(38, 46) if family == "A" else rng.randint(29, 36)
    variants = (["by_bar_lines", "by_then_date", "by_bar_inline", "by_caps"] if family == "A"
                else ["name_role", "date_first", "by_bar_tight", "by_role_lines", "published"])
    date_styles = ["mdy", "dmy", "weekday", "iso"] if family == "A" else ["dmy_short", "mdy", "short", "weekday_dmy"]
    variant, meta = masthead_lines(damaged, rng, variants, date_styles)
    layout["masthead"] = variant
    layout["dateline"] = damaged.get("dateline") if rng.random() < 0.5 else None
    rate = 0.03 if family == "A" else 0.04
    els, top = [], 20
    col_left, col_w = 40, width * 7

    def block(text, cls, chars):
        nonlocal top
        for line in break_lines([(w, None) for w in text.split()], chars):
            els.append(f"<div class='ln {cls}' style='top:{top}px;left:{col_left}px'>"
                       f"{esc(' '.join(t for t, _ in line))}</div>")
            top += 18

    if damaged.get("section"):
        block(damaged["section"].upper() if family == "B" else damaged["section"], "kick", 60)
        layout["kicker"] = article["section"].upper() if family == "B" else article["section"]
    block(damaged["title"], "head", rng.randint(24, 40))
    if damaged.get("subtitle"):
        block(damaged["subtitle"], "stand", rng.randint(40, 60))
    for m in meta:
        block(m, "meta", 80)
    paragraphs = body_with_dateline(damaged, layout)
    pq_after = pull_quote_after(article)
    page_break_at = rng.randint(12, 40) if family == "B" or rng.random() < 0.5 else None
    printed = 0
    for i, text in enumerate(paragraphs):
        if i == 0 and not layout["dateline"]:
            first, text = split_drop_cap(text)
            els.append(f"<div class='ln cap' style='top:{top}px;left:{col_left - 30}px'>{esc(first)}</div>")
        lines = break_lines(styled_words(text, rng, rate), width)
        for j, line in enumerate(lines):
            indent = 12 if j == 0 and i > 0 else 0
            els.append(epaper_line_html(line, top, col_left + indent, col_w))
            top += 15
            printed += 1
            if printed == page_break_at:
                # the viewer's page marker, copied with the text, mid-paragraph
                els.append(f"<div class='ln pg' style='top:{top}px;left:{col_left}px'>"
                           f"{'Page ' if family == 'A' else ''}{rng.randint(2, 15)}</div>")
                top += 15
            if (i == pq_after and damaged.get("pullquote") and j == len(lines) // 2
                    and (family == "B" or rng.random() < 0.5)):
                # the pull-quote box sits in the column: its lines land mid-paragraph
                for pl in break_lines([(w, None) for w in damaged["pullquote"].split()], width - 6):
                    els.append(f"<div class='ln pq' style='top:{top}px;left:{col_left + 20}px'>"
                               f"{esc(' '.join(t for t, _ in pl))}</div>")
                    top += 15
                layout["pullquote_placed"] = True
        if i == pq_after and damaged.get("pullquote") and not layout.get("pullquote_placed"):
            for pl in break_lines([(w, None) for w in damaged["pullquote"].split()], width - 6):
                els.append(f"<div class='ln pq' style='top:{top}px;left:{col_left + 20}px'>"
                           f"{esc(' '.join(t for t, _ in pl))}</div>")
                top += 15
            layout["pullquote_placed"] = True
    if damaged.get("bio"):
        for line in break_lines(styled_words(damaged["bio"], rng, rate * 1.5), width):
            els.append(epaper_line_html(line, top, col_left, col_w))
            top += 15
    css = """body { font-family: 'DejaVu Serif', serif; font-size: 12px; margin: 0; }
#page { position: relative; height: %dpx; }
.ln { position: absolute; white-space: nowrap; }
.head { font-size: 16px; font-weight: bold; } .cap { font-size: 30px; }
a { color: inherit; text-decoration: none; }""" % (top + 40)
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><style>{css}</style></head>"
            f"<body><div id='page'>{''.join(els)}</div></body></html>"), None


# --------------------------------------------------------------------------- web

def web_page(article, damaged, family, rng, layout):
    variants = (["by_bar_lines", "by_bar_inline", "by_then_date", "date_first"] if family == "A"
                else ["by_bar_tight", "name_role", "published", "by_caps", "by_role_lines"])
    date_styles = ["mdy", "dmy", "short"] if family == "A" else ["weekday", "dmy_short", "short_dot", "iso"]
    variant, meta = masthead_lines(damaged, rng, variants, date_styles)
    layout["masthead"] = variant
    layout["dateline"] = damaged.get("dateline") if rng.random() < 0.5 else None
    parts = ["<!doctype html><html lang='en'><head><meta charset='utf-8'><style>",
             "body{font-family:sans-serif;max-width:720px;margin:auto}.dropcap{float:left;font-size:3em;line-height:1}"
             "aside{border-left:4px solid #c00;padding-left:1em;font-size:1.3em}.meta span{display:block}"
             ".meta.inline span{display:inline}</style></head><body><article>"]
    if damaged.get("section"):
        parts.append(f"<div class='kicker'><a href='#'>{esc(damaged['section'])}</a></div>")
    parts.append(f"<h1>{esc(damaged['title'])}</h1>")
    if damaged.get("subtitle"):
        parts.append(f"<p class='standfirst'>{esc(damaged['subtitle'])}</p>")
    if variant == "by_bar_lines":
        by, bar, when = meta
        parts.append(f"<div class='meta'><span>{esc(by)}</span><span>{bar}</span><span>{esc(when)}</span></div>")
    else:
        parts.append("<div class='meta'>" + "".join(f"<p>{esc(m)}</p>" for m in meta) + "</div>")
    paragraphs = body_with_dateline(damaged, layout)
    pq_after = pull_quote_after(article)
    for i, text in enumerate(paragraphs):
        if i == 0 and not layout["dateline"]:
            first, rest = split_drop_cap(text)
            if family == "A":
                parts.append(f"<div class='dropcap'><p>{esc(first)}</p></div><p>{esc(rest)}</p>")
            else:
                parts.append(f"<p><span class='dropcap' style='display:block'>{esc(first)}</span>{esc(rest)}</p>")
        else:
            parts.append(f"<p>{web_inline(text, rng)}</p>")
        if i == pq_after and damaged.get("pullquote"):
            parts.append(f"<aside class='pullquote'><p>{esc(damaged['pullquote'])}</p></aside>")
    parts.append("</article>")
    if damaged.get("bio"):
        parts.append(f"<div class='bio'><p>{web_inline(damaged['bio'], rng, 0.25)}</p></div>")
    parts.append("</body></html>")
    return "".join(parts), None


def web_inline(text, rng, rate=0.03):
    """Words of a web paragraph, a few in <em> or links exactly where the words are (the
    spaces stay outside the element, as a careful page has them)."""
    out = []
    for word in text.split(" "):
        r = rng.random()
        if r < rate / 2:
            out.append(f"<em>{esc(word)}</em>")
        elif r < rate:
            out.append(f"<a href='#'>{esc(word)}</a>")
        else:
            out.append(esc(word))
    return " ".join(out)


# --------------------------------------------------------------------------- print, varied (dev only)
#
# The "A" print template is one page design; copy from other papers differs in page size,
# column count, fonts, paragraph style, drop cap, running head and folio. This family draws
# every one of those from wide ranges per article, so tuning on it rewards mechanisms that
# hold across designs rather than the habits of one. It lays out dev articles only.

PAPERS_V = ["The Lakeside Observer", "MORNING STAR", "Valley Record", "The Civic Post",
            "Coastal Daily", "The Plain Dealer-Review"]
PAGE_SIZES_V = [("A4", 210), ("A5", 148), ("Letter", 216), ("B5", 176), ("279mm 432mm", 279),
                ("Legal", 216)]
FONTS_V = ["'DejaVu Serif'", "'DejaVu Sans'", "'Liberation Serif'", "'Liberation Sans'",
           "'DejaVu Serif Condensed'", "'Liberation Sans Narrow'"]
MASTHEADS_V = ["by_bar_lines", "by_bar_inline", "by_bar_tight", "by_caps", "name_role",
               "date_first", "by_then_date", "by_role_lines", "published"]
DATES_V = ["mdy", "dmy", "short", "short_dot", "weekday", "weekday_dmy", "dmy_short"]


def varied_print_css(rng):
    size, width_mm = rng.choice(PAGE_SIZES_V)
    side = rng.choice([10, 12, 14, 18])
    text_mm = width_mm - 2 * side
    font_pt = rng.choice([8.5, 9, 9.5, 10, 10.5, 11])
    # columns of roughly 40-95 mm
    columns = max(1, min(5, round(text_mm / rng.uniform(48, 80))))
    body_font = rng.choice(FONTS_V)
    head_font = rng.choice(FONTS_V)
    justify = rng.random() < 0.75
    indent = rng.random() < 0.6
    gap = (not indent) or rng.random() < 0.2
    drop_lines = rng.choice([2, 3, 3, 4])
    kicker_caps = rng.random() < 0.5
    css = f"""
@page {{ size: {size}; margin: {rng.choice([14, 18, 22])}mm {side}mm {rng.choice([14, 18])}mm {side}mm; }}
body {{ font-family: {body_font}, serif; font-size: {font_pt}pt; line-height: {rng.choice([1.15, 1.22, 1.3, 1.38])}; margin: 0; }}
.kicker {{ font-family: {head_font}, sans-serif; font-size: {font_pt}pt; margin: 0 0 1.5mm;
  {'text-transform: uppercase; letter-spacing: .06em;' if kicker_caps else 'font-weight: bold;'} }}
h1 {{ font-family: {head_font}, serif; font-size: {rng.choice([18, 22, 26, 30, 34])}pt; line-height: 1.08;
  margin: 0 0 2.5mm; text-align: {rng.choice(['left', 'left', 'center'])}; }}
.standfirst {{ font-size: {font_pt + rng.choice([1.5, 2.5, 3.5])}pt; margin: 0 0 2.5mm;
  {rng.choice(['font-style: italic;', 'font-weight: bold;', ''])} }}
.meta {{ font-family: {head_font}, sans-serif; font-size: {font_pt - 1}pt; margin: 0 0 3.5mm; }}
.meta p {{ margin: 0; }}
.cols {{ column-count: {columns}; column-gap: {rng.choice([4, 5, 6])}mm;
  text-align: {'justify' if justify else 'left'}; hyphens: manual; }}
.cols p {{ margin: 0 0 {'1.8mm' if gap else '0'}; text-indent: {'1.1em' if indent else '0'}; orphans: 2; widows: 2; }}
.cols p.first {{ text-indent: 0; }}
.dropcap {{ float: left; font-size: {font_pt * drop_lines * 1.25:.1f}pt; line-height: .8;
  margin: .8mm 1.2mm 0 0; {rng.choice(['font-weight: bold;', '', 'color: #822;'])} }}
aside.pq {{ margin: 3mm 0; padding: 2mm {rng.choice([0, 2])}mm; font-size: {font_pt + rng.choice([2, 3, 4])}pt;
  {rng.choice(['border-top: 2px solid #000; border-bottom: 2px solid #000;', 'background: #eee;',
               'border-left: 3px solid #444;', ''])}
  {rng.choice(['font-style: italic;', 'font-weight: bold;'])} text-align: left; break-inside: avoid; }}
.bio {{ font-size: {font_pt - 1}pt; margin-top: 3mm; text-indent: 0 !important;
  {rng.choice(['font-style: italic;', 'border-top: 1px solid #000; padding-top: 1mm;', ''])} }}
"""
    return css, kicker_caps, side


def varied_running_lines(rng, paper, issue_date, section, side):
    style = "font-size:7pt;width:100%;margin:0 {side}mm;display:flex;justify-content:space-between".format(side=side)
    header = rng.choice([
        f"<div style='{style}'><span>{esc(paper)}</span><span>{esc(issue_date)}</span></div>",
        f"<div style='{style}'><span>{esc(issue_date)}</span><span>{esc(paper)}</span></div>",
        f"<div style='{style}'><span>{esc(paper.upper())}</span><span>{esc(section or 'News')}</span></div>",
        f"<div style='{style}'><span>{esc(paper)} \u00b7 {esc(issue_date)}</span><span>Page <span class='pageNumber'></span></span></div>",
        "<span></span>",
    ])
    footer = rng.choice([
        f"<div style='font-size:7pt;width:100%;text-align:center'>{esc(paper)} | Page <span class='pageNumber'></span></div>",
        f"<div style='font-size:7pt;width:100%;text-align:right;margin-right:{side}mm'><span class='pageNumber'></span></div>",
        "<div style='font-size:7pt;width:100%;text-align:center'>Page <span class='pageNumber'></span> of <span class='totalPages'></span></div>",
        "<div style='font-size:7pt;width:100%;text-align:center'>\u2014 <span class='pageNumber'></span> \u2014</div>",
        f"<div style='{style}'><span class='pageNumber'></span><span>{esc(paper)}</span></div>",
        "<span></span>",
    ])
    return header, footer


def print_masthead_draws(article, damaged, rng, layout, paper, side, kicker_caps, dateline_chance,
                         drop_cap_chance):
    """The masthead a printed page draws (byline block, dateline, drop cap, running head and
    folio), recorded in `layout`: `(meta lines, drop cap, header, footer)`. The draws come in
    one order, so the committed copies stay as they were."""
    variant, meta = masthead_lines(damaged, rng, MASTHEADS_V, DATES_V)
    layout["masthead"] = variant
    layout["dateline"] = damaged.get("dateline") if rng.random() < dateline_chance else None
    drop_cap = rng.random() < drop_cap_chance
    issue_date = format_date(article["date"], rng.choice(["weekday", "dmy", "mdy", "weekday_dmy"]))
    header, footer = varied_running_lines(rng, paper, issue_date, article.get("section"), side)
    if damaged.get("section"):
        layout["kicker"] = article["section"].upper() if kicker_caps else article["section"]
    return meta, drop_cap, header, footer


def print_page_heads(damaged, css):
    """A printed page's opening: the document with its stylesheet, the kicker, the headline
    and the standfirst, as a list of HTML parts."""
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><style>{css}</style></head><body>"]
    if damaged.get("section"):
        parts.append(f"<p class='kicker'>{esc(damaged['section'])}</p>")
    parts.append(f"<h1>{esc(damaged['title'])}</h1>")
    if damaged.get("subtitle"):
        parts.append(f"<p class='standfirst'>{esc(damaged['subtitle'])}</p>")
    return parts


def print_varied_page(article, damaged, family, rng, layout):
    paper = rng.choice(PAPERS_V)
    css, kicker_caps, side = varied_print_css(rng)
    meta, drop_cap, header, footer = print_masthead_draws(
        article, damaged, rng, layout, paper, side, kicker_caps, dateline_chance=0.7, drop_cap_chance=0.75)
    parts = print_page_heads(damaged, css)
    parts.append("<div class='meta'>" + "".join(f"<p>{esc(m)}</p>" for m in meta) + "</div>")
    parts.append("<div class='cols'>")
    paragraphs = body_with_dateline(damaged, layout)
    pq_after = rng.choice([pull_quote_after(article), max(1, len(paragraphs) // 3)])
    soft = rng.random() < 0.8
    shape = hyphenate if soft else (lambda t: t)
    for i, text in enumerate(paragraphs):
        if i == 0 and drop_cap and not layout["dateline"]:
            first, rest = split_drop_cap(text)
            parts.append(f"<p class='first'><span class='dropcap'>{esc(first)}</span>{esc(shape(rest))}</p>")
        else:
            cls = " class='first'" if i == 0 else ""
            parts.append(f"<p{cls}>{esc(shape(text))}</p>")
        if i == pq_after and damaged.get("pullquote"):
            parts.append(f"<aside class='pq'>{esc(damaged['pullquote'])}</aside>")
    if damaged.get("bio"):
        parts.append(f"<p class='bio'>{esc(damaged['bio'])}</p>")
    parts.append("</div></body></html>")
    return "".join(parts), {"headerTemplate": header, "footerTemplate": footer}


# --------------------------------------------------------------------------- web, varied (dev only)
#
# The "A" web template is a tidy article page. A news site's page, copied with the mouse from
# the kicker to the bio, also carries what sits between: a breadcrumb, share buttons, a
# reading time, a lead photo's caption and credit, an advertisement's label, a "read more"
# link to another story, topic tags. None of it is the article; this family draws each of
# them (and the masthead's arrangement) per article, for dev articles only.

RELATED_V = ["Port strike enters its second week as talks stall",
             "City to plant 10,000 trees along its ring road",
             "Why the price of rice keeps climbing",
             "Local choir wins national title after decade of trying",
             "New bridge opens to traffic two years late"]
CREDITS_V = ["Photo: AFP", "Photograph: Staff", "Image: Supplied", "(Photo: Reuters)",
             "File photo", "Photo: Agencies"]
SHARE_V = ["Share", "Share this article", "Facebook Twitter WhatsApp Email", "Share on X"]
TOPICS_V = ["Topics:", "Tags:", "More on this story:"]


def web_paragraph(text, i, layout, rng, cap_chance):
    """A web page's paragraph `i`: the first (with no dateline) opens with a drop cap in a
    span of its own `cap_chance` of the time; the others, and the rest, with a few words in
    <em> or links."""
    if i == 0 and not layout["dateline"] and rng.random() < cap_chance:
        first, rest = split_drop_cap(text)
        return f"<p><span class='dropcap'>{esc(first)}</span>{esc(rest)}</p>"
    return f"<p>{web_inline(text, rng)}</p>"


def web_varied_page(article, damaged, family, rng, layout):
    variant, meta = masthead_lines(damaged, rng, MASTHEADS_V, DATES_V)
    layout["masthead"] = variant
    layout["dateline"] = damaged.get("dateline") if rng.random() < 0.5 else None
    css = ("body{font-family:%s;max-width:%dpx;margin:auto}.dropcap{float:left;font-size:3em;line-height:1}"
           "aside,blockquote{border-left:4px solid #c00;padding-left:1em;font-size:1.3em}"
           "figure{margin:1em 0}figcaption{font-size:.8em;color:#555}.ad{font-size:.7em;color:#999}"
           ".share a{margin-right:.6em}nav a{margin-right:.3em}") % (
        rng.choice(["sans-serif", "serif", "Georgia, serif"]), rng.choice([640, 720, 800]))
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><style>{css}</style></head><body><article>"]
    section = damaged.get("section")
    if section:
        kicker_style = rng.choice(["link", "breadcrumb", "label"])
        # the breadcrumb's last crumb is the section: the kicker still
        layout["kicker"] = article["section"]
        if kicker_style == "breadcrumb":
            parts.append(f"<nav><a href='#'>Home</a> › <a href='#'>{esc(section)}</a></nav>")
        else:
            inner = f"<a href='#'>{esc(section)}</a>" if kicker_style == "link" else esc(section)
            parts.append(f"<div class='kicker'>{inner}</div>")
    parts.append(f"<h1>{esc(damaged['title'])}</h1>")
    if damaged.get("subtitle"):
        parts.append(f"<p class='standfirst'>{esc(damaged['subtitle'])}</p>")
    meta = list(meta)
    if rng.random() < 0.4:
        meta.append(f"{rng.randint(3, 9)} min read")
    parts.append("<div class='meta'>" + "".join(f"<div>{esc(m)}</div>" for m in meta) + "</div>")
    if rng.random() < 0.5:
        parts.append("<div class='share'>" + "".join(f"<a href='#'>{esc(w)}</a>" for w in rng.choice(SHARE_V).split(" ")) + "</div>")
    if rng.random() < 0.6:
        parts.append(f"<figure><div style='width:300px;height:10px;background:#ccc'></div>"
                     f"<figcaption>{esc(rng.choice(CREDITS_V))}</figcaption></figure>")
    paragraphs = body_with_dateline(damaged, layout)
    pq_after = pull_quote_after(article)
    ad_after = rng.choice([None, 1, 2, len(paragraphs) // 2 + 1])
    related_after = rng.choice([None, 2, 3])
    for i, text in enumerate(paragraphs):
        parts.append(web_paragraph(text, i, layout, rng, 0.6))
        if i == ad_after:
            parts.append(f"<div class='ad'>{rng.choice(['Advertisement', 'ADVERTISEMENT', 'Sponsored'])}</div>")
        if i == related_after:
            label = rng.choice(["Read more:", "Also read:", "Related:"])
            parts.append(f"<p><strong>{label}</strong> <a href='#'>{esc(rng.choice(RELATED_V))}</a></p>")
        if i == pq_after and damaged.get("pullquote"):
            tag = rng.choice(["aside", "blockquote"])
            parts.append(f"<{tag} class='pullquote'><p>{esc(damaged['pullquote'])}</p></{tag}>")
    parts.append("</article>")
    if damaged.get("bio"):
        heading = rng.choice([None, "About the author", "The author"])
        if heading:
            parts.append(f"<h3>{heading}</h3>")
        parts.append(f"<div class='bio'><p>{web_inline(damaged['bio'], rng, 0.25)}</p></div>")
    if rng.random() < 0.5:
        topics = [article["section"]] if article.get("section") else []
        topics.append(rng.choice(["Environment", "Politics", "Business", "Culture", "Sport"]))
        parts.append(f"<div class='topics'>{rng.choice(TOPICS_V)} " + ", ".join(f"<a href='#'>{esc(t)}</a>" for t in topics) + "</div>")
    parts.append("</body></html>")
    return "".join(parts), None


# --------------------------------------------------------------------------- e-paper, varied (dev only)
#
# The "A" e-paper template is one viewer and one page design. This family draws per article
# what differs between viewers and papers: the column's width, the viewer's running head,
# whether a blank line parts paragraphs, where the drop cap's element stands, how many words
# are spans of their own (glued on copy), the page marker's wording and a jump line to
# another page, and where the pull-quote box falls. Dev articles only.

PAGE_MARKS_V = ["Page {n}", "{n}", "P. {n}", "\u2014 {n} \u2014", "Continued on Page {n}",
                "CONTINUED ON PAGE {n}"]


def epaper_varied_page(article, damaged, family, rng, layout):
    width = rng.randint(26, 50)
    variant, meta = masthead_lines(damaged, rng, MASTHEADS_V, DATES_V)
    layout["masthead"] = variant
    layout["dateline"] = damaged.get("dateline") if rng.random() < 0.5 else None
    rate = rng.uniform(0.01, 0.06)
    blank_between = rng.random() < 0.3
    cap_late = rng.random() < 0.3
    els, top = [], 20
    col_left, col_w = 40, width * 7

    def line_div(text, cls, left=col_left):
        nonlocal top
        els.append(f"<div class='ln {cls}' style='top:{top}px;left:{left}px'>{esc(text)}</div>")
        top += 16

    def block(text, cls, chars):
        for line in break_lines([(w, None) for w in text.split()], chars):
            line_div(" ".join(t for t, _ in line), cls)

    if rng.random() < 0.4:
        paper = rng.choice(PAPERS_V)
        when = format_date(article["date"], rng.choice(["weekday", "dmy", "mdy"]))
        line_div(rng.choice([f"{paper.upper()}  {when}", f"{when} | {paper}", paper]), "run")
    kicker_caps = rng.random() < 0.5
    if damaged.get("section") and rng.random() < 0.85:
        block(damaged["section"].upper() if kicker_caps else damaged["section"], "kick", 60)
        layout["kicker"] = article["section"].upper() if kicker_caps else article["section"]
    else:
        layout["kicker"] = None
    block(damaged["title"], "head", rng.randint(20, 45))
    if damaged.get("subtitle"):
        block(damaged["subtitle"], "stand", rng.randint(35, 65))
    for m in meta:
        block(m, "meta", 80)
    paragraphs = body_with_dateline(damaged, layout)
    pq_after = rng.choice([pull_quote_after(article), max(1, len(paragraphs) // 3)])
    pq_mid = rng.random() < 0.7
    mark_at = rng.randint(10, 45) if rng.random() < 0.7 else None
    mark = rng.choice(PAGE_MARKS_V).format(n=rng.randint(2, 19))
    printed = 0

    def pull_quote():
        for pl in break_lines([(w, None) for w in damaged["pullquote"].split()], max(18, width - 8)):
            line_div(" ".join(t for t, _ in pl), "pq", col_left + 20)
        layout["pullquote_placed"] = True

    for i, text in enumerate(paragraphs):
        cap = None
        if i == 0 and not layout["dateline"] and rng.random() < 0.7:
            cap, text = split_drop_cap(text)
            if not cap_late:
                els.append(f"<div class='ln cap' style='top:{top}px;left:{col_left - 30}px'>{esc(cap)}</div>")
        lines = break_lines(styled_words(text, rng, rate), width)
        for j, line in enumerate(lines):
            els.append(epaper_line_html(line, top, col_left + (12 if j == 0 and i > 0 else 0), col_w))
            top += 15
            printed += 1
            if cap and cap_late and j == 0:
                # the viewer emits the floated letter's element after the first line
                els.append(f"<div class='ln cap' style='top:{top}px;left:{col_left - 30}px'>{esc(cap)}</div>")
            if printed == mark_at:
                line_div(mark, "pg")
            if (i == pq_after and pq_mid and damaged.get("pullquote") and j == len(lines) // 2
                    and not layout.get("pullquote_placed")):
                pull_quote()
        if i == pq_after and damaged.get("pullquote") and not layout.get("pullquote_placed"):
            pull_quote()
        if blank_between:
            line_div("\u00a0", "gap")
    if damaged.get("bio"):
        for line in break_lines(styled_words(damaged["bio"], rng, rate * 1.5), width):
            els.append(epaper_line_html(line, top, col_left, col_w))
            top += 15
    css = """body { font-family: %s; font-size: 12px; margin: 0; }
#page { position: relative; height: %dpx; }
.ln { position: absolute; white-space: nowrap; }
.head { font-size: 16px; font-weight: bold; } .cap { font-size: 30px; }
a { color: inherit; text-decoration: none; }""" % (rng.choice(["'DejaVu Serif', serif", "'DejaVu Sans', sans-serif"]), top + 40)
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><style>{css}</style></head>"
            f"<body><div id='page'>{''.join(els)}</div></body></html>"), None


# --------------------------------------------------------------------------- print, page grid (dev only)
#
# The varied family flows one article through CSS columns. Papers also set a page as a grid:
# a rail beside the columns holding the byline, date and bio; the lead paragraph across every
# column in a larger face; a pull-quote across the columns that cuts the body into two bands;
# a photo with its caption in a column. This family draws those per dev article
# (`printy`), so that what reads the varied family's pages is tried on layouts it never saw.

CAPTIONS_Y = ["A view of the site on Tuesday. Photo: Staff", "File photo",
              "Residents gather outside the hall. (Photo: Agencies)",
              "The scene earlier this week. Image: Supplied"]


def print_grid_page(article, damaged, family, rng, layout):
    paper = rng.choice(PAPERS_V)
    size, width_mm = rng.choice(PAGE_SIZES_V[:4])
    side = rng.choice([10, 12, 14])
    font_pt = rng.choice([8.5, 9, 9.5, 10])
    text_mm = width_mm - 2 * side
    rail = rng.choice(["left", "right", "none", "none"])
    rail_mm = 38 if rail != "none" else 0
    main_mm = text_mm - rail_mm - (5 if rail_mm else 0)
    columns = max(2, min(4, round(main_mm / rng.uniform(45, 62))))
    body_font = rng.choice(FONTS_V)
    head_font = rng.choice(FONTS_V)
    justify = rng.random() < 0.8
    indent = rng.random() < 0.6
    lead_span = rng.random() < 0.5
    pq_span = rng.random() < 0.6
    photo = rng.random() < 0.5
    drop_lines = rng.choice([2, 3, 3])
    kicker_caps = rng.random() < 0.5
    css = f"""
@page {{ size: {size}; margin: {rng.choice([14, 18])}mm {side}mm 16mm {side}mm; }}
body {{ font-family: {body_font}, serif; font-size: {font_pt}pt; line-height: {rng.choice([1.18, 1.25, 1.32])}; margin: 0; }}
.kicker {{ font-family: {head_font}, sans-serif; margin: 0 0 1.5mm;
  {'text-transform: uppercase; letter-spacing: .06em;' if kicker_caps else 'font-weight: bold;'} }}
h1 {{ font-family: {head_font}, serif; font-size: {rng.choice([20, 26, 32])}pt; line-height: 1.08; margin: 0 0 2.5mm; }}
.standfirst {{ font-size: {font_pt + 2}pt; margin: 0 0 3mm; {rng.choice(['font-style: italic;', 'font-weight: bold;', ''])} }}
.grid {{ display: flex; flex-direction: {'row-reverse' if rail == 'right' else 'row'}; gap: 5mm; }}
.rail {{ width: {rail_mm}mm; flex: none; font-family: {head_font}, sans-serif; font-size: {font_pt - 0.5}pt;
  border-{'right' if rail == 'left' else 'left'}: 1px solid #888; padding: 0 2mm; }}
.rail p {{ margin: 0 0 2mm; }}
.main {{ flex: 1; }}
.meta {{ font-family: {head_font}, sans-serif; font-size: {font_pt - 1}pt; margin: 0 0 3mm; }}
.meta p {{ margin: 0; }}
.lead {{ font-size: {font_pt + 2.5}pt; margin: 0 0 3mm; {rng.choice(['font-weight: bold;', ''])} }}
.cols {{ column-count: {columns}; column-gap: 5mm; text-align: {'justify' if justify else 'left'}; hyphens: manual; }}
.cols p {{ margin: 0 0 {'0' if indent else '1.8mm'}; text-indent: {'1.1em' if indent else '0'}; orphans: 2; widows: 2; }}
.cols p.first {{ text-indent: 0; }}
.dropcap {{ float: left; font-size: {font_pt * drop_lines * 1.25:.1f}pt; line-height: .8; margin: .8mm 1.2mm 0 0; }}
aside.pq {{ margin: 3mm 0; padding: 2mm 0; font-size: {font_pt + 4}pt; border-top: 2px solid #000;
  border-bottom: 2px solid #000; font-style: italic; text-align: {rng.choice(['left', 'center'])};
  break-inside: avoid; {'column-span: all;' if pq_span else ''} }}
figure {{ margin: 0 0 3mm; break-inside: avoid; }}
figure div {{ height: {rng.choice([25, 35, 45])}mm; background: #bbb; }}
figcaption {{ font-size: {font_pt - 1.5}pt; font-family: {head_font}, sans-serif; }}
.bio {{ font-size: {font_pt - 1}pt; margin-top: 3mm; font-style: italic; text-indent: 0 !important; }}
"""
    meta, drop_cap, header, footer = print_masthead_draws(
        article, damaged, rng, layout, paper, side, kicker_caps, dateline_chance=0.6, drop_cap_chance=0.6)
    meta_html = "<div class='meta'>" + "".join(f"<p>{esc(m)}</p>" for m in meta) + "</div>"
    bio_html = f"<p class='bio'>{esc(damaged['bio'])}</p>" if damaged.get("bio") else ""
    parts = print_page_heads(damaged, css)
    if rail == "none":
        parts.append(meta_html)
    parts.append("<div class='grid'>")
    if rail != "none":
        parts.append("<div class='rail'>" + meta_html + (bio_html if rng.random() < 0.5 else "") + "</div>")
        if bio_html in parts[-1]:
            bio_html = ""
    parts.append("<div class='main'>")
    paragraphs = body_with_dateline(damaged, layout)
    soft = rng.random() < 0.8
    shape = hyphenate if soft else (lambda t: t)
    start = 0
    if lead_span:
        parts.append(f"<p class='lead'>{esc(paragraphs[0])}</p>")
        start = 1
    parts.append("<div class='cols'>")
    pq_after = rng.choice([pull_quote_after(article), max(1, len(paragraphs) // 3)])
    photo_after = rng.randrange(start, max(start + 1, len(paragraphs) - 1))
    for i in range(start, len(paragraphs)):
        text = paragraphs[i]
        if i == 0 and drop_cap and not layout["dateline"]:
            first, rest = split_drop_cap(text)
            parts.append(f"<p class='first'><span class='dropcap'>{esc(first)}</span>{esc(shape(rest))}</p>")
        else:
            cls = " class='first'" if i == start else ""
            parts.append(f"<p{cls}>{esc(shape(text))}</p>")
        if photo and i == photo_after:
            parts.append(f"<figure><div></div><figcaption>{esc(rng.choice(CAPTIONS_Y))}</figcaption></figure>")
        if i == pq_after and damaged.get("pullquote"):
            parts.append(f"<aside class='pq'>{esc(damaged['pullquote'])}</aside>")
    parts.append(bio_html)
    parts.append("</div></div></div></body></html>")
    return "".join(parts), {"headerTemplate": header, "footerTemplate": footer}


BUILDERS = {"print": print_page, "printv": print_varied_page, "printw": print_varied_page,
            "printx": print_varied_page, "printy": print_grid_page,
            "printq": print_varied_page, "printr": print_varied_page,
            "epaper": epaper_page, "epaperv": epaper_varied_page,
            "web": web_page, "webv": web_varied_page}


# --------------------------------------------------------------------------- web, with an author card (probe)
#
# News sites set the byline as an author card: the writer's name as a link, the role under
# it, a Follow button, the time with `Published` and `Updated`, a listen-to-this-article
# player, a newsletter box mid-story, photo captions with credits between paragraphs, and
# at the end the writer's name as a heading over the bio, a comments count and a "most
# read" list. This family draws those per dev article (copies `webz`).

NEWSLETTER_Z = [["Sign up for the Morning Briefing", "Our editors' pick of the day's news, every weekday.",
                 "Email address", "Sign up"],
                ["Get our weekly newsletter", "Sign up"],
                ["NEWSLETTER", "The week's best reads in your inbox on Sundays.", "Subscribe"]]
MOST_READ_Z = ["Most read", "Most popular", "Trending now"]
LISTEN_Z = ["Listen to this article", "Listen · {m} min", "Audio: listen to this story"]


def web_card_page(article, damaged, family, rng, layout):
    when_style = rng.choice(DATES_V)
    when = format_date(article["date"], when_style)
    names = damaged["authors"]
    role = article.get("role") or rng.choice(["Staff Reporter", "Senior Correspondent", "Contributor"])
    layout["masthead"] = "card"
    layout["dateline"] = damaged.get("dateline") if rng.random() < 0.4 else None
    css = ("body{font-family:sans-serif;max-width:760px;margin:auto}.card{display:flex;gap:8px}"
           ".card div{display:block}.btn{border:1px solid #333;padding:2px 6px}"
           ".dropcap{float:left;font-size:3em;line-height:1}aside{font-size:1.4em}"
           "figcaption{font-size:.8em}.box{border:1px solid #ccc;padding:8px}")
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><style>{css}</style></head><body><article>"]
    layout["kicker"] = None
    if damaged.get("section") and rng.random() < 0.8:
        layout["kicker"] = article["section"]
        parts.append(f"<div class='kicker'><a href='#'>{esc(damaged['section'])}</a></div>")
    parts.append(f"<h1>{esc(damaged['title'])}</h1>")
    if damaged.get("subtitle"):
        parts.append(f"<p class='standfirst'>{esc(damaged['subtitle'])}</p>")
    card = rng.choice(["stacked", "inline_by", "names_then_time"])
    if card == "stacked":
        # `Jane Doe` / `Staff Reporter` / `Follow` per writer, then the time.
        people = "".join(f"<div><a href='#'>{esc(n)}</a></div><div>{esc(role)}</div>"
                         f"<div class='btn'>Follow</div>" for n in names)
        parts.append(f"<div class='card'><div>{people}</div></div>")
    elif card == "inline_by":
        links = join_names([f"<a href='#'>{esc(n)}</a>" for n in names], rng.choice(["and", "amp"]))
        parts.append(f"<div class='card'><div>By {links}</div></div>")
    else:
        links = join_names([f"<a href='#'>{esc(n)}</a>" for n in names], "and")
        parts.append(f"<div class='card'><div>{links}</div></div>")
    time_style = rng.choice(["published", "published_updated", "bare", "clock"])
    if time_style == "published":
        parts.append(f"<div><time>Published {esc(when)}</time></div>")
    elif time_style == "published_updated":
        later = format_date(article["date"], when_style)
        parts.append(f"<div><time>Published {esc(when)}</time> · <time>Updated {esc(later)}</time></div>")
    elif time_style == "bare":
        parts.append(f"<div><time>{esc(when)}</time></div>")
    else:
        parts.append(f"<div><time>{esc(when)}, {rng.randint(6, 22):02d}:{rng.choice(['05', '30', '45'])} GMT</time></div>")
    if rng.random() < 0.5:
        parts.append(f"<div class='btn'>{esc(rng.choice(LISTEN_Z).format(m=rng.randint(3, 9)))}</div>")
    paragraphs = body_with_dateline(damaged, layout)
    pq_after = pull_quote_after(article)
    box_after = rng.choice([None, 1, 2])
    photo_after = rng.choice([None, 0, 3])
    for i, text in enumerate(paragraphs):
        parts.append(web_paragraph(text, i, layout, rng, 0.4))
        if i == box_after:
            lines = rng.choice(NEWSLETTER_Z)
            parts.append("<div class='box'>" + "".join(f"<div>{esc(l)}</div>" for l in lines) + "</div>")
        if i == photo_after:
            parts.append(f"<figure><div style='width:300px;height:10px;background:#ccc'></div>"
                         f"<figcaption>{esc(rng.choice(CAPTIONS_Y))}</figcaption></figure>")
        if i == pq_after and damaged.get("pullquote"):
            parts.append(f"<aside><p>{esc(damaged['pullquote'])}</p></aside>")
    parts.append("</article>")
    if damaged.get("bio"):
        if rng.random() < 0.6:
            parts.append(f"<h3>{esc(names[0])}</h3>")
        parts.append(f"<div class='bio'><p>{web_inline(damaged['bio'], rng, 0.2)}</p></div>")
    if rng.random() < 0.5:
        parts.append(f"<div>{rng.randint(2, 400)} comments</div>")
    if rng.random() < 0.6:
        parts.append(f"<h3>{rng.choice(MOST_READ_Z)}</h3><ol>" +
                     "".join(f"<li><a href='#'>{esc(t)}</a></li>" for t in rng.sample(RELATED_V, 3)) + "</ol>")
    parts.append("</body></html>")
    return "".join(parts), None


BUILDERS["webz"] = web_card_page


# --------------------------------------------------------------------------- web page, printed by the browser (probe)
#
# A reader who keeps an article from a news site prints the web page to PDF: the page as
# the site lays it out (any of the web families above), with the browser's own running
# lines: the date and time the page was printed and the page's title at the head of every
# sheet, the page's address and `N/M` at the foot. The text is then taken from the PDF by
# pdftotext or pypdf (copies `webp-pdftotext`, `webp-pypdf`).

SITES_P = ["The Civic Post", "Daily Meridian", "Northern Gazette", "The Harbour Times", "Valley Record"]


def web_printed_page(article, damaged, family, rng, layout):
    builder = rng.choice([web_page, web_varied_page, web_card_page])
    page_html, _ = builder(article, damaged, family, rng, layout)
    site = rng.choice(SITES_P)
    separator = rng.choice([" | ", " - ", " \u2013 ", " \u2014 "])
    title = damaged["title"] + separator + site
    page_html = page_html.replace("<head>", f"<head><title>{esc(title)}</title>", 1)
    # The date and time of printing as Chrome writes them in an English locale.
    printed = rng.choice(["12/4/26, 10:15 AM", "3/17/25, 8:02 PM", "04/11/2026, 14:37", "9/2/24, 7:45 AM"])
    words = "".join(c if c.isascii() and c.isalnum() else " " for c in article["title"].lower()).split()
    domain = "".join(w for w in site.lower().split() if w != "the")
    section = (article.get("section") or "news").lower().replace(" ", "-")
    url = rng.choice([f"https://www.{domain}.com/{section}/{'-'.join(words)}",
                      f"https://{domain}.co.uk/news/{article['date'].replace('-', '/')}/{'-'.join(words[:8])}",
                      f"https://www.{domain}.com/article/{'-'.join(words)}-{rng.randrange(10**6, 10**7)}"])
    line = "font-size:8px;width:100%;margin:0 10mm;display:flex;justify-content:space-between"
    header = (f"<div style='{line}'><span>{esc(printed)}</span>"
              "<span class='title' style='max-width:60%;overflow:hidden;white-space:nowrap;text-overflow:ellipsis'></span>"
              "<span></span></div>")
    footer = (f"<div style='{line}'><span style='max-width:80%;overflow:hidden;white-space:nowrap;text-overflow:ellipsis'>{esc(url)}</span>"
              "<span><span class='pageNumber'></span>/<span class='totalPages'></span></span></div>")
    page_html = page_html.replace("<style>", "<style>@page{size:" + rng.choice(["A4", "Letter"]) + ";margin:16mm 12mm}", 1)
    return page_html, {"headerTemplate": header, "footerTemplate": footer}


BUILDERS["webp"] = web_printed_page


# --------------------------------------------------------------------------- web page, the whole page selected (probe)
#
# An editor who selects the whole page (Ctrl+A) rather than the story copies what the
# site prints around it too: the site's name and menu, a sign-in link, a cookie notice,
# and at the foot the site's sections, its links and its copyright line. This family sets
# an article as one of the web families inside such a page (copies `webn`).

NAV_N = [["Home", "News", "World", "Business", "Sport", "Culture", "Opinion"],
         ["News", "Politics", "Economy", "Science", "Travel", "Video"],
         ["Latest", "Local", "National", "International", "Weather", "Podcasts", "Newsletters"]]
TOP_N = [["Sign in", "Subscribe"], ["Log in", "Register"], ["Subscribe for €1", "Sign in"], ["Menu", "Search"]]
COOKIE_N = [["We use cookies to improve your experience on our site. By continuing you agree to our use of cookies.", "Accept all", "Manage preferences"],
            ["This site uses cookies. Read our cookie policy.", "OK"],
            ["We and our partners use cookies to personalise content and ads.", "Accept", "Reject"]]
FOOT_N = [["About us", "Contact", "Advertise", "Careers"], ["Privacy policy", "Terms of use", "Cookie settings"],
          ["Help", "Accessibility", "Sitemap", "RSS"]]


def web_whole_page(article, damaged, family, rng, layout):
    builder = rng.choice([web_page, web_varied_page, web_card_page])
    page_html, _ = builder(article, damaged, family, rng, layout)
    site = rng.choice(SITES_P)
    year = article["date"][:4]
    nav = rng.choice(NAV_N)
    inline = rng.random() < 0.5
    sep = " " if inline else ""
    nav_html = ("<nav class='site'>" + sep.join(f"<a href='#'>{esc(n)}</a>" for n in nav) + "</nav>") if inline else \
        ("<nav class='site'><ul>" + "".join(f"<li><a href='#'>{esc(n)}</a></li>" for n in nav) + "</ul></nav>")
    top = rng.choice(TOP_N)
    header = (f"<header><div class='logo'>{esc(site)}</div>" + nav_html +
              "<div class='top'>" + " ".join(f"<a href='#'>{esc(t)}</a>" for t in top) + "</div></header>")
    cookie = ""
    if rng.random() < 0.6:
        c = rng.choice(COOKIE_N)
        cookie = ("<div class='cookie'><p>" + esc(c[0]) + "</p>" +
                  "".join(f"<button>{esc(b)}</button>" for b in c[1:]) + "</div>")
    foot_lists = rng.sample(FOOT_N, 2)
    footer = ("<footer>" + "".join("<ul>" + "".join(f"<li><a href='#'>{esc(x)}</a></li>" for x in lst) + "</ul>"
                                   for lst in foot_lists) +
              f"<p>{rng.choice(['©', '© Copyright', 'Copyright ©'])} {year} {esc(site)}. "
              f"{rng.choice(['All rights reserved.', 'All rights reserved', ''])}</p></footer>")
    style = "<style>nav.site ul{list-style:none;padding:0}nav.site li{display:inline;margin-right:8px}header,footer{font-family:sans-serif}</style>"
    cookie_first = rng.random() < 0.5
    page_html = page_html.replace("<body>", "<body>" + style + (cookie if cookie_first else "") + header, 1)
    page_html = page_html.replace("</body>", footer + ("" if cookie_first else cookie) + "</body>", 1)
    return page_html, None


BUILDERS["webn"] = web_whole_page
