"""Import directions the architecture promises, checked on the source (AST, not grep)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "toolkit"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


MODULES = {p.relative_to(PACKAGE).as_posix(): _imports(p) for p in PACKAGE.rglob("*.py")}


def _importers(prefixes: tuple[str, ...]) -> set[str]:
    return {path for path, names in MODULES.items()
            if any(n == p or n.startswith(p + ".") for n in names for p in prefixes)}


def test_only_the_cli_imports_click() -> None:
    assert {p for p in _importers(("click",)) if not p.startswith("cli/")} == set()


def test_only_the_engine_touches_ctranslate2_and_sentencepiece() -> None:
    assert _importers(("ctranslate2", "sentencepiece")) == {"mt/engine.py"}


def test_only_the_index_client_opens_connections() -> None:
    assert _importers(("urllib.request", "http.client", "socket", "requests")) <= {"mt/index.py"}


@pytest.mark.parametrize("path", sorted(p for p in MODULES if p.startswith("lint/formatters/")))
def test_formatters_know_only_the_finding_model(path: str) -> None:
    own = {n for n in MODULES[path] if n.startswith("toolkit")}
    assert own <= {"toolkit.lint.model", "toolkit.lint.formatters",
                   *(n for n in own if n.startswith("toolkit.lint.formatters."))}, own


def test_library_never_imports_the_cli() -> None:
    outside = {p for p in _importers(("toolkit.cli",)) if not p.startswith("cli/")}
    assert outside == {"__main__.py"}  # `python -m toolkit` is the CLI's other door
