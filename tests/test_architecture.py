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
    # toolkit.i18n: the human summary speaks the user's language (gettext, no toolkit state)
    assert own <= {"toolkit.lint.model", "toolkit.lint.formatters", "toolkit.i18n",
                   *(n for n in own if n.startswith("toolkit.lint.formatters."))}, own


def test_library_never_imports_the_cli() -> None:
    outside = {p for p in _importers(("toolkit.cli",)) if not p.startswith("cli/")}
    assert outside == {"__main__.py"}  # `python -m toolkit` is the CLI's other door


def _own_imports(path: str) -> set[str]:
    """The toolkit modules *path* imports (anywhere in it, lazy imports included), as paths."""
    found = set()
    for name in MODULES[path]:
        if not name.startswith("toolkit"):
            continue
        parts = name.split(".")[1:]
        for candidate in ("/".join(parts) + ".py", "/".join([*parts, "__init__.py"])):
            if candidate in MODULES and candidate != path:
                found.add(candidate)
                break
    return found


def test_the_engine_knows_only_the_package_value() -> None:
    mt = {m for m in _own_imports("mt/engine.py") if m.startswith("mt/")}
    assert mt == {"mt/package.py"}


def test_mt_modules_import_no_cycle() -> None:
    """mt/ used to have engine <-> packages; lazy imports count too (they are cycles at run)."""
    graph = {p: {m for m in _own_imports(p) if m.startswith("mt/")}
             for p in MODULES if p.startswith("mt/")}
    done: set[str] = set()

    def visit(node: str, trail: tuple[str, ...]) -> None:
        assert node not in trail, " -> ".join((*trail, node))
        if node in done:
            return
        for nxt in graph[node]:
            visit(nxt, (*trail, node))
        done.add(node)

    for start in graph:
        visit(start, ())


def _dist(requirement: str) -> str:
    """'pymorphy3[fast]>=2.0' -> 'pymorphy3' (PEP 503 normalised)."""
    import re

    return re.sub(r"[-_.]+", "-", re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0]).lower()


#: runtime dependencies the package does not import, and why they are installed with it
NOT_IMPORTED = {
    "pymorphy3-dicts-ru": "pymorphy3's Russian dictionary, which pymorphy3 loads",
    "argos-translate-lt": "the users' Argos tools (argospm) on the packages we install",
    "polib": "the reference PO implementation the tests hold toolkit/po/ to",
}


def test_every_runtime_dependency_is_used_and_explained_in_the_readme() -> None:
    """Every runtime dependency is imported by the package or listed in NOT_IMPORTED with
    its reason, and has its row in README's 'Dependencies and why' (a dependency nobody
    uses, or one the README does not explain, fails here)."""
    import importlib.metadata
    import tomllib

    root = PACKAGE.parent
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {_dist(r) for r in project["dependencies"]}
    top = {name.split(".")[0] for names in MODULES.values() for name in names}
    owners = importlib.metadata.packages_distributions()
    imported = {_dist(d) for name in top for d in owners.get(name, ())}
    assert runtime - imported - set(NOT_IMPORTED) == set()
    readme = (root / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Dependencies and why", 1)[1].lstrip("\n").split("\n\n", 1)[0]
    explained = {_dist(cell.strip("` ")) for row in table.splitlines()[2:]
                 for cell in row.split("|")[1].split(",")}
    assert runtime == explained
