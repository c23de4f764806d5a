"""benchmarks/run_all.py: the collector that writes docs/benchmarks.md from the scripts."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def run_all():
    spec = importlib.util.spec_from_file_location("run_all", ROOT / "benchmarks" / "run_all.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_script_is_found_in_order(run_all):
    names = run_all.scripts()
    assert "rings" in names and "impact_probability" in names and "run_all" not in names
    assert not any(n.startswith("_") for n in names)
    assert names.index("rings") < names.index("fast_forward") < names.index("impact_probability")


def test_section_is_the_last_matching_header_to_the_end(run_all):
    out = (
        "progress...\n## Not it — `benchmarks/other.py`\nx\n"
        "## Range rings — `benchmarks/rings.py`\n\n| a |\n|---|\n| 1 |\n\n"
    )
    assert (
        run_all.section_of("rings", out)
        == "## Range rings — `benchmarks/rings.py`\n\n| a |\n|---|\n| 1 |\n"
    )
    assert run_all.section_of("classify", out) is None


def test_old_sections_are_split_by_script(run_all):
    text = (
        "# Title\n\nintro\n\n## A — `benchmarks/a.py`\n\nbody a\n\n"
        "## B title — `benchmarks/b_2.py`\n\nbody b\n### sub\nmore\n"
    )
    old = run_all.old_sections(text)
    assert set(old) == {"a", "b_2"}
    assert old["a"] == "## A — `benchmarks/a.py`\n\nbody a\n"
    assert old["b_2"].endswith("### sub\nmore\n")


def test_docs_file_has_a_section_per_script_it_knows(run_all):
    text = (ROOT / "docs" / "benchmarks.md").read_text(encoding="utf-8")
    assert "Generated " in text and "make bench" in text
    assert {"rings", "fast_forward", "impact_probability"} <= set(run_all.old_sections(text))
