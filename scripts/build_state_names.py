#!/usr/bin/env python
"""Build ``src/launchgeo/zones/data/state_names.csv``: every ISO 3166-1 code with its name in words.

Run by developers only (the package never runs it)::

    python scripts/build_state_names.py           # write the CSV
    python scripts/build_state_names.py --check   # rebuild in memory, compare with the shipped file

Input: ``iso_3166-1.json`` of the Debian package ``iso-codes`` (LGPL-2.1+; the codes and names
are ISO 3166-1 facts), version and sha256 pinned below; ``apt-get install iso-codes`` puts it at
``/usr/share/iso-codes/json/iso_3166-1.json`` (or pass ``--iso-json PATH``).

Names: the ISO "common name" where iso-codes gives one ("South Korea", "Iran"), else the ISO
short name, except for the editorial choices in ``_SHORT`` below (the inverted ISO forms such as
"Congo, The Democratic Republic of the" read badly in a sentence). ``article`` is "the" for names
that take one in running text ("the Marshall Islands", "the United States").
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import sys
from pathlib import Path

ISO_CODES_VERSION = "4.15.0-1"
ISO_JSON_SHA256 = "f01b812b57fba9f31ff621bf33e7c7570a01964dbeb5be2167e94decf538c89f"
DEFAULT_JSON = Path("/usr/share/iso-codes/json/iso_3166-1.json")
OUT = Path(__file__).resolve().parents[1] / "src/launchgeo/zones/data/state_names.csv"

#: Editorial short names (the ISO name is kept in the ``iso_name`` column).
_SHORT = {
    "BES": "Bonaire, Sint Eustatius and Saba",
    "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo",
    "FLK": "Falkland Islands",
    "FSM": "Micronesia",
    "GBR": "United Kingdom",
    "HMD": "Heard Island and McDonald Islands",
    "PSE": "Palestine",
    "RUS": "Russia",
    "SHN": "Saint Helena, Ascension and Tristan da Cunha",
    "UMI": "United States Minor Outlying Islands",
    "USA": "United States",
    "VAT": "Holy See",
    "VGB": "British Virgin Islands",
    "VIR": "United States Virgin Islands",
}
#: Names read with "the" that the suffix rules below miss.
_THE = {"BHS", "COD", "COG", "COM", "GMB", "MDV", "NLD", "PHL", "SYC", "VAT", "UMI", "BES"}
_THE_SUFFIXES = ("Islands", "Republic", "Emirates", "States", "Kingdom", "Territory", "Territories")
_THE_PREFIXES = ("United ", "Republic ")


def _article(code: str, name: str) -> str:
    if code in _THE or name.endswith(_THE_SUFFIXES) or name.startswith(_THE_PREFIXES):
        return "the"
    return ""


def build(json_path: Path) -> str:
    """Return the CSV text built from iso-codes' ``iso_3166-1.json``."""
    raw = json_path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != ISO_JSON_SHA256:
        raise SystemExit(
            f"{json_path}: sha256 {digest} != pinned {ISO_JSON_SHA256} "
            f"(iso-codes {ISO_CODES_VERSION}); update the pin deliberately"
        )
    rows = []
    for entry in sorted(json.loads(raw)["3166-1"], key=lambda e: e["alpha_3"]):
        code = entry["alpha_3"]
        name = _SHORT.get(code) or entry.get("common_name") or entry["name"]
        if "," in name and code not in _SHORT:
            raise SystemExit(f"{code}: inverted ISO name {name!r} needs an entry in _SHORT")
        rows.append((code, entry["alpha_2"], name, _article(code, name), entry["name"]))
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["alpha_3", "alpha_2", "name", "article", "iso_name"])
    writer.writerows(rows)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iso-json", type=Path, default=DEFAULT_JSON)
    parser.add_argument("--check", action="store_true", help="compare with the shipped file")
    ns = parser.parse_args(argv)
    text = build(ns.iso_json)
    if ns.check:
        same = OUT.read_text(encoding="utf-8") == text
        print(f"{OUT.name}: {'reproduced' if same else 'DIFFERS'}")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({text.count(chr(10)) - 1} states and territories)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
