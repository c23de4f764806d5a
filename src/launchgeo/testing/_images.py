"""Image comparison of report maps against committed baselines (matplotlib's comparator)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["assert_image_matches"]


def assert_image_matches(
    figure: Any,
    baseline: str | Path,
    *,
    tol: float = 2.0,
    dpi: float = 60,
    remove_text: bool = True,
    generate: bool = False,
    result_dir: str | Path | None = None,
) -> None:
    """Assert that a matplotlib figure looks like a committed baseline PNG.

    The figure is saved at ``dpi`` and compared with matplotlib's ``compare_images`` (RMS of
    the pixel differences, ``tol`` out of 255). Text is hidden while saving by default,
    as matplotlib's own image tests do, because fonts differ between machines; the figure is
    left as it was. With ``generate=True`` the baseline is written (or overwritten) instead.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        The figure (e.g. ``launchgeo.maps.plot_rings(...).figure``).
    baseline : str or Path
        The expected PNG.
    tol, dpi, remove_text, generate
        See above.
    result_dir : str or Path, optional
        Where the actual image and the difference image go when they differ (default: a new
        temporary folder, named in the message).

    Raises
    ------
    AssertionError
        Missing baseline (run with ``generate=True``, or pytest ``--launchgeo-mpl-generate``),
        different size, or an RMS above ``tol``; the message names the files to look at.
    """
    from matplotlib.testing.compare import compare_images

    baseline = Path(baseline)
    hidden = []
    if remove_text:
        from matplotlib.text import Text

        hidden = [t for t in figure.findobj(Text) if t.get_visible()]
        for t in hidden:
            t.set_visible(False)
    out_dir = Path(result_dir) if result_dir is not None else Path(tempfile.mkdtemp())
    out_dir.mkdir(parents=True, exist_ok=True)
    actual = out_dir / f"{baseline.stem}-actual.png"
    try:
        figure.savefig(actual, dpi=dpi)
    finally:
        for t in hidden:
            t.set_visible(True)
    if generate:
        baseline.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(actual, baseline)
        return
    if not baseline.is_file():
        raise AssertionError(
            f"missing baseline {baseline}; write it with generate=True (pytest: "
            f"--launchgeo-mpl-generate), look at it, and commit it. Actual image: {actual}"
        )
    try:
        result = compare_images(str(baseline), str(actual), tol=tol)
    except Exception as exc:  # ImageComparisonFailure: sizes differ
        raise AssertionError(f"image {actual} does not match {baseline}: {exc}") from None
    if result is not None:
        raise AssertionError(f"image differs from its baseline: {result}")
