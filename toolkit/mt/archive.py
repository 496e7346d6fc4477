"""Safety checks on an ``.argosmodel`` archive (a zip of one package folder) and its extraction.

Nothing is extracted until every member has been checked: no ``..``, absolute paths, NUL
bytes (checked in the raw name: ``zipfile`` cuts a name at its NUL), symbolic links, special
files or duplicate names; exactly one top folder holding ``metadata.json`` and
``model/model.bin``; and no zip bomb (the declared sizes, which ``zipfile`` enforces while
extracting, are capped in total and in their ratio to the compressed size).
"""

from __future__ import annotations

import hashlib
import re
import shutil
import stat
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from toolkit.errors import ModelError
from toolkit.i18n import Message

MAX_UNPACKED_BYTES = 4 << 30
"""An Argos package unpacks to a few hundred MB; 4 GiB leaves room and stops a bomb."""
MAX_RATIO = 50
"""Model weights barely compress (about 1.1:1, vocabularies 3:1); 2 GiB of zeros is 1000:1."""
_RATIO_MIN_BYTES = 1 << 20
"""Members smaller than this may compress as well as they like (JSON, text)."""


def sha256_file(path: Path) -> str:
    """The hex SHA-256 of the file at *path*."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def check_sha256(path: Path, expected: str) -> str:
    """:class:`ModelError` unless *path* hashes to *expected* (64 hex digits, any case)."""
    want = expected.strip().lower()
    if not re.fullmatch(r"[0-9a-f]{64}", want):
        raise ModelError(Message("a SHA-256 checksum is 64 hex digits, got {expected!r}",
                                 expected=expected))
    got = sha256_file(path)
    if got != want:
        raise ModelError(Message("sha256 mismatch: expected {want}, got {got}", want=want,
                                 got=got), path=str(path))
    return got


def _safe_parts(info: zipfile.ZipInfo, archive: Path) -> tuple[str, ...]:
    """The member's path parts, or :class:`ModelError` for anything that could escape."""
    name = info.orig_filename
    bad = ("\x00" in name or "\\" in name or name.startswith("/")
           or re.match(r"^[A-Za-z]:", name) is not None)
    parts = tuple(p for p in PurePosixPath(name).parts if p not in ("", "."))
    if bad or ".." in parts:
        raise ModelError(Message("unsafe member path {name!r} (absolute or outside the archive); "
                                 "nothing was extracted", name=name), path=str(archive))
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise ModelError(Message("archive member {name!r} is a symbolic link; nothing was "
                                 "extracted", name=name),
                         path=str(archive))
    if stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):  # 0: no Unix mode recorded
        raise ModelError(Message("archive member {name!r} is not a regular file; nothing was "
                                 "extracted", name=name),
                         path=str(archive))
    if info.flag_bits & 0x1:
        raise ModelError(Message("archive member {name!r} is encrypted",
                                 name=name), path=str(archive))
    return parts


def check_members(zf: zipfile.ZipFile, archive: Path) -> str:
    """Validate every member name before extraction; return the single top folder."""
    tops: set[str] = set()
    files: set[tuple[str, ...]] = set()
    seen: set[tuple[str, ...]] = set()
    for info in zf.infolist():
        parts = _safe_parts(info, archive)
        if not parts:
            continue
        if parts in seen and not info.is_dir():
            raise ModelError(Message("archive member {name!r} appears twice (which one would be "
                                     "installed is not defined); nothing was extracted",
                                     name="/".join(parts)),
                             path=str(archive))
        seen.add(parts)
        if len(parts) == 1 and not info.is_dir():
            raise ModelError(Message("file {name!r} at the top level: a package archive holds "
                                     "exactly one top folder", name=parts[0]), path=str(archive))
        tops.add(parts[0])
        if not info.is_dir():
            files.add(parts)
    if len(tops) != 1:
        if not tops:
            raise ModelError(Message("a package archive holds exactly one top folder; found 0 "
                                     "(none)"), path=str(archive))
        raise ModelError(Message("a package archive holds exactly one top folder; found {count} "
                                 "({found})", count=len(tops), found=", ".join(sorted(tops))),
                         path=str(archive))
    top = tops.pop()
    if top.startswith("."):
        raise ModelError(Message("top folder {top!r} is hidden", top=top), path=str(archive))
    if (top, "metadata.json") not in files:
        raise ModelError(Message("no {top}/metadata.json in the archive",
                                 top=top), path=str(archive))
    if (top, "model", "model.bin") not in files:
        raise ModelError(Message("no {top}/model/model.bin (CTranslate2 model) in the archive",
                                 top=top),
                         path=str(archive))
    _check_sizes(zf, archive)
    _check_offsets(zf, archive)
    return top


def _check_offsets(zf: zipfile.ZipFile, archive: Path) -> None:
    """Refuse members whose data would start outside the file (a byte lost or added before
    the directory shifts them): zipfile would seek there and fail with a bare EINVAL."""
    size = archive.stat().st_size
    for info in zf.infolist():
        if not 0 <= info.header_offset < size:
            raise ModelError(Message("corrupt archive: member {filename!r} starts outside the file "
                                     "(truncated or altered?); nothing was extracted",
                                     filename=info.filename),
                             path=str(archive))


def _check_sizes(zf: zipfile.ZipFile, archive: Path) -> None:
    """Refuse a zip bomb: too much data in total, or far more than the archive compresses."""
    total = sum(i.file_size for i in zf.infolist())
    if total > MAX_UNPACKED_BYTES:
        raise ModelError(Message("archive unpacks to {size}, more than the {limit} a package may "
                                 "take; nothing was extracted", size=_mb(total),
                                 limit=_mb(MAX_UNPACKED_BYTES)),
                         path=str(archive))
    packed = max(archive.stat().st_size, 1)
    suspicious = [i for i in zf.infolist() if i.file_size >= _RATIO_MIN_BYTES
                  and i.file_size > MAX_RATIO * max(i.compress_size, 1)]
    if suspicious or (total >= _RATIO_MIN_BYTES and total > MAX_RATIO * packed):
        where = f" ({suspicious[0].filename})" if suspicious else ""  # the member, or nothing
        raise ModelError(Message("archive of {packed} unpacks to {size}{where}: more than {ratio} "
                                 "times its size, which model files never compress to (a zip "
                                 "bomb?); nothing was extracted", packed=_mb(packed),
                                 size=_mb(total), where=where, ratio=MAX_RATIO),
                         path=str(archive))


def open_zip(archive: Path) -> zipfile.ZipFile:
    """Open *archive* as a zip; :class:`ModelError` naming it when it is missing or not a zip."""
    if not archive.is_file():
        raise ModelError(Message("not a file") if archive.exists() else Message("no such file"),
                         path=str(archive))
    try:
        return zipfile.ZipFile(archive)
    except zipfile.BadZipFile:
        raise ModelError(Message("not a zip archive (an .argosmodel file is a zip of one package "
                                 "folder)"), path=str(archive)) from None


def extract(zf: zipfile.ZipFile, into: Path, archive: Path) -> None:
    """Extract the (already checked) members of *zf* under *into*."""
    root = into.resolve()
    for info in zf.infolist():
        parts = _safe_parts(info, archive)
        if not parts:
            continue
        target = root.joinpath(*parts)
        if root not in target.resolve().parents:  # belt and braces after _safe_parts
            raise ModelError(Message("unsafe member path {filename!r}",
                                     filename=info.filename), path=str(archive))
        if info.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with zf.open(info) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
        except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
            raise ModelError(Message("corrupt archive member {filename!r}: {error}",
                                     filename=info.filename, error=str(exc)),
                             path=str(archive)) from None


def check_space(zf: zipfile.ZipFile, dest: Path, archive: Path) -> int:
    """The bytes extraction needs; :class:`ModelError` when *dest*'s disk has less free."""
    needed = sum(i.file_size for i in zf.infolist())
    probe = dest if dest.exists() else next((p for p in dest.parents if p.exists()), dest)
    free = shutil.disk_usage(probe).free
    if needed > free:
        raise ModelError(Message("needs {needed} to extract but {probe} has {free} free",
                                 needed=_mb(needed), probe=probe, free=_mb(free)),
                         path=str(archive))
    return needed


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"
