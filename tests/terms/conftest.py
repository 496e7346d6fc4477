"""Fixtures for the terms tests: bench/terms.py loaded as a module (a script, not a package)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "terms.py"


@pytest.fixture(scope="module")
def bench_terms() -> ModuleType:
    """bench/terms.py, imported from its file."""
    spec = importlib.util.spec_from_file_location("bench_terms", BENCH)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench
