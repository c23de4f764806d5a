"""Atomic file writing for every file launchgeo writes (exports, HTML maps, figures; private).

A file is written under a temporary name in its own folder and renamed over the target with
:func:`os.replace` only when complete, so a reader never sees half a file and a failed write
leaves the old file as it was.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from launchgeo.errors import DataError, ValidationError

__all__ = ["atomic_path", "check_path", "check_replaceable", "write_bytes_atomic"]


#: What the start of a file of each kind looks like: an existing file is replaced only if it
#: is of the kind being written (or empty), so a mistyped suffix never destroys another file.
_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "GeoPackage": (b"SQLite format 3\x00",),
    "KMZ": (b"PK\x03\x04", b"PK\x05\x06"),
    "FlatGeobuf": (b"fgb\x03",),
    "PNG": (b"\x89PNG\r\n\x1a\n",),
    "PDF": (b"%PDF",),
}
#: Text formats, by the first character after whitespace (and a byte-order mark).
_TEXT_START = {"GeoJSON": b"{", "KML": b"<", "HTML": b"<", "SVG": b"<", "CSV": b""}
#: application_id of a GeoPackage's SQLite header (offset 68): "GPKG", or "GP1x" (1.0/1.1).
_GPKG_IDS = (b"GPKG", b"GP10", b"GP11")


def check_path(path: Any, kind: str | None = None) -> Path:
    """A writable file path: an existing folder, not a directory itself.

    With ``kind`` (``"GeoJSON"``, ``"KML"``, ``"GeoPackage"``, ...), an existing file must be
    writable and of that kind (or empty): launchgeo refuses to replace a read-only file or a
    file of another format, with a :class:`DataError` that says what the file looks like.
    """
    if not isinstance(path, str | os.PathLike):
        raise ValidationError(f"path must be a str or a path, got {type(path).__name__} {path!r}")
    text = os.fspath(path)
    if not isinstance(text, str):
        raise ValidationError(f"path must be a text path, got {path!r}")
    if "\x00" in text:
        raise ValidationError(f"path {text!r} holds a NUL character (U+0000)")
    out = Path(path)
    if not out.name:
        raise ValidationError(f"path {text!r} names no file")
    try:
        exists = out.exists()
        is_dir = out.is_dir()
        parent = out.parent if str(out.parent) else Path(".")
        parent_ok = parent.is_dir()
    except (OSError, ValueError) as exc:  # a name too long, an unencodable name
        raise DataError(f"cannot write {text!r}: {exc}") from exc
    if exists and is_dir:
        raise DataError(f"cannot write {text!r}: it is a directory")
    if not parent_ok:
        raise DataError(f"cannot write {text!r}: folder {str(parent)!r} does not exist")
    if exists and kind is not None:
        check_replaceable(out, kind)
    return out


def check_replaceable(path: Path, kind: str) -> None:
    """Raise DataError unless the existing ``path`` may be replaced by a ``kind`` file."""
    try:
        no_write_bits = not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    except OSError as exc:
        raise DataError(f"cannot write {str(path)!r}: {exc}") from exc
    if no_write_bits or not os.access(path, os.W_OK):  # no write bit: read-only even for root
        raise DataError(
            f"cannot write {str(path)!r}: the file is read-only; launchgeo does not replace "
            "read-only files (change its permissions, or write to another name)"
        )
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise DataError(f"cannot write {str(path)!r}: {exc}") from exc
    if not head or _looks_like(head, kind):
        return
    shown = head[:16].decode("latin-1").encode("unicode_escape").decode("ascii")
    raise DataError(
        f"refusing to replace {str(path)!r}: it is not a {kind} file (it starts with "
        f"'{shown}'); delete it or choose another name"
    )


def _looks_like(head: bytes, kind: str) -> bool:
    if kind == "GeoPackage":
        return head.startswith(_SIGNATURES[kind][0]) and head[68:72] in (*_GPKG_IDS, b"")
    if kind in _SIGNATURES:
        return head.startswith(_SIGNATURES[kind])
    if kind in _TEXT_START:
        if b"\x00" in head:
            return False
        try:
            text = head.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # not just a character cut at the 4096-byte mark
                return False
            text = head[: exc.start].decode("utf-8")
        return text.lstrip("\ufeff \t\r\n").encode().startswith(_TEXT_START[kind])
    return True


def _temporary(path: Path) -> Path:
    """Create an empty temporary file beside ``path`` (mode 0666 less the umask)."""
    folder = path.parent if str(path.parent) else Path(".")
    for _ in range(100):
        tmp = folder / f".{path.stem}.{secrets.token_hex(4)}.tmp{path.suffix}"
        try:
            os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
        except FileExistsError:  # pragma: no cover - 32 random bits
            continue
        except OSError as exc:
            raise DataError(f"cannot write {str(path)!r}: {exc}") from exc
        return tmp
    raise DataError(f"cannot write {str(path)!r}: no free temporary name")  # pragma: no cover


@contextlib.contextmanager
def atomic_path(path: Path, *, keep_existing: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path``.

    The temporary path does not exist when yielded (GDAL creates its files itself), unless
    ``keep_existing`` asks for a copy of ``path`` to start from (to add a layer to a
    GeoPackage). The temporary file is removed if the block raises.
    """
    tmp = _temporary(path)
    try:
        if keep_existing and path.exists():
            shutil.copyfile(path, tmp)
        else:
            tmp.unlink()
        yield tmp
        if path.exists():  # keep the old file's permissions (a private file stays private)
            with contextlib.suppress(OSError):
                shutil.copymode(path, tmp)
        os.replace(tmp, path)
    except OSError as exc:
        raise DataError(f"cannot write {str(path)!r}: {exc}") from exc
    finally:
        for leftover in (tmp, Path(f"{tmp}-journal"), Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            with contextlib.suppress(OSError):
                leftover.unlink()


def write_bytes_atomic(path: Any, data: bytes, kind: str | None = None) -> Path:
    """Check ``path`` (an existing file must be of ``kind``) and write ``data`` atomically.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = write_bytes_atomic(pathlib.Path(tmp) / "a.txt", b"hello")
    ...     p.read_bytes(), sorted(x.name for x in p.parent.iterdir())
    (b'hello', ['a.txt'])
    """
    out = check_path(path, kind)
    with atomic_path(out) as tmp:
        tmp.write_bytes(data)
    return out
