#!/usr/bin/env python3
"""Builds data/names.txt: given names and surnames with non-ASCII Latin letters, from the
person providers of the Faker package (MIT licence, see data/LICENSE-faker.txt).

    pip download --no-deps -d /tmp/faker faker && unzip -q -d /tmp/faker/x /tmp/faker/*.whl
    python3 tools/names/build.py /tmp/faker/x > data/names.txt

Only names written in the Latin script with at least one non-ASCII letter are kept: the
names whose letters a copy can lose to spaces (`Ma gorzata` for `Małgorzata`).
"""
import importlib.util
import sys
import unicodedata
from pathlib import Path

root = Path(sys.argv[1])
sys.path.insert(0, str(root))
names = set()
for provider in sorted((root / "faker/providers/person").glob("*/__init__.py")):
    module_name = "faker.providers.person." + provider.parent.name
    try:
        module = importlib.import_module(module_name)
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
        if not isinstance(items, (list, tuple, set)) and not hasattr(items, "__iter__"):
            continue
        for name in items:
            if not isinstance(name, str):
                continue
            for part in name.replace("-", " ").split():
                if part.isascii() or not part.isalpha() or len(part) < 3:
                    continue
                if all(c.isascii() or "LATIN" in unicodedata.name(c, "") for c in part):
                    names.add(unicodedata.normalize("NFC", part))
for name in sorted(names):
    print(name)
