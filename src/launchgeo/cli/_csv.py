"""Strict reading of the points CSV of ``launchgeo classify --csv`` (private).

A file is read as written: every row has exactly the header's number of cells, ``lon`` and
``lat`` cells are decimal numbers (``135``, ``-35.5``, ``1.2e2``; no ``nan``, ``inf``, thousands
separators or decimal commas), and any other cell is kept as text (an empty cell is missing).
An error names the line and the column, so the row can be found in the file.
"""

from __future__ import annotations

import csv
import io
import math
import re
from pathlib import Path
from typing import Any

from launchgeo.errors import DataError, ValidationError

__all__ = ["read_points_csv", "read_text"]

#: A decimal number as a CSV cell may hold it (surrounding spaces allowed).
_DECIMAL = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def _cell_number(cell: str, where: str) -> float:
    text = cell.strip()
    if not text:
        raise ValidationError(f"{where} is empty; expected a number of degrees")
    if not _DECIMAL.fullmatch(text):
        raise ValidationError(
            f"{where} holds {cell!r}, not a number (expected a decimal number of degrees such "
            "as 135.5 or -35.25; quote nothing, use no thousands separator or decimal comma)"
        )
    value = float(text)
    if not math.isfinite(value):
        raise ValidationError(f"{where} holds {cell!r}, not a finite number")
    return value


def read_points_csv(text: str, name: str) -> Any:
    r"""A DataFrame of the CSV ``text`` (from file ``name``) with float ``lon``/``lat`` columns.

    Examples
    --------
    >>> read_points_csv("lon,lat,site\n135,38,A\n132.5,35,\n", "pts.csv").to_dict("list")
    {'lon': [135.0, 132.5], 'lat': [38.0, 35.0], 'site': ['A', None]}
    >>> read_points_csv("lon,lat\n135,38,9\n", "pts.csv")
    Traceback (most recent call last):
    ...
    launchgeo.errors.ValidationError: CSV file 'pts.csv', line 2: 3 cells, but the header has 2
    columns (lon, lat)
    """
    import pandas as pd

    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise ValidationError(f"CSV file {name!r} is empty; expected a header with lon, lat")
        columns = [c.strip().lower() for c in header]
        _check_header(columns, name)
        ilon, ilat = columns.index("lon"), columns.index("lat")
        cells: list[list[Any]] = [[] for _ in columns]
        for row in reader:
            line = reader.line_num
            if not row or (len(row) == 1 and not row[0].strip() and len(columns) > 1):
                continue  # a blank line
            where = f"CSV file {name!r}, line {line}"
            if len(row) != len(columns):
                raise ValidationError(
                    f"{where}: {len(row)} cells, but the header has {len(columns)} columns "
                    f"({', '.join(columns)})"
                )
            for i, cell in enumerate(row):
                if i in (ilon, ilat):
                    cells[i].append(_cell_number(cell, f"{where}, column {columns[i]}"))
                else:
                    cells[i].append(cell if cell != "" else None)
    except csv.Error as exc:
        raise ValidationError(f"CSV file {name!r}, line {reader.line_num}: {exc}") from exc
    return pd.DataFrame(
        {c: pd.Series(v, dtype=float if i in (ilon, ilat) else object)
         for i, (c, v) in enumerate(zip(columns, cells, strict=True))}
    )  # fmt: skip


def _check_header(columns: list[str], name: str) -> None:
    missing = [c for c in ("lon", "lat") if c not in columns]
    if missing:
        raise ValidationError(f"CSV file {name!r} needs columns lon and lat; it has {columns}")
    dupes = sorted({c for c in columns if columns.count(c) > 1})
    if dupes:
        raise ValidationError(f"CSV file {name!r} repeats the column names {dupes}")


def read_text(path: Path, name: str) -> str:
    """The UTF-8 text of a CSV file (DataError if it cannot be read or is not text)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read CSV file {name!r}: {exc}") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(
            f"CSV file {name!r} is not UTF-8 text (byte {data[exc.start]:#04x} at offset "
            f"{exc.start}); save it as UTF-8 CSV"
        ) from None
