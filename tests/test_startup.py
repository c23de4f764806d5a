"""Start-up: `import launchgeo` stays light and every public name still works (issue 15).

The timings themselves are measured by ``benchmarks/startup.py``; these tests guard the cause
(which modules a fresh interpreter loads), which does not depend on the machine's load.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import launchgeo

HEAVY = ("geopandas", "pandas", "scipy", "matplotlib", "hypothesis", "mgrs", "numba")


def _loaded_after(code: str) -> list[str]:
    heavy = f"sorted(m for m in {HEAVY!r} if m in sys.modules)"
    probe = f"import sys, json\n{code}\nprint(json.dumps({heavy}))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    return list(json.loads(out.splitlines()[-1]))


def test_import_launchgeo_loads_no_heavy_dependency() -> None:
    assert _loaded_after("import launchgeo") == []


def test_the_probe_sees_heavy_imports() -> None:
    """The guard is not vacuous: loading a module that needs geopandas is seen."""
    assert "geopandas" in _loaded_after("import launchgeo; launchgeo.range_rings('Sunan', [350])")


@pytest.mark.parametrize(
    "code",
    [
        "from launchgeo import range_ring, destination, get_site, parse_coordinates, Units",
        "import launchgeo.cli; launchgeo.cli.build_parser()",
        "import launchgeo.testing",
        "from launchgeo.testing import assert_zone, assert_geometry_close",
    ],
)
def test_light_entry_points_stay_light(code: str) -> None:
    """Rings, geodesics, sites, coordinates, the CLI parser and the pytest plugin need none."""
    assert _loaded_after(code) == []


def test_small_calls_never_import_numba() -> None:
    """Compiled loops are for large calls only (``launchgeo/_jit.py``): a user's few points,
    or a table evaluated on a few samples, never pay for importing numba."""
    code = (
        "import numpy as np, launchgeo\n"
        "z = launchgeo.load_zones(); z.classify(np.linspace(120, 150, 1000), 35.0)\n"
        "from launchgeo.geodesy.fastgeod import FastForward\n"
        "FastForward(125.67, 39.2, range_km=(0, 1000)).forward(np.zeros(1000), 500.0)\n"
        "assert 'numba' not in sys.modules"
    )
    assert "numba" not in _loaded_after(code)


def test_the_pytest_plugin_imports_not_even_numpy() -> None:
    """The plugin loads in every pytest run where launchgeo is installed: it must cost nothing."""
    code = (
        "import sys, launchgeo.testing._plugin\n"
        "print([m for m in ('numpy', 'hypothesis', 'matplotlib') if m in sys.modules])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert out.strip() == "[]"


def test_help_runs_without_heavy_imports() -> None:
    code = (
        "import sys\nfrom launchgeo.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
    )
    assert _loaded_after(code) == []


def test_every_public_name_resolves() -> None:
    for name in launchgeo.__all__:
        assert getattr(launchgeo, name) is not None, name
    assert set(launchgeo.__all__) <= set(dir(launchgeo))
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = launchgeo.nope  # type: ignore[attr-defined]


def test_lazy_table_matches_the_static_imports() -> None:
    """The names type checkers see (the TYPE_CHECKING block) are the names imported lazily."""
    tree = ast.parse(Path(launchgeo.__file__).read_text(encoding="utf-8"))
    static: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for imp in node.body:
                assert isinstance(imp, ast.ImportFrom) and imp.module
                static.update({a.name: imp.module for a in imp.names})
    assert static == launchgeo._LAZY_NAMES
    assert set(static) | {"errors", "__version__"} == set(launchgeo.__all__)
