"""Project configuration: the ``[tool.toolkit]`` table of the nearest pyproject.toml.

Every section (``translate``, ``check`` ...) is read from the same file by the same code, so a
project configures the toolkit in one place. Environment variables override the file for the
engine settings (handy in CI and for one-off runs).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from toolkit.errors import ConfigError


def find_pyproject(start: str | os.PathLike[str] | None = None) -> Path | None:
    """Return the nearest pyproject.toml at or above *start* (default: the current directory)."""
    here = Path(start or Path.cwd()).resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_tool_table(section: str | None = None, *, path: str | os.PathLike[str] | None = None,
                    start: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Return ``[tool.toolkit]`` (or ``[tool.toolkit.<section>]``) as a dict; {} when absent.

    *path* names a pyproject.toml explicitly (an error if it cannot be read); otherwise the
    nearest one above *start* is used, if any.
    """
    file = Path(path) if path else find_pyproject(start)
    if file is None:
        return {}
    try:
        with open(file, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError("configuration file not found", path=str(file)) from None
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise ConfigError(f"invalid TOML: {exc}", path=str(file), line=line) from None
    table: Any = data.get("tool", {}).get("toolkit", {})
    if section:
        table = table.get(section, {})
    if not isinstance(table, dict):
        raise ConfigError(f"[tool.toolkit{'.' + section if section else ''}] must be a table",
                          path=str(file))
    return table
