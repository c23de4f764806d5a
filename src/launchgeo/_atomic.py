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
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from launchgeo.errors import DataError, ValidationError

__all__ = ["atomic_path", "check_path", "write_bytes_atomic"]


def check_path(path: Any) -> Path:
    """A writable file path: an existing folder, not a directory itself."""
    if not isinstance(path, str | os.PathLike):
        raise ValidationError(f"path must be a str or a path, got {type(path).__name__} {path!r}")
    out = Path(path)
    if not out.name:
        raise ValidationError(f"path {str(path)!r} names no file")
    if out.exists() and out.is_dir():
        raise DataError(f"cannot write {str(out)!r}: it is a directory")
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise DataError(f"cannot write {str(out)!r}: folder {str(parent)!r} does not exist")
    return out


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
        os.replace(tmp, path)
    except OSError as exc:
        raise DataError(f"cannot write {str(path)!r}: {exc}") from exc
    finally:
        for leftover in (tmp, Path(f"{tmp}-journal"), Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            with contextlib.suppress(OSError):
                leftover.unlink()


def write_bytes_atomic(path: Any, data: bytes) -> Path:
    """Check ``path`` and write ``data`` to it atomically.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = write_bytes_atomic(pathlib.Path(tmp) / "a.txt", b"hello")
    ...     p.read_bytes(), sorted(x.name for x in p.parent.iterdir())
    (b'hello', ['a.txt'])
    """
    out = check_path(path)
    with atomic_path(out) as tmp:
        tmp.write_bytes(data)
    return out
