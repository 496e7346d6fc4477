"""Argos Translate packages: list, find, check, install and remove them. Offline by default.

A package is a directory holding ``metadata.json`` (``from_code``, ``to_code``,
``package_version`` ...), ``model/`` (a CTranslate2 model) and ``sentencepiece.model`` (or, in
old packages, ``bpe.model``). A ``.argosmodel`` file is that directory zipped under one top
folder. User packages live in argostranslate's packages directory, so packages installed with
``argospm`` and with ``toolkit models install`` are the same files; small demo packages ship in
``toolkit/data/models/`` so the toolkit works before anything is installed.

Installing never trusts an archive: member names are checked (no ``..``, absolute paths or
symlinks) before a byte is extracted, the package is extracted into a hidden temporary directory
inside the packages directory, CTranslate2 actually loads ``model/`` and SentencePiece loads the
tokenizer, and only then does ``os.replace`` move it into place. A failure at any step leaves
the packages directory as it was. The network is used only by :func:`install_from_index`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
import time
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any

from toolkit.errors import LanguageError, ModelError
from toolkit.fsutil import TEMP_DIR_PREFIX, temp_dir
from toolkit.langs import SUPPORTED, normalize
from toolkit.mt.index import (
    DownloadProgress,
    IndexEntry,
    download,
    fetch_index,
    select_entry,
    version_key,
)

DEFAULT_INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
STAGING_PREFIX = TEMP_DIR_PREFIX
"""Hidden work directories inside the packages dir (:func:`toolkit.fsutil.temp_dir`: pid in
the name, swept once their process is gone); listing skips them."""

_DEMO_DIR = Path(__file__).resolve().parent.parent / "data" / "models"

# One short sentence per source language for `verify`: plain enough for any full model and
# inside the bundled demo models' press-release domain.
SAMPLE_SENTENCES = {
    "en": "The SPbPU delegation was headed by Rector Andrei Rudskoy.",
    "ru": "Делегацию СПбПУ возглавил ректор Андрей Рудской.",
    "zh": "圣彼得堡理工大学代表团由校长安德烈·鲁德斯科伊率领。",
}


# --------------------------------------------------------------------------- the value types


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
    def size_bytes(self) -> int:
        """Total size of the package's files on disk (symlinks not followed)."""
        return _tree_size(self.path)

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


@dataclass(frozen=True)
class ArchiveInfo:
    """What a checked ``.argosmodel`` archive contains (see :func:`verify_archive`)."""

    path: Path
    name: str
    from_code: str
    to_code: str
    version: str
    demo: bool
    tokenizer: str
    size_bytes: int
    sha256: str

    @property
    def pair(self) -> str:
        return f"{self.from_code}->{self.to_code}"

    @property
    def kind(self) -> str:
        return "demo" if self.demo else "full"

    def to_dict(self) -> dict[str, Any]:
        return {
            "archive": str(self.path), "name": self.name, "pair": self.pair,
            "from_code": self.from_code, "to_code": self.to_code, "version": self.version,
            "kind": self.kind, "tokenizer": self.tokenizer, "size_bytes": self.size_bytes,
            "sha256": self.sha256,
        }


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of loading a package and translating one sentence with it."""

    package: Package
    ok: bool
    source: str
    output: str | None = None
    error: str | None = None
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "pair": self.package.pair, "version": self.package.version,
            "kind": self.package.kind, "path": str(self.package.path), "ok": self.ok,
            "source": self.source, "output": self.output, "error": self.error,
            "seconds": round(self.seconds, 3),
        }


@dataclass
class _Scan:
    packages: list[Package] = field(default_factory=list)
    problems: list[ModelError] = field(default_factory=list)


# --------------------------------------------------------------------------- where things are


def _argos_setting(key: str) -> str | None:
    """An argostranslate setting: environment first, then its ``settings.json``.

    Mirrors ``argostranslate.settings.get_setting`` without importing that module, whose import
    creates directories and reads configuration as a side effect.
    """
    value = os.environ.get(key)
    if value:
        return value
    config_home = os.environ.get("XDG_CONFIG_HOME") or str(_home() / ".config")
    settings_file = Path(config_home) / "argos-translate" / "settings.json"
    try:
        data = json.loads(settings_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = data.get(key) if isinstance(data, dict) else None
    return str(value) if value else None


def _home() -> Path:
    if "SNAP" in os.environ and os.environ.get("SNAP_USER_DATA"):
        return Path(os.environ["SNAP_USER_DATA"])
    return Path.home()


def packages_dir() -> Path:
    """argostranslate's packages directory (``ARGOS_PACKAGES_DIR`` wins when set).

    Otherwise ``$XDG_DATA_HOME/argos-translate/packages`` (default
    ``~/.local/share/argos-translate/packages``), as argostranslate computes it. The directory
    is not created here; :func:`install_archive` creates it.
    """
    configured = _argos_setting("ARGOS_PACKAGES_DIR")
    if configured:
        return Path(configured).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or str(_home() / ".local" / "share")
    return Path(data_home) / "argos-translate" / "packages"


def demo_models_dir() -> Path:
    """Where the bundled demo packages live (``toolkit/data/models``)."""
    return _DEMO_DIR


def resolve_index_url(url: str | None = None) -> str:
    """The index URL to use: *url*, else ``ARGOS_PACKAGE_INDEX``, else Argos's official one.

    Like argostranslate, a URL that does not end in ``.json`` is a base and ``index.json`` is
    appended to it.
    """
    chosen = url or _argos_setting("ARGOS_PACKAGE_INDEX") or DEFAULT_INDEX_URL
    path = chosen.split("?", 1)[0].split("#", 1)[0]
    if not path.lower().endswith(".json"):
        chosen = chosen.rstrip("/") + "/index.json"
    return chosen


# --------------------------------------------------------------------------- reading packages


def _tree_size(root: Path) -> int:
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


def _package_from_dir(path: Path, shown: str, *, bundled: bool = False) -> Package:
    """Parse ``metadata.json`` of the package at *path*; errors name *shown* (a user path)."""
    meta_path = path / "metadata.json"
    where = f"{shown}/metadata.json"
    if not path.is_dir():
        raise ModelError("not a package directory", path=shown)
    if not meta_path.is_file():
        raise ModelError("no metadata.json (not an Argos package)", path=shown)
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"invalid JSON: {exc}", path=where) from None
    if not isinstance(meta, dict):
        raise ModelError("expected a JSON object", path=where)
    kind = meta.get("type", "translate")
    if kind != "translate":
        raise ModelError(f"not a translation package (type {kind!r})", path=where)
    codes = []
    for key in ("from_code", "to_code"):
        value = meta.get(key)
        if not isinstance(value, str) or not value.strip():
            raise ModelError(f"{key} is missing or not a string", path=where)
        codes.append(_code(value))
    prefix = meta.get("target_prefix", "")
    return Package(
        from_code=codes[0], to_code=codes[1],
        version=str(meta.get("package_version", "") or ""),
        path=path, demo=bundled or meta.get("demo") is True, name=path.name,
        bundled=bundled, target_prefix=prefix if isinstance(prefix, str) else "",
        metadata=MappingProxyType(meta),
    )


def read_package(path: str | os.PathLike[str]) -> Package:
    """Read the package directory at *path*; :class:`ModelError` (with the path) if invalid."""
    folder = Path(path)
    bundled = folder.resolve().parent == demo_models_dir().resolve()
    return _package_from_dir(folder, str(folder), bundled=bundled)


def _scan(directory: Path, *, bundled: bool = False) -> _Scan:
    scan = _Scan()
    if not directory.is_dir():
        return scan
    for child in sorted(directory.iterdir()):
        if child.name.startswith(".") or not child.is_dir():
            continue
        try:
            scan.packages.append(_package_from_dir(child, str(child), bundled=bundled))
        except ModelError as exc:
            scan.problems.append(exc)
    # By pair, newest version first (two stable sorts).
    scan.packages.sort(key=lambda p: version_key(p.version), reverse=True)
    scan.packages.sort(key=lambda p: (p.from_code, p.to_code))
    return scan


def demo_packages() -> list[Package]:
    """The demo packages bundled with the toolkit."""
    return _scan(demo_models_dir(), bundled=True).packages


def installed_packages(include_demo: bool = True) -> list[Package]:
    """User packages (from :func:`packages_dir`) first, then the bundled demo packages.

    Directories that are not valid packages are skipped; :func:`package_problems` lists them.
    """
    found = _scan(packages_dir()).packages
    return found + demo_packages() if include_demo else found


def package_problems() -> list[ModelError]:
    """Why directories in the packages dir (or demo dir) were skipped as invalid."""
    return _scan(packages_dir()).problems + _scan(demo_models_dir(), bundled=True).problems


def find_package(from_code: str, to_code: str) -> Package | None:
    """The package to translate *from_code* -> *to_code*: full over demo, then newest version.

    Codes go through :func:`toolkit.langs.normalize` (``zh-Hans``, ``ru_RU`` ... accepted).
    """
    pair = (normalize(from_code), normalize(to_code))
    candidates = [p for p in installed_packages() if (p.from_code, p.to_code) == pair]
    if not candidates:
        return None
    return max(candidates, key=lambda p: (not p.demo, version_key(p.version)))


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


# --------------------------------------------------------------------------- archive checks


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _check_sha256(path: Path, expected: str) -> str:
    want = expected.strip().lower()
    if not re.fullmatch(r"[0-9a-f]{64}", want):
        raise ModelError(f"a SHA-256 checksum is 64 hex digits, got {expected!r}")
    got = _sha256_file(path)
    if got != want:
        raise ModelError(f"sha256 mismatch: expected {want}, got {got}", path=str(path))
    return got


def _safe_parts(info: zipfile.ZipInfo, archive: Path) -> tuple[str, ...]:
    """The member's path parts, or :class:`ModelError` for anything that could escape."""
    name = info.filename
    bad = ("\x00" in name or "\\" in name or name.startswith("/")
           or re.match(r"^[A-Za-z]:", name) is not None)
    parts = tuple(p for p in PurePosixPath(name).parts if p not in ("", "."))
    if bad or ".." in parts:
        raise ModelError(f"unsafe member path {name!r} (absolute or outside the archive); "
                         "nothing was extracted", path=str(archive))
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise ModelError(f"archive member {name!r} is a symbolic link; nothing was extracted",
                         path=str(archive))
    if stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):  # 0: no Unix mode recorded
        raise ModelError(f"archive member {name!r} is not a regular file; nothing was extracted",
                         path=str(archive))
    if info.flag_bits & 0x1:
        raise ModelError(f"archive member {name!r} is encrypted", path=str(archive))
    return parts


def _check_members(zf: zipfile.ZipFile, archive: Path) -> str:
    """Validate every member name before extraction; return the single top folder."""
    tops: set[str] = set()
    files: set[tuple[str, ...]] = set()
    for info in zf.infolist():
        parts = _safe_parts(info, archive)
        if not parts:
            continue
        if len(parts) == 1 and not info.is_dir():
            raise ModelError(f"file {parts[0]!r} at the top level: a package archive holds "
                             "exactly one top folder", path=str(archive))
        tops.add(parts[0])
        if not info.is_dir():
            files.add(parts)
    if len(tops) != 1:
        found = ", ".join(sorted(tops)) or "none"
        raise ModelError(f"a package archive holds exactly one top folder; found "
                         f"{len(tops)} ({found})", path=str(archive))
    top = tops.pop()
    if top.startswith("."):
        raise ModelError(f"top folder {top!r} is hidden", path=str(archive))
    if (top, "metadata.json") not in files:
        raise ModelError(f"no {top}/metadata.json in the archive", path=str(archive))
    if (top, "model", "model.bin") not in files:
        raise ModelError(f"no {top}/model/model.bin (CTranslate2 model) in the archive",
                         path=str(archive))
    return top


def _open_zip(archive: Path) -> zipfile.ZipFile:
    if not archive.is_file():
        raise ModelError("not a file" if archive.exists() else "no such file",
                         path=str(archive))
    try:
        return zipfile.ZipFile(archive)
    except zipfile.BadZipFile:
        raise ModelError("not a zip archive (an .argosmodel file is a zip of one package "
                         "folder)", path=str(archive)) from None


def _extract(zf: zipfile.ZipFile, into: Path, archive: Path) -> None:
    root = into.resolve()
    for info in zf.infolist():
        parts = _safe_parts(info, archive)
        if not parts:
            continue
        target = root.joinpath(*parts)
        if root not in target.resolve().parents:  # belt and braces after _safe_parts
            raise ModelError(f"unsafe member path {info.filename!r}", path=str(archive))
        if info.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with zf.open(info) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
        except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
            raise ModelError(f"corrupt archive member {info.filename!r}: {exc}",
                             path=str(archive)) from None


def _check_space(zf: zipfile.ZipFile, dest: Path, archive: Path) -> int:
    needed = sum(i.file_size for i in zf.infolist())
    probe = dest if dest.exists() else next((p for p in dest.parents if p.exists()), dest)
    free = shutil.disk_usage(probe).free
    if needed > free:
        raise ModelError(f"needs {_mb(needed)} to extract but {probe} has {_mb(free)} free",
                         path=str(archive))
    return needed


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def _check_loadable(pkg: Package, shown: str) -> str:
    """Load the model with CTranslate2 and the tokenizer; return the tokenizer kind."""
    from toolkit.mt.engine import check_model

    sp_path, bpe_path = pkg.sp_model_path, pkg.bpe_model_path
    check_model(pkg.model_dir, sp_path, shown)
    if sp_path is not None:
        return "sentencepiece"
    if bpe_path is not None:
        try:
            with open(bpe_path, encoding="utf-8") as fh:
                first = fh.readline()
        except (OSError, UnicodeDecodeError) as exc:
            raise ModelError(f"cannot read bpe.model: {exc}", path=shown) from None
        if not first.strip():
            raise ModelError("bpe.model is empty", path=shown)
        return "bpe"
    raise ModelError("no tokenizer: expected sentencepiece.model (or bpe.model)", path=shown)


@dataclass
class _Staged:
    top: str
    folder: Path
    package: Package
    tokenizer: str
    size_bytes: int


@contextlib.contextmanager
def _staged(archive: Path, sha256: str | None, parent: Path | None) -> Iterator[_Staged]:
    """Check *archive*, extract it into a temp dir under *parent*, load it; clean up after."""
    if sha256:
        _check_sha256(archive, sha256)
    with _open_zip(archive) as zf:
        top = _check_members(zf, archive)  # before anything touches the disk
        if parent is not None:
            parent.mkdir(parents=True, exist_ok=True)
        size = _check_space(zf, parent or Path(tempfile.gettempdir()), archive)
        with temp_dir(parent) as staging:
            _extract(zf, staging, archive)
            shown = f"{archive}:{top}"
            pkg = _package_from_dir(staging / top, shown)
            if pkg.from_code not in SUPPORTED or pkg.to_code not in SUPPORTED:
                raise ModelError(f"package translates {pkg.pair}; toolkit supports "
                                 f"{', '.join(SUPPORTED)} only", path=str(archive))
            tokenizer = _check_loadable(pkg, shown)
            yield _Staged(top, staging, pkg, tokenizer, size)


# --------------------------------------------------------------------------- install / remove


def verify_archive(path: str | os.PathLike[str], sha256: str | None = None) -> ArchiveInfo:
    """Check an ``.argosmodel`` archive fully (names, metadata, model, tokenizer) without
    installing it: it is extracted into a system temp dir that is removed afterwards."""
    archive = Path(path)
    with _staged(archive, sha256, None) as staged:
        pkg = staged.package
        return ArchiveInfo(
            path=archive, name=staged.top, from_code=pkg.from_code, to_code=pkg.to_code,
            version=pkg.version, demo=pkg.demo, tokenizer=staged.tokenizer,
            size_bytes=staged.size_bytes, sha256=_sha256_file(archive),
        )


def install_archive(path: str | os.PathLike[str], sha256: str | None = None,
                    dest_dir: str | os.PathLike[str] | None = None) -> Package:
    """Verify and install an ``.argosmodel`` archive atomically; return the installed package.

    Any installed package for the same language pair is replaced (it is moved aside and
    deleted only after the new one is in place). *dest_dir* defaults to :func:`packages_dir`.
    """
    archive = Path(path)
    dest = Path(dest_dir) if dest_dir is not None else packages_dir()
    with _staged(archive, sha256, dest) as staged:
        final = _move_into_place(staged, dest)
    return read_package(final)


def _move_into_place(staged: _Staged, dest: Path) -> Path:
    pkg = staged.package
    final = dest / staged.top
    trash = staged.folder / ".replaced"
    trash.mkdir()
    same_pair = [p.path for p in _scan(dest).packages
                 if (p.from_code, p.to_code) == (pkg.from_code, pkg.to_code) and p.path != final]
    moved_final = False
    if final.exists() or final.is_symlink():
        os.replace(final, trash / "0")
        moved_final = True
    try:
        os.replace(staged.folder / staged.top, final)
    except OSError:
        if moved_final:
            os.replace(trash / "0", final)
        raise
    for n, old in enumerate(same_pair, start=1):
        with contextlib.suppress(FileNotFoundError):
            os.replace(old, trash / str(n))
    return final


def install_from_index(from_code: str, to_code: str, index_url: str | None = None, *,
                       sha256: str | None = None, dest_dir: str | os.PathLike[str] | None = None,
                       timeout: float = 60.0,
                       progress: DownloadProgress | None = None) -> Package:
    """Download the newest *from_code* -> *to_code* package from the Argos index and install it.

    This is the only function that uses the network. The archive streams to a temp file in the
    packages dir and goes through :func:`install_archive` (same checks, same atomicity).
    """
    pair = normalize(from_code), normalize(to_code)
    entry = resolve_index_entry(*pair, index_url=index_url, timeout=timeout)
    dest = Path(dest_dir) if dest_dir is not None else packages_dir()
    dest.mkdir(parents=True, exist_ok=True)
    with temp_dir(dest) as work:
        tmp = work / "download.argosmodel"
        download(entry, tmp, timeout=timeout, progress=progress)
        return install_archive(tmp, sha256=sha256, dest_dir=dest)


def resolve_index_entry(from_code: str, to_code: str, *, index_url: str | None = None,
                        timeout: float = 60.0) -> IndexEntry:
    """Fetch the index and return the entry that would be installed for the pair (network;
    used by ``install --dry-run``)."""
    entries = fetch_index(resolve_index_url(index_url), timeout=timeout)
    return select_entry(entries, normalize(from_code), normalize(to_code))


def remove_package(from_code: str, to_code: str) -> Package:
    """Remove the installed package(s) for the pair; return the one that was in use.

    Bundled demo packages cannot be removed: :class:`ModelError` says so.
    """
    pair = normalize(from_code), normalize(to_code)
    shown = f"{pair[0]}->{pair[1]}"
    dest = packages_dir()
    mine = [p for p in _scan(dest).packages if (p.from_code, p.to_code) == pair]
    if not mine:
        if any((p.from_code, p.to_code) == pair for p in demo_packages()):
            raise ModelError(f"{shown} only has the bundled demo package, which ships with the "
                             "toolkit and cannot be removed")
        raise ModelError(f"no {shown} package is installed in {dest}")
    in_use = max(mine, key=lambda p: (not p.demo, version_key(p.version)))
    with temp_dir(dest) as trash:
        for n, pkg in enumerate(mine):
            os.replace(pkg.path, trash / str(n))  # atomic: gone from the listing at once
    return in_use


# --------------------------------------------------------------------------- verify


def verify_package(pkg: Package, sentence: str | None = None) -> VerifyResult:
    """Load *pkg* through the engine and translate one sentence; never raises.

    OK means the engine loaded the model and tokenizer and returned a translation with at least
    one word character (a model that answers "" or "." is broken).
    """
    source = sentence or SAMPLE_SENTENCES.get(pkg.from_code, SAMPLE_SENTENCES["en"])
    started = time.perf_counter()
    try:
        from toolkit.mt.engine import get_engine

        output = get_engine(pkg).translate([source])
    except Exception as exc:  # noqa: BLE001 - any failure to load or run is a FAIL to report
        return VerifyResult(pkg, False, source, error=_describe(exc),
                            seconds=time.perf_counter() - started)
    elapsed = time.perf_counter() - started
    text = output[0] if len(output) == 1 else None
    if text is None or not any(ch.isalpha() for ch in text):
        return VerifyResult(pkg, False, source, output=text,
                            error=f"no words in the translation: {text!r}", seconds=elapsed)
    return VerifyResult(pkg, True, source, output=output[0], seconds=elapsed)


def _describe(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return " ".join(text.split())
