"""Files the toolkit writes: checked before the work, replaced atomically, never left half-done.

* :func:`check_target` refuses a target before any slow work: an existing file (unless
  forced), the input itself, a directory, a place the user cannot write.
* :func:`atomic_open` writes through symlinks (the link's target is replaced), writes straight
  into devices and FIFOs (``/dev/full``, ``/dev/stdout``, a pipe), and replaces a regular file
  by renaming a temporary file over it, with the old file's mode and ownership. New files get
  ``0666 & ~umask``, as :func:`open` gives them.
* Temporary files and work directories carry the writer's pid in their name and are locked
  while in use; the next write to the same directory deletes the ones whose writer is gone
  (killed with SIGKILL, a power cut), never a live writer's.
* :func:`locked` serializes read-modify-write of one file across processes (glossary edits).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from toolkit.errors import OutputError
from toolkit.i18n import Message, _

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no flock; pid and age decide staleness
    fcntl = None  # type: ignore[assignment]

TEMP_MARK = "toolkit-tmp-"
"""Every temporary file or directory the toolkit creates has this, the writer's pid and a
random part in its name: ``.NAME.toolkit-tmp-PID-RANDOM.tmp`` beside a file being written,
``.toolkit-tmp-PID-RANDOM`` for work directories (model installs)."""

TEMP_DIR_PREFIX = "." + TEMP_MARK
STALE_AFTER = 3600.0
"""Seconds after which an unlocked temporary entry counts as abandoned even if a process with
its pid exists (pids are reused) or it has no pid (names of older toolkit versions)."""

LOCK_TIMEOUT = 10.0
"""Seconds :func:`locked` waits for another toolkit process before giving up."""

_OURS = re.compile(r"(?:^|\.)" + re.escape(TEMP_MARK) + r"(?P<pid>\d+)-[0-9a-z]{8}(?:\.[a-z]+)?$")
_LEGACY_FILE = re.compile(r"^\.(?P<name>.+)\.[0-9a-z_]{8}\.tmp$")  # mkstemp names, before pids
_MAX_NAME = 120  # of the target's name inside a temp name (NAME_MAX is 255 bytes)


# --------------------------------------------------------------------------- checking a target


def resolve(path: str | os.PathLike[str]) -> Path:
    """The file a write to *path* really changes: symlinks followed, made absolute."""
    return Path(os.path.realpath(path))


def check_target(path: str | os.PathLike[str], *, force: bool = False,
                 inputs: Iterable[str | os.PathLike[str] | None] = ()) -> None:
    """Raise :class:`OutputError` naming *path* unless it can and may be written.

    Refused: an existing regular file unless *force* (a file is never overwritten by surprise),
    one of *inputs* (``-`` and None skipped) unless *force*, a directory, a file or directory
    the user cannot write. Devices and FIFOs are written directly, so they are never
    "overwritten" and need no *force*. Call it before the slow work, so a bad target fails in
    a second, not after a whole translation.
    """
    shown = os.fspath(path)
    target = resolve(path)
    try:
        st = os.stat(target)
    except (FileNotFoundError, NotADirectoryError):
        st = None
    except OSError as exc:
        raise OutputError(Message("cannot write: {error}", error=exc.strerror),
                          path=shown) from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise OutputError(_("is a directory"), path=shown)
        if stat.S_ISREG(st.st_mode) and not force:
            if any(_same_file(st, other) for other in inputs):
                raise OutputError(_("is the input file; pass --force to overwrite it"),
                                  path=shown)
            raise OutputError(_("exists; pass --force to overwrite it"), path=shown)
        if not os.access(target, os.W_OK):
            raise OutputError(_("cannot write: permission denied"), path=shown)
        if not stat.S_ISREG(st.st_mode):
            return
    directory = target.parent
    while not directory.exists() and directory != directory.parent:
        directory = directory.parent
    if not directory.is_dir():
        raise OutputError(_("cannot write: {directory} is not a directory").format(
            directory=directory), path=shown)
    if not os.access(directory, os.W_OK | os.X_OK):
        raise _not_writable(directory, shown)


#: errno values that say a directory may not be written (not that something else went wrong)
_DENIED = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})


def _not_writable(directory: Path, shown: str) -> OutputError:
    """The one message for a file that cannot be written because its directory cannot: the
    same from the up-front check, the lock and the temporary file (a read-only ``locales/``
    said ``cannot lock: Permission denied`` or just ``Permission denied``)."""
    return OutputError(_("cannot write: directory {directory} is not writable").format(
        directory=directory), path=shown)


def _same_file(st: os.stat_result, other: str | os.PathLike[str] | None) -> bool:
    if other is None or os.fspath(other) == "-":
        return False
    try:
        return os.path.samestat(st, os.stat(other))
    except OSError:
        return False


# --------------------------------------------------------------------------- writing


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike[str], mode: str = "w", *,
                encoding: str | None = "utf-8", newline: str | None = None) -> Iterator[IO]:
    """Open *path* for writing so that a failure part-way never leaves a torn file.

    A regular (or new) file is written to a temporary file in the same directory, which
    replaces the file on success (``os.replace``: atomic) and is deleted on failure; an
    existing one the user may not write is refused (:class:`OutputError`), not replaced. A symlink
    is followed: its target is replaced, the link stays. Devices and FIFOs cannot be replaced
    and are written directly. OS errors name *path*, never the temporary file.
    """
    shown = os.fspath(path)
    target = resolve(path)
    binary = "b" in mode
    with _naming(shown):
        try:
            st: os.stat_result | None = os.stat(target)
        except FileNotFoundError:
            st = None
        if st is not None and stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), shown)
        if st is not None and not stat.S_ISREG(st.st_mode):
            fh = open(target, mode, encoding=None if binary else encoding,  # noqa: SIM115
                      newline=None if binary else newline)
            with fh:
                yield fh
            return
        if st is not None and not os.access(target, os.W_OK):
            # the rename would replace a file its owner made read-only (a locked checkout,
            # chmod 444): refused, as writing it in place would be (msgmerge -U, cp, editors)
            raise OutputError(_("cannot write: permission denied"), path=shown)
        target.parent.mkdir(parents=True, exist_ok=True)
        sweep_stale(target.parent, target.name)
        try:
            tmp, fd = _create_temp_file(target)
        except OSError as exc:
            if exc.errno in _DENIED:
                raise _not_writable(target.parent, shown) from None
            raise
        try:
            if binary:
                fh = os.fdopen(fd, mode)
            else:
                fh = os.fdopen(fd, mode, encoding=encoding, newline=newline)
            with fh:
                yield fh
                fh.flush()
                os.fsync(fh.fileno())
                if st is not None:
                    _copy_owner_and_mode(st, fh.fileno())
                os.replace(tmp, target)  # still locked: the sweeper cannot take it meanwhile
            _fsync_dir(target.parent)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Write *text* to *path* atomically (newlines written as given)."""
    with atomic_open(path, "w", encoding=encoding, newline="") as fh:
        fh.write(text)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write *data* to *path* atomically."""
    with atomic_open(path, "wb", encoding=None) as fh:
        fh.write(data)


@contextlib.contextmanager
def _naming(shown: str) -> Iterator[None]:
    """OS errors without a file name, or naming our temp file, get *shown* as their name."""
    try:
        yield
    except OSError as exc:
        name = os.fspath(exc.filename) if exc.filename is not None else ""
        if exc.errno is not None and (not name or TEMP_MARK in os.path.basename(name)):
            raise OSError(exc.errno, exc.strerror or os.strerror(exc.errno), shown) from exc
        raise


def _temp_name(base: str = "", suffix: str = "") -> str:
    return f"{base}{TEMP_MARK}{os.getpid()}-{os.urandom(4).hex()}{suffix}"


def _create_temp_file(target: Path) -> tuple[Path, int]:
    """A new, locked temp file beside *target*, created as open() would (0666 & ~umask)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) \
        | getattr(os, "O_NOFOLLOW", 0)
    for _attempt in range(100):
        tmp = target.parent / _temp_name(f".{target.name[:_MAX_NAME]}.", ".tmp")
        try:
            fd = os.open(tmp, flags, 0o666)
        except FileExistsError:
            continue
        _lock(fd)
        return tmp, fd
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(target))


def _copy_owner_and_mode(st: os.stat_result, fd: int) -> None:
    """Give the new file the replaced file's owner, group (as far as allowed) and mode."""
    mine = os.fstat(fd)
    if hasattr(os, "fchown") and (mine.st_uid, mine.st_gid) != (st.st_uid, st.st_gid):
        try:
            os.fchown(fd, st.st_uid, st.st_gid)
        except PermissionError:
            with contextlib.suppress(PermissionError):
                os.fchown(fd, -1, st.st_gid)  # a group the user belongs to
    if hasattr(os, "fchmod"):
        os.fchmod(fd, stat.S_IMODE(st.st_mode))


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# --------------------------------------------------------------------------- work directories


def exchange(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Swap two existing paths (directories included) in one atomic step; False where the
    system cannot (not Linux, an old kernel or libc, another file system), so the caller falls
    back to two renames.

    Why: replacing a directory with ``os.replace`` needs the old one moved aside first, and a
    kill between the two renames leaves neither in place (seen with kill -9 on model installs).
    """
    try:
        import ctypes
        import ctypes.util

        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    rc = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EXDEV, errno.EPERM, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), os.fspath(b))


@contextlib.contextmanager
def temp_dir(parent: str | os.PathLike[str] | None = None) -> Iterator[Path]:
    """A new private work directory in *parent* (default: the system temp dir), locked while
    in use and removed afterwards; stale ones of killed processes are swept first."""
    import tempfile  # imported here: shutil and tempfile (bz2, lzma, random...) cost a
    # catalog command that only locks and replaces one file ~8 ms of start-up

    base = Path(parent) if parent is not None else Path(tempfile.gettempdir())
    base.mkdir(parents=True, exist_ok=True)
    sweep_stale(base)
    for _attempt in range(100):
        work = base / _temp_name(".")
        try:
            os.mkdir(work, 0o700)
        except FileExistsError:
            continue
        break
    else:
        raise FileExistsError(errno.EEXIST, "no free temporary directory name", str(base))
    fd = os.open(work, os.O_RDONLY)
    try:
        _lock(fd)
        yield work
    finally:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
        os.close(fd)


def sweep_stale(directory: str | os.PathLike[str], name: str | None = None) -> list[Path]:
    """Delete the toolkit's abandoned temporary files and work dirs in *directory*; return them.

    Abandoned: nobody holds its lock, and its writer's pid is gone or it is older than
    :data:`STALE_AFTER`. Names of older toolkit versions (no pid) go by age alone: work dirs,
    and temp files of the file *name* being written now (``.NAME.XXXXXXXX.tmp``).
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        if not entry.name.startswith("."):
            continue
        ours = _OURS.search(entry.name)
        legacy = _LEGACY_FILE.match(entry.name)
        if ours is None and not (entry.name.startswith(TEMP_DIR_PREFIX)
                                 or (legacy and legacy.group("name") == name)):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        stale = now - st.st_mtime > STALE_AFTER
        if ours is not None and not stale:
            stale = not _alive(int(ours.group("pid")))
        if not stale or _in_use(entry.path):
            continue
        with contextlib.suppress(OSError):
            if stat.S_ISDIR(st.st_mode):
                import shutil

                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or cannot tell: keep the file
    return True


def _lock(fd: int, wait: bool = True) -> bool:
    """flock *fd* exclusively; False if *wait* is off and another process holds it."""
    if fcntl is None:  # pragma: no cover
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True


def _in_use(path: str) -> bool:
    """Whether a live process holds the lock on the temp file or work dir *path*."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return True  # cannot look: leave it alone
    try:
        return not _lock(fd, wait=False)
    finally:
        os.close(fd)  # releases the probe's lock


# --------------------------------------------------------------------------- locking


def lock_path(path: str | os.PathLike[str]) -> Path:
    """The lock file of *path*: ``.NAME.lock`` beside the file a symlink points to."""
    target = resolve(path)
    return target.parent / f".{target.name}.lock"


@contextlib.contextmanager
def locked(path: str | os.PathLike[str], timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the toolkit's lock on *path* for a read-modify-write; OutputError after *timeout*.

    The lock is an flock on :func:`lock_path` (released by the kernel when a holder dies, even
    by SIGKILL); the file holds the holder's pid for the error message and is removed on
    release.
    """
    shown = os.fspath(path)
    where = lock_path(path)
    deadline = time.monotonic() + timeout
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    while True:
        try:
            where.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(where, flags, 0o666)
        except OSError as exc:
            if exc.errno in _DENIED:
                raise _not_writable(where.parent, shown) from None
            raise OutputError(Message("cannot lock: {error}", error=exc.strerror),
                              path=shown) from None
        if _lock(fd, wait=False):
            try:
                current = os.path.samestat(os.fstat(fd), os.stat(where))
            except FileNotFoundError:
                current = False  # the previous holder removed it as we opened it: again
            if current:
                break
        else:
            holder = _read_pid(fd)
            if time.monotonic() >= deadline:
                os.close(fd)
                who = f" (pid {holder})" if holder else ""
                raise OutputError(_("locked by another toolkit process{pid}; try again").format(
                    pid=who), path=shown)
        os.close(fd)
        time.sleep(0.02)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(where)
        os.close(fd)


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None
