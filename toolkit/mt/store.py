"""Where packages live and how they get there: list, find, install and remove. Offline by default.

User packages live in argostranslate's packages directory, so packages installed with
``argospm`` and with ``toolkit models install`` are the same files; small demo packages ship in
``toolkit/data/models/`` so the toolkit works before anything is installed.

Installing never trusts an archive: member names are checked (:mod:`toolkit.mt.archive`) before
a byte is extracted, the package is extracted into a hidden temporary directory inside the
packages directory, the engine loads it exactly as it will for a translation
(:func:`toolkit.mt.engine.check_package`), and only then does ``os.replace`` move it into
place. A failure at any step leaves the packages directory as it was. The network is used only
by :func:`install_from_index` (through :mod:`toolkit.mt.index`).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.errors import ModelError
from toolkit.fsutil import TEMP_DIR_PREFIX, exchange, temp_dir
from toolkit.i18n import Message, _
from toolkit.langs import SUPPORTED, normalize
from toolkit.mt.archive import (
    check_members,
    check_sha256,
    check_space,
    extract,
    open_zip,
    sha256_file,
)
from toolkit.mt.engine import check_files, check_package
from toolkit.mt.index import (
    DEFAULT_MAX_SECONDS,
    DownloadProgress,
    IndexEntry,
    download,
    fetch_index,
    select_entry,
    version_key,
)
from toolkit.mt.package import Package, package_from_dir

DEFAULT_INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
STAGING_PREFIX = TEMP_DIR_PREFIX
"""Hidden work directories inside the packages dir (:func:`toolkit.fsutil.temp_dir`: pid in
the name, swept once their process is gone); listing skips them."""

_DEMO_DIR = Path(__file__).resolve().parent.parent / "data" / "models"


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
class BrokenPackage:
    """A directory in a packages dir that is not a usable package, and why."""

    path: Path
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"path": str(self.path), "error": self.reason}


@dataclass
class _Scan:
    packages: list[Package] = field(default_factory=list)
    problems: list[BrokenPackage] = field(default_factory=list)


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
        return _usable(Path(configured).expanduser(), "ARGOS_PACKAGES_DIR")
    data_home = os.environ.get("XDG_DATA_HOME") or str(_home() / ".local" / "share")
    return _usable(Path(data_home) / "argos-translate" / "packages", "XDG_DATA_HOME")


def _usable(folder: Path, source: str) -> Path:
    """*folder*, or :class:`ModelError` when it (or a parent) exists and is not a directory."""
    for path in (folder, *folder.parents):
        if path.exists() or path.is_symlink():
            if not path.is_dir():
                raise ModelError(Message("the packages directory {folder} (from {source}) is not a "
                                         "directory: {path} is a file", folder=folder,
                                         source=source, path=path), path=str(path))
            break
    return folder


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


def read_package(path: str | os.PathLike[str]) -> Package:
    """Read the package directory at *path*; :class:`ModelError` (with the path) if invalid."""
    folder = Path(path)
    bundled = folder.resolve().parent == demo_models_dir().resolve()
    return package_from_dir(folder, str(folder), bundled=bundled)


def _scan(directory: Path, *, bundled: bool = False) -> _Scan:
    scan = _Scan()
    if not directory.is_dir():
        return scan
    for child in sorted(directory.iterdir()):
        if child.name.startswith(".") or not child.is_dir():
            continue
        try:
            package = package_from_dir(child, str(child), bundled=bundled)
            check_files(package, str(child))  # e.g. a BPE package: listed, never chosen
            scan.packages.append(package)
        except ModelError as exc:
            where = exc.path[len(str(child)):].lstrip("/") if exc.path else ""
            scan.problems.append(BrokenPackage(child, f"{where}: {exc.message}" if where
                                               else exc.message))
    # By pair, newest version first (two stable sorts).
    scan.packages.sort(key=lambda p: version_key(p.version), reverse=True)
    scan.packages.sort(key=lambda p: (p.from_code, p.to_code))
    return scan


def demo_packages() -> list[Package]:
    """The demo packages bundled with the toolkit."""
    return _scan(demo_models_dir(), bundled=True).packages


def installed_packages(include_demo: bool = True) -> list[Package]:
    """User packages (from :func:`packages_dir`) first, then the bundled demo packages.

    Directories that are not valid packages are not used; :func:`package_problems` lists them.
    """
    found = _scan(packages_dir()).packages
    return found + demo_packages() if include_demo else found


def package_problems() -> list[BrokenPackage]:
    """The directories in the packages dir (or demo dir) that are broken packages, and why."""
    return inventory()[1]


def inventory() -> tuple[list[Package], list[BrokenPackage]]:
    """:func:`installed_packages` and :func:`package_problems` from one scan of each
    directory (``models list`` shows both)."""
    user, demo = _scan(packages_dir()), _scan(demo_models_dir(), bundled=True)
    return user.packages + demo.packages, user.problems + demo.problems


def find_package(from_code: str, to_code: str,
                 among: Sequence[Package] | None = None) -> Package | None:
    """The package to translate *from_code* -> *to_code*: full over demo, then newest version.

    Codes go through :func:`toolkit.langs.normalize` (``zh-Hans``, ``ru_RU`` ... accepted).
    *among*: packages already listed by :func:`installed_packages` (default: list them now).
    """
    pair = (normalize(from_code), normalize(to_code))
    candidates = [p for p in (installed_packages() if among is None else among)
                  if (p.from_code, p.to_code) == pair]
    if not candidates:
        return None
    return max(candidates, key=lambda p: (not p.demo, version_key(p.version)))


# --------------------------------------------------------------------------- staging


@dataclass
class _Staged:
    top: str
    folder: Path
    package: Package
    tokenizer: str
    size_bytes: int


@contextlib.contextmanager
def _staged(archive: Path, sha256: str | None, parent: Path | None,
            pair: tuple[str, str] | None = None) -> Iterator[_Staged]:
    """Check *archive*, extract it into a temp dir under *parent*, load it; clean up after.

    *pair*: the language pair the archive was asked for (an index download); another is an
    error.
    """
    if sha256:
        check_sha256(archive, sha256)
    with open_zip(archive) as zf:
        top = check_members(zf, archive)  # before anything touches the disk
        if parent is not None:
            parent.mkdir(parents=True, exist_ok=True)
        size = check_space(zf, parent or Path(tempfile.gettempdir()), archive)
        with temp_dir(parent) as staging:
            extract(zf, staging, archive)
            shown = f"{archive}:{top}"
            pkg = package_from_dir(staging / top, shown)
            if pkg.from_code not in SUPPORTED or pkg.to_code not in SUPPORTED:
                raise ModelError(Message("package translates {pair}; toolkit supports {supported} "
                                         "only", pair=pkg.pair,
                                         supported=", ".join(SUPPORTED)), path=str(archive))
            if pair is not None and (pkg.from_code, pkg.to_code) != pair:
                raise ModelError(Message("asked for {source}->{target} but the downloaded package "
                                         "translates {pair}; nothing was installed", source=pair[0],
                                         target=pair[1], pair=pkg.pair),
                                 path=str(archive))
            check_package(pkg, shown)
            yield _Staged(top, staging, pkg, str(pkg.tokenizer), size)


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
            size_bytes=staged.size_bytes, sha256=sha256_file(archive),
        )


def install_archive(path: str | os.PathLike[str], sha256: str | None = None,
                    dest_dir: str | os.PathLike[str] | None = None, *,
                    pair: tuple[str, str] | None = None) -> Package:
    """Verify and install an ``.argosmodel`` archive atomically; return the installed package.

    Any installed package for the same language pair is replaced (it is moved aside and
    deleted only after the new one is in place). *dest_dir* defaults to :func:`packages_dir`.
    With *pair* (normalized codes), an archive for another pair is refused.
    """
    archive = Path(path)
    dest = Path(dest_dir) if dest_dir is not None else packages_dir()
    with _staged(archive, sha256, dest, pair) as staged:
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
    if (final.exists() or final.is_symlink()) and exchange(staged.folder / staged.top, final):
        # one atomic step: the new package is in place, the old one where the new one was
        os.replace(staged.folder / staged.top, trash / "0")
    else:
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
                       progress: DownloadProgress | None = None,
                       max_seconds: float = DEFAULT_MAX_SECONDS) -> Package:
    """Download the newest *from_code* -> *to_code* package from the Argos index and install it.

    The archive streams to a temp file in the packages dir and goes through
    :func:`install_archive` (same checks, same atomicity, and it must hold the pair asked for).
    *timeout* bounds each network read, *max_seconds* each whole download.
    """
    pair = normalize(from_code), normalize(to_code)
    dest = Path(dest_dir) if dest_dir is not None else packages_dir()  # checked before the network
    entry = resolve_index_entry(*pair, index_url=index_url, timeout=timeout,
                                max_seconds=max_seconds)
    dest.mkdir(parents=True, exist_ok=True)
    with temp_dir(dest) as work:
        tmp = work / "download.argosmodel"
        download(entry, tmp, timeout=timeout, progress=progress, max_seconds=max_seconds)
        return install_archive(tmp, sha256=sha256, dest_dir=dest, pair=pair)


def resolve_index_entry(from_code: str, to_code: str, *, index_url: str | None = None,
                        timeout: float = 60.0,
                        max_seconds: float = DEFAULT_MAX_SECONDS) -> IndexEntry:
    """Fetch the index and return the entry that would be installed for the pair (network;
    used by ``install --dry-run``)."""
    entries = fetch_index(resolve_index_url(index_url), timeout=timeout,
                          max_seconds=max_seconds)
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
            raise ModelError(_("{pair} only has the bundled demo package, which ships with the "
                               "toolkit and cannot be removed").format(pair=shown))
        raise ModelError(_("no {pair} package is installed in {folder}").format(
            pair=shown, folder=dest))
    in_use = max(mine, key=lambda p: (not p.demo, version_key(p.version)))
    with temp_dir(dest) as trash:
        for n, pkg in enumerate(mine):
            os.replace(pkg.path, trash / str(n))  # atomic: gone from the listing at once
    return in_use
