"""The package layout: layers import downward only (docs/architecture.md).

Every ``import``/``from ... import`` of a launchgeo module anywhere in a module (top level, inside
functions, under ``TYPE_CHECKING``) is an edge; an edge from a lower layer to a higher one, or
between two peer subpackages of the same layer, fails the test with the file and line.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import launchgeo

PACKAGE = Path(launchgeo.__file__).resolve().parent

#: Layer of each top-level unit, lowest first (the picture in docs/architecture.md).
LAYERS = {
    "errors": 0,
    "_numbers": 0,
    "_jit": 0,
    "_validate": 1,
    "_atomic": 1,
    "coordinates": 1,
    "units": 1,
    "_inputs": 1,
    "sites": 2,
    "geodesy": 3,
    "zones": 4,
    "ballistics": 5,
    "findings": 5,
    "probability": 5,
    "maps": 5,
    "io": 6,
    "cli": 7,
    "testing": 7,
    "__main__": 8,
    "__init__": 8,
}


def _unit(module: str) -> str:
    """'launchgeo.zones._index' -> 'zones'; 'launchgeo' -> '__init__'."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


#: Notebook display hooks: the only methods of a lower layer that may import a higher one, and
#: only the module named here (the interactive web map draws the object it is called on).
DISPLAY_HOOKS = {"explore", "_repr_html_"}
DISPLAY_MODULE = "launchgeo.maps.web"


def _imports_with_scope(path: Path) -> list[tuple[int, str, str]]:
    """(line, launchgeo module, enclosing function name or "") for every import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: list[tuple[int, str, str]] = []

    def visit(node: ast.AST, scope: str) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            scope = node.name
        if isinstance(node, ast.Import):
            out.extend(
                (node.lineno, a.name, scope) for a in node.names if a.name.startswith("launchgeo")
            )
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "launchgeo":
                # "from launchgeo import errors, _validate as v": each name may be a module
                for a in node.names:
                    if (PACKAGE / f"{a.name}.py").exists() or (PACKAGE / a.name).is_dir():
                        out.append((node.lineno, f"launchgeo.{a.name}", scope))
            elif node.module.startswith("launchgeo."):
                out.append((node.lineno, node.module, scope))
        for child in ast.iter_child_nodes(node):
            visit(child, scope)

    visit(tree, "")
    return out


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, launchgeo module) for every import in the file, display hooks left out."""
    return [
        (line, mod)
        for line, mod, scope in _imports_with_scope(path)
        if not (scope in DISPLAY_HOOKS and mod == DISPLAY_MODULE)
    ]


def _edges() -> list[tuple[str, int, str, str]]:
    edges = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = _module_name(path)
        src_unit = "__init__" if name == "launchgeo" else _unit(name)
        for line, target in _imports(path):
            edges.append((str(path.relative_to(PACKAGE.parent)), line, src_unit, _unit(target)))
    return edges


def test_every_unit_has_a_layer() -> None:
    units = {p.stem for p in PACKAGE.glob("*.py")} | {
        p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()
    }
    assert units == set(LAYERS)


def test_layers_import_downward_only() -> None:
    wrong = []
    for where, line, src, dst in _edges():
        if src == dst:
            continue
        if LAYERS[dst] > LAYERS[src]:
            wrong.append(f"{where}:{line}: {src} (layer {LAYERS[src]}) imports {dst} (higher)")
        elif LAYERS[dst] == LAYERS[src]:
            wrong.append(f"{where}:{line}: peers {src} and {dst} must not import each other")
    assert not wrong, "\n".join(wrong)


def test_display_hooks_are_the_only_exception() -> None:
    """Lower layers reach launchgeo.maps.web only from ``explore``/``_repr_html_`` methods."""
    hooks = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        for _, mod, scope in _imports_with_scope(path):
            if mod == DISPLAY_MODULE and scope in DISPLAY_HOOKS:
                hooks.add((_unit(_module_name(path)), scope))
    assert hooks == {
        ("geodesy", "explore"),
        ("findings", "explore"),
    }


def test_the_check_sees_real_edges() -> None:
    """The edge list is not vacuous: known downward imports are found."""
    found = {(src, dst) for _, _, src, dst in _edges()}
    known = {("zones", "geodesy"), ("findings", "zones"), ("cli", "io"), ("geodesy", "sites")}
    assert known <= found


@pytest.mark.parametrize(
    "sub", ["geodesy", "zones", "ballistics", "findings", "probability", "maps"]
)
def test_subpackage_says_what_lives_there(sub: str) -> None:
    mod = importlib.import_module(f"launchgeo.{sub}")
    doc = mod.__doc__ or ""
    assert "Lives here" in doc and "May import" in doc
    assert set(mod.__all__) <= set(dir(mod))


def test_public_names_stay_at_the_top() -> None:
    for sub in ("geodesy", "zones", "ballistics", "findings", "probability"):
        mod = importlib.import_module(f"launchgeo.{sub}")
        for name in set(mod.__all__) & set(launchgeo.__all__):
            assert getattr(launchgeo, name) is getattr(mod, name)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("rings", "launchgeo.geodesy.rings"),
        ("uncertainty", "launchgeo.probability.uncertainty"),
        ("trajectory", "launchgeo.ballistics.trajectory"),
        ("statements", "launchgeo.findings.statements"),
    ],
)
def test_moved_modules_stay_reachable(old: str, new: str) -> None:
    assert getattr(launchgeo, old) is importlib.import_module(new)
