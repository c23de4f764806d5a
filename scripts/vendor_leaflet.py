"""Vendor Leaflet (BSD-2-Clause) into the package for launchgeo's offline HTML maps.

Runs ``npm pack leaflet@VERSION`` into ``<repo>/cache/`` (once), checks the tarball's sha256,
and copies ``dist/leaflet.js``, ``dist/leaflet.css`` and ``LICENSE`` unchanged into
``src/launchgeo/maps/data/`` with a provenance file beside them. Developers only: the package
never reads the network; the HTML maps inline these files.

Run: python scripts/vendor_leaflet.py [--check]
  --check  rebuild into memory and compare with the shipped files byte for byte.
"""

from __future__ import annotations

import argparse
import sys
import tarfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

from zonebuild.npm import npm_pack, sha256_bytes  # noqa: E402

OUT_DIR = REPO / "src" / "launchgeo" / "maps" / "data"

LEAFLET_VERSION = "1.9.4"
LEAFLET_SHA256 = "84c65a256e50657896f54c33bd857b6849ebe94c817803be818bf32a3dde0b77"
#: Files taken from the npm tarball, and their names in the package.
FILES = {
    "package/dist/leaflet.js": "leaflet.js",
    "package/dist/leaflet.css": "leaflet.css",
    "package/LICENSE": "LEAFLET_LICENSE",
}
PROVENANCE = "LEAFLET_PROVENANCE.md"


def fetch() -> Path:
    return npm_pack("leaflet", LEAFLET_VERSION, LEAFLET_SHA256)


def build() -> dict[str, bytes]:
    tgz = fetch()
    out: dict[str, bytes] = {}
    with tarfile.open(tgz, "r:gz") as tar:
        for member, name in FILES.items():
            fh = tar.extractfile(member)
            if fh is None:
                raise SystemExit(f"{tgz} has no {member}")
            out[name] = fh.read()
    rows = "\n".join(
        f"| `{name}` | `{member.removeprefix('package/')}` | {len(out[name]):,} "
        f"| `{sha256_bytes(out[name])}` |"
        for member, name in FILES.items()
    )
    out[PROVENANCE] = f"""# Leaflet, vendored for launchgeo's offline HTML maps

- Source: the npm package `leaflet@{LEAFLET_VERSION}` (`npm pack leaflet@{LEAFLET_VERSION}`),
  tarball sha256 `{LEAFLET_SHA256}`.
- Licence: BSD-2-Clause (Copyright (c) 2010-2023, Volodymyr Agafonkin; (c) 2010-2011,
  CloudMade), in `LEAFLET_LICENSE`; keep it with the files.
- Written by `scripts/vendor_leaflet.py` (run it to rebuild, `--check` to verify these bytes).
- Files are copied unchanged. `launchgeo.maps.web` inlines `leaflet.js` and `leaflet.css` into
  each HTML map (no CDN, no tile server); the CSS's `url(images/...)` references are replaced by
  `none` there, because launchgeo's maps use no image markers or layer icons.

| file | from the package | bytes | sha256 |
|---|---|---|---|
{rows}
""".encode()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped files")
    args = parser.parse_args()
    files = build()
    if args.check:
        bad = [n for n, data in files.items() if (OUT_DIR / n).read_bytes() != data]
        if bad:
            print(f"differ from the build: {', '.join(bad)}", file=sys.stderr)
            raise SystemExit(1)
        print(f"{len(files)} files reproduced byte for byte")
        return
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (OUT_DIR / name).write_bytes(data)
        print(f"wrote {OUT_DIR / name} ({len(data):,} bytes)")


if __name__ == "__main__":
    main()
