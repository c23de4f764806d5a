"""The pytest plugin of launchgeo (entry point ``pytest11``; disable with ``-p no:launchgeo``).

Fixtures:

- ``launchgeo_zones`` (session): the embedded zones, loaded once per test process;
- ``sunan``: the catalogue's Sunan launch site (a :class:`~launchgeo.LaunchSite`);
- ``launchgeo_image``: compares a matplotlib figure with a baseline PNG in
  ``baseline_images/<test module>/<name>.png`` beside the test file (see
  :func:`launchgeo.testing.assert_image_matches`).

Options: ``--launchgeo-mpl-generate`` writes the baselines instead of comparing;
``--launchgeo-mpl-baseline-dir DIR`` reads and writes them in DIR instead.

Importing this module imports nothing heavy (no numpy, geopandas, matplotlib or hypothesis), so
the plugin costs nothing in test suites that do not use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from launchgeo.sites import LaunchSite
    from launchgeo.zones import Zones

__all__ = ["ImageComparison"]


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register the image-comparison options."""
    group = parser.getgroup("launchgeo", "launchgeo report-map image comparison")
    group.addoption(
        "--launchgeo-mpl-generate",
        action="store_true",
        default=False,
        help="write the launchgeo_image baselines instead of comparing with them",
    )
    group.addoption(
        "--launchgeo-mpl-baseline-dir",
        default=None,
        metavar="DIR",
        help="folder of the launchgeo_image baselines (default: baseline_images/<test module> "
        "beside each test file)",
    )


@dataclass(frozen=True)
class ImageComparison:
    """What the ``launchgeo_image`` fixture gives a test: ``compare(figure, name)``."""

    baseline_dir: Path
    result_dir: Path
    generate: bool

    def compare(self, figure: Any, name: str, *, tol: float = 2.0, dpi: float = 60,
                remove_text: bool = True) -> None:  # fmt: skip
        """Assert that ``figure`` matches ``<baseline_dir>/<name>.png``."""
        from launchgeo.testing._images import assert_image_matches

        assert_image_matches(
            figure,
            self.baseline_dir / f"{name}.png",
            tol=tol,
            dpi=dpi,
            remove_text=remove_text,
            generate=self.generate,
            result_dir=self.result_dir,
        )


@pytest.fixture(scope="session")
def launchgeo_zones() -> Zones:
    """The embedded maritime zones (loaded once per test process)."""
    from launchgeo.zones import load_zones

    return load_zones()


@pytest.fixture
def sunan() -> LaunchSite:
    """The Sunan launch site of the catalogue."""
    from launchgeo.sites import get_site

    return get_site("Sunan")


@pytest.fixture
def launchgeo_image(request: pytest.FixtureRequest, tmp_path: Path) -> ImageComparison:
    """Compare figures with baselines beside the test file (``--launchgeo-mpl-generate``)."""
    option = request.config.getoption("--launchgeo-mpl-baseline-dir")
    test_file = Path(str(request.node.path))
    default = test_file.parent / "baseline_images" / test_file.stem
    baseline_dir = Path(option) if option else default
    return ImageComparison(
        baseline_dir=baseline_dir,
        result_dir=tmp_path,
        generate=bool(request.config.getoption("--launchgeo-mpl-generate")),
    )
