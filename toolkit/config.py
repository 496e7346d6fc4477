"""Project configuration: the ``[tool.toolkit]`` table of the nearest pyproject.toml.

Every section (``translate``, ``check`` ...) is read from the same file by the same code and
checked the same way: :func:`load_section` refuses a key the section does not know and
:func:`setting` converts and range-checks one value, and both name the key and the file (with
the key's line when it can be found) in a :class:`ConfigError`, which the CLI prints as
``file:line: message`` with exit code 2. Environment variables override the file for the
engine settings (handy in CI and for one-off runs); their errors name the variable.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.errors import ConfigError
from toolkit.i18n import Message


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


def common_folder(paths: Collection[str | os.PathLike[str]]) -> Path:
    """The deepest folder holding every one of *paths* (a file counts as its folder; relative
    paths are taken from the current directory): where a command that reads those paths looks
    for their project's pyproject.toml, as pytest finds its rootdir from its arguments. With
    no paths, or none in common (two Windows drives), the current directory."""
    folders = []
    for p in paths:
        path = Path(p).resolve()
        folders.append(str(path.parent if path.is_file() else path))
    if not folders:
        return Path.cwd()
    try:
        return Path(os.path.commonpath(folders))
    except ValueError:
        return Path.cwd()


def load_tool_table(section: str | None = None, *, path: str | os.PathLike[str] | None = None,
                    start: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Return ``[tool.toolkit]`` (or ``[tool.toolkit.<section>]``) as a dict; {} when absent.

    *path* names a pyproject.toml explicitly (an error if it cannot be read); otherwise the
    nearest one above *start* is used, if any.
    """
    file = Path(path) if path else find_pyproject(start)
    return _read(section, file)


def project_table(file: str | os.PathLike[str]) -> dict[str, Any]:
    """The ``[project]`` table of the pyproject.toml *file* ({} when absent or not a table):
    its name and version head the templates ``catalog extract`` writes."""
    table = _load(Path(file)).get("project", {})
    return table if isinstance(table, dict) else {}


def _read(section: str | None, file: Path | None) -> dict[str, Any]:
    if file is None:
        return {}
    data = _load(file)
    table: Any = data.get("tool", {}).get("toolkit", {})
    if section:
        table = table.get(section, {}) if isinstance(table, dict) else table
    if not isinstance(table, dict):
        raise ConfigError(Message("{table} must be a table", table="[tool.toolkit" + (
            "." + section if section else "") + "]"), path=str(file))
    return table


def _load(file: Path) -> dict[str, Any]:
    """The parsed TOML *file*; ConfigError with its line when it cannot be read."""
    import tomllib  # here: a project without pyproject.toml never pays for the parser

    try:
        with open(file, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(Message("configuration file not found"), path=str(file)) from None
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise ConfigError(Message("invalid TOML: {error}", error=str(exc)), path=str(file),
                          line=line) from None
    except UnicodeDecodeError as exc:  # TOML is UTF-8; tomllib does not say where
        raise ConfigError(Message("not valid UTF-8 (byte {byte}); TOML files are UTF-8",
                                  byte=exc.start),
                          path=str(file), line=_line_at(file, exc.start)) from None
    return data


@dataclass(frozen=True)
class Section:
    """One checked ``[tool.toolkit.<name>]`` table: keys spelled with dashes, and its file."""

    name: str
    values: dict[str, Any]
    file: Path | None

    def error(self, key: str, message: str) -> ConfigError:
        """A :class:`ConfigError` about *key*, located at its line in the file when found."""
        table = f"[tool.toolkit.{self.name}]"
        text = Message(_KEY_PROBLEM, table=table, key=key, problem=message)
        if self.file is None:
            return ConfigError(text)
        return ConfigError(text, path=str(self.file), line=key_line(self.file, self.name, key))


# no words: not catalog messages
_KEY_PROBLEM = "{table} {key}: {problem}"
_VARIABLE_PROBLEM = "{variable}={value}: {key} {problem}"
_KEY_SPACE = "{key} {problem}"


def load_section(name: str, known: Collection[str], *,
                 path: str | os.PathLike[str] | None = None,
                 start: str | os.PathLike[str] | None = None) -> Section:
    """Read ``[tool.toolkit.<name>]`` and refuse keys outside *known* (dashed spellings).

    ``foo_bar`` and ``foo-bar`` are the same key.
    """
    file = Path(path) if path else find_pyproject(start)
    values = {k.replace("_", "-"): v for k, v in _read(name, file).items()}
    section = Section(name, values, file)
    check_keys(section, values, known)
    return section


def check_keys(section: Section, table: dict[str, Any], known: Collection[str],
               where: str = "") -> None:
    """:class:`ConfigError` naming the first key of *table* not in *known*; *where* names a
    sub-table (``overrides[0]``) in the message."""
    for raw in table:
        key = raw.replace("_", "-")
        if key not in known:
            label = f"{where}.{key}" if where else key
            raise section.error(label, Message("unknown key; known: {keys}",
                                               keys=", ".join(sorted(known))))


def setting(value: Any, kind: type, key: str, origin: Section | str, *,
            minimum: int | None = None, choices: Collection[str] | None = None) -> Any:
    """*value* as *kind* (int or str); from the environment (a string) an int is parsed.
    A string must be one of *choices* when they are given.

    *origin* is the section the value came from, or the environment variable's name. A bool is
    not an int, and an int below *minimum* is refused.
    """
    def fail(message: str) -> ConfigError:
        if isinstance(origin, Section):
            return origin.error(key, message)
        return ConfigError(Message(_VARIABLE_PROBLEM, variable=origin, value=value, key=key,
                                   problem=message))

    if kind is int:
        if isinstance(value, str) and not isinstance(origin, Section):
            try:
                value = int(value.strip())
            except ValueError:
                raise fail(Message("must be a whole number, got {value!r}", value=value)
                           ) from None
        if isinstance(value, bool) or not isinstance(value, int):
            raise fail(Message("must be a whole number, got {value!r}", value=value))
        if minimum is not None and value < minimum:
            raise fail(Message("must be {minimum} or more, got {value}", minimum=minimum,
                               value=value))
        return value
    if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
        raise fail(Message("must be a non-empty {kind}, got {value!r}", kind=kind.__name__,
                           value=value))
    if choices is not None and value not in choices:
        raise fail(Message("must be one of {choices}, got {value!r}",
                           choices=", ".join(sorted(choices)), value=value))
    return value


def string_list(value: Any, key: str, origin: Section | str) -> tuple[str, ...]:
    """*value* as a tuple of non-empty strings (paths, globs, rule codes): one string or a
    list of them; anything else is a :class:`ConfigError` naming *key* (and its line, when
    *origin* is the :class:`Section`; else *origin* is the file's name)."""
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
        message = Message("must be a string or a list of strings, got {value!r}", value=value)
        if isinstance(origin, Section):
            raise origin.error(key, message)
        raise ConfigError(Message(_KEY_SPACE, key=key, problem=message), path=origin)
    return tuple(values)


def path_list(file: Path, section: str, key: str, keep: Collection[str] = ()
              ) -> list[str]:
    """``key = "a.tbx"`` or ``key = ["a.tbx", "b.csv"]`` in ``[tool.toolkit.<section>]`` of
    *file*, as paths relative to the file's folder (words in *keep*, such as ``"shipped"``,
    as written); [] when absent. A value of another kind, or a file that does not exist, is
    a :class:`ConfigError` naming the key and its line."""
    table = {k.replace("_", "-"): v for k, v in _read(section, file).items()}
    origin = Section(section, table, file)
    out = []
    for v in string_list(table.get(key, []), key, origin):
        if v in keep:
            out.append(v)
            continue
        path = file.parent / v
        if not path.is_file():
            raise origin.error(key, Message("no such file: {path} (paths are relative to "
                                            "{file})", path=v, file=file.name))
        out.append(str(path))
    return out


def _line_at(file: Path, offset: int) -> int | None:
    try:
        with open(file, "rb") as fh:
            return fh.read(offset).count(b"\n") + 1
    except OSError:
        return None


def table_line(file: Path, section: str) -> int | None:
    """The line of the first ``[tool.toolkit.<section>...]`` or ``[[...]]`` header, else the
    first ``<section>.`` key of ``[tool.toolkit]`` (a dotted key), else None."""
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    name = re.escape(section)
    head = re.compile(rf"^\s*\[\[?\s*tool\s*\.\s*toolkit\s*\.\s*[\"']?{name}[\"']?\s*[.\]]")
    dotted = re.compile(rf"^\s*[\"']?{name}[\"']?\s*\.")
    toolkit = re.compile(r"^\s*\[\s*tool\s*\.\s*toolkit\s*\]")
    inside = False
    for number, text in enumerate(lines, start=1):
        if head.match(text) or inside and dotted.match(text):
            return number
        if text.lstrip().startswith("["):
            inside = bool(toolkit.match(text))
    return None


def key_line(file: Path, section: str, key: str) -> int | None:
    """The line of ``key =`` inside ``[tool.toolkit.<section>]`` (first match), else None."""
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    head = re.compile(rf"^\s*\[\s*tool\s*\.\s*toolkit\s*\.\s*{re.escape(section)}\s*\]")
    any_head = re.compile(r"^\s*\[")
    leaf = key.rsplit(".", 1)[-1]
    spellings = "|".join(re.escape(k) for k in {leaf, leaf.replace("-", "_")})
    item = re.compile(rf"^\s*[\"']?(?:{spellings})[\"']?\s*=")
    inside = False
    for number, text in enumerate(lines, start=1):
        if head.match(text):
            inside = True
        elif any_head.match(text) and not text.lstrip().startswith(f"[[tool.toolkit.{section}"):
            inside = False
        elif inside and item.match(text):
            return number
    return None


#: The ``[tool.toolkit.<section>]`` tables the toolkit reads; add a new one here.
SECTIONS = ("catalog", "check", "memory", "translate")


def unknown_sections(path: str | os.PathLike[str]) -> None:
    """Raise ConfigError naming a ``[tool.toolkit.X]`` table no command reads (a typo such
    as ``[tool.toolkit.chek]`` would otherwise be ignored without a word)."""
    for name in load_tool_table(path=path):
        if name not in SECTIONS:
            import difflib  # only for the hint: not on every run's start-up

            close = difflib.get_close_matches(name, SECTIONS, n=1)
            table, known = f"[tool.toolkit.{name}]", [f"[tool.toolkit.{s}]" for s in SECTIONS]
            line = table_line(Path(path), name)
            if close:
                near = f"[tool.toolkit.{close[0]}]"
                raise ConfigError(Message("unknown table {table}; did you mean {close}?",
                                          table=table, close=near), path=str(path), line=line)
            raise ConfigError(Message("unknown table {table}; known: {tables}", table=table,
                                      tables=", ".join(known)), path=str(path), line=line)
