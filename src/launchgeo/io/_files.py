"""Atomic file writing for every export (private).

A file is written under a temporary name in its own folder and renamed over the target with
:func:`os.replace` only when complete, so a reader never sees half a file and a failed write
leaves the old file as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from launchgeo.errors import DataError, ValidationError

__all__ = ["atomic_path", "check_path"]


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


@contextlib.contextmanager
def atomic_path(path: Path, *, keep_existing: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path``.

    With ``keep_existing`` the temporary file starts as a copy of ``path`` (to add a layer to a
    GeoPackage). The temporary file is removed if the block raises.
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=folder)
    except OSError as exc:
        raise DataError(f"cannot write {str(path)!r}: {exc}") from exc
    os.close(fd)
    tmp = Path(name)
    try:
        if keep_existing and path.exists():
            shutil.copyfile(path, tmp)
        else:
            tmp.unlink()  # GDAL creates the file itself
        yield tmp
        os.replace(tmp, path)
    except OSError as exc:
        raise DataError(f"cannot write {str(path)!r}: {exc}") from exc
    finally:
        for leftover in (tmp, Path(f"{tmp}-journal"), Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            with contextlib.suppress(OSError):
                leftover.unlink()
