#!/usr/bin/env python3
"""Builds data/names.txt: given names and surnames with non-ASCII Latin letters, the names
whose letters a copy can lose to spaces (`Ma gorzata` for `Małgorzata`).

Three sources, all MIT (licences in data/LICENSE-faker.txt, LICENSE-mimesis.txt and
LICENSE-faker-js.txt), each a set of invented-person generators with per-locale name lists:

    pip download --no-deps -d /tmp/faker faker==40.63.0 && unzip -q -d /tmp/faker/x /tmp/faker/*.whl
    pip download --no-deps -d /tmp/mimesis mimesis==22.2.0 && unzip -q -d /tmp/mimesis/x /tmp/mimesis/*.whl
    (mkdir -p /tmp/fjs && cd /tmp/fjs && npm pack @faker-js/faker@10.6.0 && tar xzf faker-js-faker-*.tgz)
    node tools/names/faker_js_names.mjs /tmp/fjs/package > /tmp/fjs/names.txt
    python3 tools/names/build.py /tmp/faker/x /tmp/mimesis/x /tmp/fjs/names.txt > data/names.txt

Only names written in the Latin script with at least one non-ASCII letter are kept. The
Polish and Czech surnames that change with gender get their other form too (`Dąbrowski`
gives `Dąbrowska`, `Šťastný` gives `Šťastná`): the lists hold one or the other at random.

Each line is `name<TAB>listings<TAB>languages`: how many (source, locale) lists hold the
name, and the languages of those locales (`pt,es`). The clean stage uses both to choose
between names a damaged copy fits equally (`Jo o`: João, listed 6 times, or Joâo, once;
`C t` in an article whose other names are French: Côté, not Cát).
"""
import importlib
import json
import sys
import unicodedata
from pathlib import Path


def language(locale):
    return locale.replace("-", "_").split("_")[0].lower()


def faker_names(root):
    """(name, locale) for every string in the name lists of Faker's person providers."""
    sys.path.insert(0, str(root))
    for provider in sorted((root / "faker/providers/person").glob("*/__init__.py")):
        try:
            module = importlib.import_module("faker.providers.person." + provider.parent.name)
        except Exception:
            continue
        cls = getattr(module, "Provider", None)
        if cls is None:
            continue
        for attr in dir(cls):
            if "names" not in attr or attr.startswith("_") or "language" in attr:
                continue
            value = getattr(cls, attr)
            items = value.keys() if isinstance(value, dict) else value
            if not hasattr(items, "__iter__"):
                continue
            locale = provider.parent.name
            yield from ((name, locale) for name in items if isinstance(name, str))


def strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def mimesis_names(root):
    """(name, locale) for the given names and surnames of every mimesis locale."""
    for person in sorted((root / "mimesis/datasets").glob("*/person.json")):
        data = json.loads(person.read_text(encoding="utf-8"))
        for key in ("names", "surnames"):
            yield from ((name, person.parent.name) for name in strings_in(data.get(key)))


def faker_js_names(listing):
    """(name, locale) from tools/names/faker_js_names.mjs's output."""
    for line in listing.read_text(encoding="utf-8").splitlines():
        name, _, locale = line.partition("\t")
        yield name, locale


# Surname endings of the other gender: Polish -ski/-ska, -cki/-cka, -dzki/-dzka; Czech and
# Slovak adjectival -ý/-á.
GENDER_ENDINGS = [("ski", "ska"), ("cki", "cka"), ("dzki", "dzka"), ("ý", "á")]


def with_other_gender(name):
    yield name
    for male, female in GENDER_ENDINGS:
        if name.endswith(male):
            yield name[: -len(male)] + female
        elif name.endswith(female) and female != "á":
            yield name[: -len(female)] + male
        elif female == "á" and name.endswith("á") and name[-2:-1] in ("k", "n", "l", "s", "c"):
            # Novotná, Šťastná, Černá: the adjectival forms, not Nováková-style ones.
            if len(name) > 4 and not name.endswith("ová"):
                yield name[:-1] + "ý"


def keep(part):
    return (
        not part.isascii()
        and part.isalpha()
        and len(part) >= 3
        and all(c.isascii() or "LATIN" in unicodedata.name(c, "") for c in part)
    )


def main():
    faker_root, mimesis_root, faker_js_list = (Path(p) for p in sys.argv[1:4])
    listings = {}  # name -> {(source, locale)}
    sources = {
        "faker": faker_names(faker_root),
        "mimesis": mimesis_names(mimesis_root),
        "faker-js": faker_js_names(faker_js_list),
    }
    for source, pairs in sources.items():
        for name, locale in pairs:
            for part in unicodedata.normalize("NFC", name).replace("-", " ").split():
                for form in with_other_gender(part):
                    if keep(form):
                        listings.setdefault(form, set()).add((source, locale))
    for name in sorted(listings):
        where = listings[name]
        languages = ",".join(sorted({language(locale) for _, locale in where}))
        print(f"{name}\t{len(where)}\t{languages}")


main()
