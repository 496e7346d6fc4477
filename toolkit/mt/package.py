"""An Argos Translate package as a value: what ``metadata.json`` says and where the files are.

A package is a directory holding ``metadata.json`` (``from_code``, ``to_code``,
``package_version`` ...), ``model/`` (a CTranslate2 model) and ``sentencepiece.model`` (or, in
old packages, ``bpe.model``). This module reads and validates one such directory and knows
nothing about where packages are stored (:mod:`toolkit.mt.store`) or how they run
(:mod:`toolkit.mt.engine`).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from toolkit.errors import LanguageError, ModelError
from toolkit.i18n import Message
from toolkit.langs import normalize


@dataclass(frozen=True)
class Package:
    """An installed (or bundled demo) translation package.

    ``from_code``/``to_code`` are en/ru/zh when supported (raw codes otherwise, e.g. ``de`` for
    an Argos package installed for other tools). ``demo`` marks toy-quality packages; ``bundled``
    marks those shipped inside the toolkit, which cannot be removed. ``metadata`` is the whole
    (read-only) metadata.json, for engine options such as ``target_prefix`` or ``add_source_eos``.
    """

    from_code: str
    to_code: str
    version: str
    path: Path
    demo: bool = False
    name: str = ""
    bundled: bool = False
    target_prefix: str = ""
    metadata: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.name:
            object.__setattr__(self, "name", self.path.name)

    @property
    def model_dir(self) -> Path:
        """The CTranslate2 model directory."""
        return self.path / "model"

    @property
    def sp_model_path(self) -> Path | None:
        """The SentencePiece model: ``sentencepiece.model``, else a lone other ``*.model``."""
        default = self.path / "sentencepiece.model"
        if default.is_file():
            return default
        others = [p for p in sorted(self.path.glob("*.model"))
                  if p.name != "bpe.model" and p.is_file()]
        return others[0] if len(others) == 1 else None

    @property
    def bpe_model_path(self) -> Path | None:
        """``bpe.model`` of old BPE-tokenized packages (argostranslate's fallback)."""
        path = self.path / "bpe.model"
        return path if path.is_file() else None

    @property
    def tokenizer(self) -> str | None:
        """``"sentencepiece"``, ``"bpe"`` or None when the package has no tokenizer."""
        if self.sp_model_path is not None:
            return "sentencepiece"
        return "bpe" if self.bpe_model_path is not None else None

    @property
    def max_positions(self) -> int:
        """The model's position limit from metadata.json (0: none stated)."""
        return int(self.metadata.get("max_positions") or 0)

    @property
    def size_bytes(self) -> int:
        """Total size of the package's files on disk (symlinks not followed)."""
        return tree_size(self.path)

    @property
    def kind(self) -> str:
        return "demo" if self.demo else "full"

    @property
    def pair(self) -> str:
        return f"{self.from_code}->{self.to_code}"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form (what ``toolkit models list --json`` prints)."""
        return {
            "pair": self.pair, "from_code": self.from_code, "to_code": self.to_code,
            "version": self.version, "kind": self.kind, "bundled": self.bundled,
            "size_bytes": self.size_bytes, "name": self.name, "path": str(self.path),
            "tokenizer": self.tokenizer,
        }


def tree_size(root: Path) -> int:
    """Total size of the files under *root* (symlinks not followed)."""
    total = 0
    for folder, _dirs, files in os.walk(root):
        for name in files:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(folder, name)).st_size
    return total


def _code(raw: str) -> str:
    try:
        return normalize(raw)
    except LanguageError:
        return raw.strip().lower()


def package_from_dir(path: Path, shown: str, *, bundled: bool = False) -> Package:
    """Parse and validate ``metadata.json`` of the package at *path*; errors name *shown*."""
    meta_path = path / "metadata.json"
    where = f"{shown}/metadata.json"
    if not path.is_dir():
        raise ModelError(Message("not a package directory"), path=shown)
    if not meta_path.is_file():
        raise ModelError(Message("no metadata.json (not an Argos package)"), path=shown)
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(Message("invalid JSON: {error}", error=str(exc)), path=where) from None
    except OSError as exc:
        raise ModelError(Message("cannot read: {error}",
                                 error=exc.strerror or str(exc)), path=where) from None
    if not isinstance(meta, dict):
        raise ModelError(Message("expected a JSON object"), path=where)
    check_metadata(meta, where)
    return Package(
        from_code=_code(meta["from_code"]), to_code=_code(meta["to_code"]),
        version=str(meta.get("package_version", "") or ""),
        path=path, demo=bundled or meta.get("demo") is True, name=path.name,
        bundled=bundled, target_prefix=meta.get("target_prefix", ""),
        metadata=MappingProxyType(meta),
    )


MAX_POSITIONS_RANGE = (16, 1 << 20)
"""``max_positions`` below 16 cannot hold a sentence; above a million is not a model's limit."""


def check_metadata(meta: Mapping[str, Any], where: str) -> None:
    """Validate the metadata.json keys the toolkit uses (types and ranges); errors name *where*.

    The one validator: reading a package (so installing it) and loading it in the engine both
    call it, so a package that installs never fails later on its metadata.
    """
    kind = meta.get("type", "translate")
    if kind != "translate":
        raise ModelError(Message("not a translation package (type {kind!r})",
                                 kind=kind), path=where)
    for key in ("from_code", "to_code"):
        value = meta.get(key)
        if not isinstance(value, str) or not value.strip():
            raise ModelError(Message("{key} is missing or not a string", key=key), path=where)
    for key in ("package_version", "target_prefix"):
        if key in meta and not isinstance(meta[key], str):
            raise ModelError(Message("{key} must be a string, got {value!r}", key=key,
                                     value=meta[key]), path=where)
    if "demo" in meta and not isinstance(meta["demo"], bool):
        raise ModelError(Message("demo must be true or false, got {value!r}",
                                 value=meta["demo"]), path=where)
    if "max_positions" in meta:
        value = meta["max_positions"]
        low, high = MAX_POSITIONS_RANGE
        if isinstance(value, bool) or not isinstance(value, int):
            raise ModelError(Message("max_positions must be a whole number, got {value!r}",
                                     value=value), path=where)
        if not low <= value <= high:
            raise ModelError(Message("max_positions must be between {low} and {high}, got {value}",
                                     low=low, high=high, value=value),
                             path=where)


def demo_notice(pkg: Package) -> str:
    """A note for users about to translate with a demo package ("" for a full package)."""
    if not pkg.demo:
        return ""
    from toolkit.i18n import _

    f, t = pkg.from_code, pkg.to_code
    if pkg.bundled:
        which = _("the bundled demo model")
    else:
        which = _("a demo model ({path})").format(path=pkg.path)
    return _("note: {pair} uses {which} (a small vocabulary, for trying the toolkit, not for "
             "real work). Install a full model with `toolkit models install {src} {dst}`, or "
             "offline with `toolkit models install translate-{src}_{dst}-<version>.argosmodel`."
             ).format(pair=pkg.pair, which=which, src=f, dst=t)


def demos_notice(pkgs: list[Package]) -> str:
    """One note for the demo-only pairs ``models list`` shows (a note per pair repeated the
    same advice four times): one pair gets :func:`demo_notice`, none gives ""."""
    if len(pkgs) <= 1:
        return demo_notice(pkgs[0]) if pkgs else ""
    from toolkit.i18n import _

    first = pkgs[0]
    return _("note: {pairs} use demo models (a small vocabulary, for trying the toolkit, not "
             "for real work). Install full models with `toolkit models install FROM TO` "
             "(e.g. `toolkit models install {src} {dst}`), or offline with `toolkit models "
             "install translate-FROM_TO-<version>.argosmodel`.").format(
        pairs=", ".join(p.pair for p in pkgs), src=first.from_code, dst=first.to_code)
