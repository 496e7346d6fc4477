"""Catalog files on disk: read strictly, written atomically, edited under the file lock.

Every catalog command goes through here, so each write replaces the file in one rename (an
interrupted write leaves the original intact), keeps untouched entries byte for byte
(:mod:`toolkit.po.writer`), and a read-modify-write holds :func:`toolkit.fsutil.locked`, so
two processes updating one catalog never lose each other's change. A catalog is never
written with a UTF-8 byte-order mark: msgfmt, ``catalog compile`` and ``check`` refuse one,
so a command that writes the file drops it and says so (:func:`write_notes`) rather than
leave a file the next command refuses.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar

from toolkit.errors import CatalogError
from toolkit.fsutil import atomic_write_bytes, locked
from toolkit.i18n import Message, _
from toolkit.po.msgfmt import starts_with_bom
from toolkit.po.reader import PoFile, decode_po, read_po

T = TypeVar("T")

__all__ = ["BOM_REMOVED", "Edited", "catalog_paths", "edit_if_changed", "editing",
           "load_catalog", "po_bytes", "save_catalog", "searched_in_folders",
           "untranslatable_locale", "write_notes"]

BOM_REMOVED = Message("removed the UTF-8 byte-order mark at the start of the file (msgfmt "
                      "refuses a catalog that starts with one)")


def load_catalog(path: str | os.PathLike[str], *, write: bool = False) -> PoFile:
    """Read the catalog at *path*; CatalogError at the first syntax error (``file:line``).

    *write*: the command will write it back, so a line two entries share (which msgfmt
    reads, :data:`toolkit.po.writer.SHARED_LINE`) is an error now, before any work."""
    shown = os.fspath(path)
    try:
        po, _decoded = read_po(path)
    except FileNotFoundError:
        raise CatalogError(_("no such file"), path=shown) from None
    except IsADirectoryError:
        raise CatalogError(_("is a directory"), path=shown) from None
    if po.errors:
        err = po.errors[0]
        raise CatalogError(err.message, path=shown, line=err.line)
    if po.source is not None and po.source.bad_utf8_lines:
        raise CatalogError(Message("not valid {charset}", charset=po.source.used_charset),
                           path=shown,
                           line=po.source.bad_utf8_lines[0])
    if write and po.shared_lines:
        from toolkit.po.writer import SHARED_LINE

        raise CatalogError(SHARED_LINE, path=shown, line=po.shared_lines[0])
    return po


def po_bytes(po: PoFile, path: str | os.PathLike[str] | None = None) -> bytes:
    """The file's bytes for *po* (see :func:`toolkit.po.writer.write_po`), without the UTF-8
    byte-order mark it may have been read with (:func:`write_notes`). *path* names the file
    in an error (text the catalog's charset cannot hold: file:line)."""
    from toolkit.po.writer import write_po  # not loaded by commands that only read

    buf = io.BytesIO()
    try:
        write_po(buf, po)
    except CatalogError as exc:
        if exc.path is None and path is not None:
            exc.path = os.fspath(path)
        raise
    data = buf.getvalue()
    return data[len(codecs.BOM_UTF8):] if starts_with_bom(po) else data


def write_notes(po: PoFile) -> list[Message]:
    """What writing *po* changes besides its entries, for the command to tell the user: the
    byte-order mark :func:`po_bytes` drops (:data:`BOM_REMOVED`)."""
    return [BOM_REMOVED] if starts_with_bom(po) else []


def save_catalog(path: str | os.PathLike[str], po: PoFile) -> bool:
    """Write *po* to *path* atomically; returns False (and leaves the file alone, mtime too)
    when the bytes would not change."""
    data = po_bytes(po, path)
    p = Path(path)
    with contextlib.suppress(FileNotFoundError, IsADirectoryError):
        if p.read_bytes() == data:
            return False
    atomic_write_bytes(p, data)
    return True


@contextlib.contextmanager
def editing(path: str | os.PathLike[str], reuse: PoFile | None = None, *,
            track: bool = True) -> Iterator[PoFile]:
    """Read-modify-write one catalog under its lock; written only if the block succeeds.

    *reuse* is this catalog as read earlier without the lock (and not changed since): when
    the file still holds exactly its text it is edited instead of parsing the file again.
    *track* off: the block takes the writer's snapshot itself, of the entries it may change
    (:func:`toolkit.po.writer.snapshot`), instead of one of every entry here.
    """
    with locked(path):
        po = (reuse if reuse is not None and _holds(path, reuse)
              else load_catalog(path, write=True))
        if track and po.snapshot is None:
            from toolkit.po.writer import snapshot

            snapshot(po)  # the writer then tells changed entries apart without a second parse
        yield po
        save_catalog(path, po)


class Edited(NamedTuple, Generic[T]):
    """What :func:`edit_if_changed` did: *change*'s result, whether the file was written, and
    :func:`write_notes` of the write (empty when nothing was written)."""

    result: T
    written: bool
    notes: list[Message]


def edit_if_changed(path: str | os.PathLike[str], change: Callable[[PoFile], T]) -> Edited[T]:
    """Apply *change* to the catalog at *path* (see :class:`Edited`).

    *change* runs first on the file as read without the lock; when the catalog it gives has
    the file's bytes, nothing is locked or written (``catalog update`` in a read-only
    checkout, or in CI, with nothing to merge). Otherwise the result is written under the
    lock if the file still holds what was read; if a writer came in between, *change* runs
    again on the file as it is then, so that writer is not overwritten."""
    from toolkit.po.writer import snapshot

    data = Path(path).read_bytes()
    po = load_catalog(path, write=True)
    snapshot(po)
    result = change(po)
    out = po_bytes(po, path)
    if out == data:
        return Edited(result, False, [])
    with locked(path):
        try:
            unchanged = Path(path).read_bytes() == data
        except OSError:  # gone meanwhile: editing() below says so
            unchanged = False
        if unchanged:
            atomic_write_bytes(Path(path), out)
            return Edited(result, True, write_notes(po))
    with editing(path) as po:
        result = change(po)
        notes = write_notes(po)
    return Edited(result, True, notes)


def _holds(path: str | os.PathLike[str], po: PoFile) -> bool:
    """Whether the file at *path* still holds the bytes *po* was parsed from (decoded
    alike: the same text)."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return False
    source = po.source
    if source is None:
        return False
    return data == source.data if source.data else decode_po(data) == source


def catalog_paths(paths: Iterable[str | os.PathLike[str]], suffix: str = ".po") -> list[Path]:
    """The catalogs named by *paths*: files as given, directories searched for *suffix*."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob(f"*{suffix}") if f.is_file()))
        elif p.exists():
            out.append(p)
        else:
            raise CatalogError(_("no such file or directory"), path=os.fspath(p))
    return out


def searched_in_folders(paths: Iterable[str | os.PathLike[str]], found: Iterable[Path],
                        ) -> set[Path]:
    """The catalogs of *found* (:func:`catalog_paths` of *paths*) that a folder search
    brought in, not named one by one: a command may pass over those it cannot handle."""
    named = {Path(p) for p in paths if not Path(p).is_dir()}
    return {p for p in found if p not in named}


def untranslatable_locale(po: PoFile, path: str | os.PathLike[str],
                          source: str | None = None) -> str | None:
    """The catalog's locale (Language header, else its path) when the toolkit does not
    translate that language (``ar``, ``de``) or, so marked, when it is the *source* language
    itself (``en_GB (the source language)`` from en), else None (also when neither tells:
    the commands say so themselves).

    A package's ``locale/`` folder holds dozens of languages; ``catalog fill locale/`` and
    ``memory import locale/`` stopped at the first (``ar``) instead of doing ru and zh, and
    ``memory import`` stored an ``en_GB`` catalog as en -> en units (the region is no
    language the memory tells apart), which no lookup asks for and whose TMX export the
    toolkit's own import skips."""
    from toolkit.errors import LanguageError
    from toolkit.langs import parse_lang
    from toolkit.po.locale import detect_locale

    locale = detect_locale(path, po.header)
    if locale is None:
        return None
    try:
        lang = parse_lang(locale)
    except LanguageError:
        return locale
    if source is not None and lang == parse_lang(source):
        return _("{locale} (the source language)").format(locale=locale)
    return None
