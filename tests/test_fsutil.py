"""toolkit.fsutil: what a write does to symlinks, FIFOs, modes, owners, stale temp files, locks."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from toolkit import fsutil
from toolkit.errors import OutputError
from toolkit.fsutil import atomic_open, atomic_write_text, check_target, locked


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _extras(directory: Path, *keep: str) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name not in keep)


# ------------------------------------------------------------------------ where the bytes go


def test_symlink_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real" / "notes.txt"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    atomic_write_text(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new"
    assert _extras(real.parent, "notes.txt") == [] and _extras(tmp_path, "real", "link.txt") == []


def test_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "later.txt")
    atomic_write_text(link, "x")
    assert link.is_symlink() and (tmp_path / "later.txt").read_text() == "x"


def test_fifo_is_written_directly_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader, so the writer may open
    try:
        atomic_write_text(fifo, "через трубу\n")
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
        assert os.read(reader, 1000).decode() == "через трубу\n"
    finally:
        os.close(reader)
    assert _extras(tmp_path, "pipe") == []


def test_device_errors_name_the_device() -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    with pytest.raises(OSError) as info:
        atomic_write_text("/dev/full", "x" * 100)
    assert info.value.errno == errno.ENOSPC and info.value.filename == "/dev/full"
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_write_errors_name_the_target_not_the_temp_file(tmp_path: Path) -> None:
    """A file-size limit (SIGXFSZ ignored) makes write() fail with EFBIG part-way."""
    target = tmp_path / "big.txt"
    target.write_text("old")
    code = textwrap.dedent(f"""
        import resource, signal, sys
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))
        from toolkit.fsutil import atomic_write_text
        try:
            atomic_write_text({str(target)!r}, "x" * 100_000)
        except OSError as exc:
            print(exc.errno, exc.filename)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == [str(errno.EFBIG), str(target)]
    assert target.read_text() == "old" and _extras(tmp_path, "big.txt") == []


# ------------------------------------------------------------------------ modes and owners


def test_new_file_mode_follows_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        atomic_write_text(tmp_path / "a.txt", "a")
        os.umask(0o007)
        atomic_write_text(tmp_path / "b.txt", "b")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "a.txt").st_mode) == 0o644
    assert stat.S_IMODE(os.stat(tmp_path / "b.txt").st_mode) == 0o660


def test_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "shared.csv"
    path.write_text("old")
    os.chmod(path, 0o640)
    atomic_write_text(path, "new")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640 and path.read_text() == "new"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_replaced_file_keeps_its_owner(tmp_path: Path) -> None:
    path = tmp_path / "theirs.txt"
    path.write_text("old")
    os.chown(path, 1234, 5678)
    os.chmod(path, 0o604)
    atomic_write_text(path, "new")
    st = os.stat(path)
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (1234, 5678, 0o604)


# ------------------------------------------------------------------------ checking first


def test_check_target_refusals(tmp_path: Path) -> None:
    src = tmp_path / "in.md"
    src.write_text("x")
    link = tmp_path / "alias.md"
    link.symlink_to(src)
    check_target(tmp_path / "new.md")
    check_target(tmp_path / "deeper" / "new.md")  # parents are created
    for path, force, message in [
        (src, False, "is the input file; pass --force"),
        (link, False, "is the input file; pass --force"),
        (tmp_path, True, "is a directory"),
        (src / "x.md", True, "not a directory"),
    ]:
        with pytest.raises(OutputError, match=message) as info:
            check_target(path, force=force, inputs=["-", str(src)])
        assert str(info.value).startswith(f"{path}: ")
    other = tmp_path / "out.md"
    other.write_text("y")
    with pytest.raises(OutputError, match="exists; pass --force"):
        check_target(other, inputs=[src])
    check_target(other, force=True, inputs=[src])
    check_target(src, force=True, inputs=[src])
    if os.path.exists("/dev/null"):
        check_target("/dev/null")  # a device is written, never "overwritten"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root may write anywhere")
def test_check_target_read_only_directory(tmp_path: Path) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    os.chmod(ro, 0o555)
    try:
        with pytest.raises(OutputError, match="not writable"):
            check_target(ro / "out.md")
    finally:
        os.chmod(ro, 0o755)


# ------------------------------------------------------------------------ stale temp files


def test_next_write_sweeps_only_abandoned_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    dead = tmp_path / f".out.txt.toolkit-tmp-{_dead_pid()}-0123abcd.tmp"
    other = tmp_path / f".other.md.toolkit-tmp-{_dead_pid()}-0123abcd.tmp"  # same dir
    legacy = tmp_path / ".out.txt.k3j_x9q2.tmp"  # mkstemp name of older versions
    young_legacy = tmp_path / ".out.txt.a1b2c3d4.tmp"
    not_ours = tmp_path / ".out.txt.20240101.bak"
    for path in (dead, other, legacy, young_legacy, not_ours):
        path.write_text("half")
    os.utime(legacy, (0, 0))
    os.utime(not_ours, (0, 0))
    atomic_write_text(target, "full")
    assert _extras(tmp_path, "out.txt") == sorted([young_legacy.name, not_ours.name])


def test_live_writer_temp_file_is_never_swept(tmp_path: Path) -> None:
    """A writer of this very process (pid alive, file locked) and a locked one whose pid was
    reused by a stranger: both kept; a file with a dead pid that is still locked, kept too."""
    target = tmp_path / "out.txt"
    with atomic_open(target) as fh:
        fh.write("first")
        atomic_write_text(target, "second")  # sweeps the dir while the first is open
        fh.write(" writer")
    assert target.read_text() == "first writer"
    locked_dead = tmp_path / f".x.toolkit-tmp-{_dead_pid()}-0123abcd.tmp"
    locked_dead.write_text("")
    fd = os.open(locked_dead, os.O_RDONLY)
    try:
        fsutil._lock(fd)
        atomic_write_text(target, "third")
        assert locked_dead.exists()
    finally:
        os.close(fd)
    atomic_write_text(target, "fourth")
    assert not locked_dead.exists()


_HOLD = textwrap.dedent("""
    import sys, time
    from toolkit import fsutil
    if sys.argv[1] == "file":
        with fsutil.atomic_open(sys.argv[2]) as fh:
            fh.write("half")
            print("ready", flush=True)
            time.sleep(60)
    else:
        with fsutil.temp_dir(sys.argv[2]) as work:
            (work / "model.bin").write_bytes(b"0" * 1000)
            print("ready", flush=True)
            time.sleep(60)
""")


@pytest.mark.parametrize("kind", ["file", "dir"])
def test_sigkill_leftovers_are_swept_by_the_next_write(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "out.txt"
    target.write_text("before")
    where = str(target if kind == "file" else tmp_path)
    proc = subprocess.Popen([sys.executable, "-c", _HOLD, kind, where], stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
    atomic_write_text(target, "while alive")  # the live writer's entry survives
    assert len(_extras(tmp_path, "out.txt")) == 1
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    if kind == "file":
        atomic_write_text(target, "after")
    else:
        with fsutil.temp_dir(tmp_path):
            pass
    assert _extras(tmp_path, "out.txt") == []
    assert target.read_text() == ("after" if kind == "file" else "while alive")


# ------------------------------------------------------------------------ locking


def test_lock_times_out_naming_the_file_and_holder(tmp_path: Path) -> None:
    path = tmp_path / "terms.csv"
    with locked(path):
        assert fsutil.lock_path(path).read_text().strip() == str(os.getpid())
        started = time.monotonic()
        with pytest.raises(OutputError) as info:
            with locked(path, timeout=0.3):
                pass
        assert 0.25 < time.monotonic() - started < 5
    assert str(info.value) == (f"{path}: locked by another toolkit process "
                               f"(pid {os.getpid()}); try again")
    assert not fsutil.lock_path(path).exists()  # removed on release
    with locked(path, timeout=0):
        pass


def test_lock_waits_for_the_holder(tmp_path: Path) -> None:
    path = tmp_path / "terms.csv"
    order: list[str] = []
    with locked(path):
        def second() -> None:
            with locked(path, timeout=5):
                order.append("second")
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.2)
        order.append("first")
    thread.join(5)
    assert order == ["first", "second"]


def test_lock_through_a_symlink_is_the_targets_lock(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert fsutil.lock_path(link) == fsutil.lock_path(real)
    with locked(real), pytest.raises(OutputError, match="locked"):
        with locked(link, timeout=0):
            pass


def test_stale_lock_file_of_a_killed_holder_does_not_block(tmp_path: Path) -> None:
    path = tmp_path / "terms.csv"
    fsutil.lock_path(path).write_text(f"{_dead_pid()}\n")  # left by kill -9: nobody flocks it
    with locked(path, timeout=0):
        pass
    assert not fsutil.lock_path(path).exists()


def test_exchange_swaps_two_directories_in_one_step(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").write_text("from a")
    (b / "y").write_text("from b")
    if not fsutil.exchange(a, b):
        pytest.skip("no atomic exchange on this system (the caller falls back to two renames)")
    assert (a / "y").read_text() == "from b" and (b / "x").read_text() == "from a"


def _deny_writes_in(monkeypatch: pytest.MonkeyPatch, directory: Path) -> None:
    """Make the OS refuse to create files in *directory*, as a read-only directory does for a
    user who is not root (the tests may run as root, who may write anywhere)."""
    real_open = os.open

    def refusing(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(path).parent == directory and flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(fsutil.os, "open", refusing)


def test_a_refused_lock_or_temp_file_says_the_directory_is_not_writable(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a read-only locales/ dir: 'catalog update' said 'cannot lock: Permission denied' and
    # 'catalog compile' just 'Permission denied'; the up-front check says what is wrong
    target = tmp_path / "ru.po"
    target.write_text("x", encoding="utf-8")
    _deny_writes_in(monkeypatch, tmp_path)
    message = f"cannot write: directory {tmp_path} is not writable"
    with pytest.raises(OutputError, match="not writable") as lock_error, locked(target):
        pass
    assert message in str(lock_error.value)
    with pytest.raises(OutputError, match="not writable") as write_error:
        atomic_write_text(tmp_path / "ru.mo", "data")
    assert message in str(write_error.value)
    assert target.read_text(encoding="utf-8") == "x"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ru.po"]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root may write anywhere")
def test_catalog_commands_in_a_read_only_directory(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from toolkit.cli.main import cli

    data = Path(__file__).parent / "data" / "newuser"
    ro = tmp_path / "ro"
    ro.mkdir()
    (ro / "ru.po").write_bytes((data / "ru.po").read_bytes())
    os.chmod(ro, 0o555)
    try:
        for args in (["catalog", "compile", str(ro / "ru.po")],
                     ["catalog", "fill", str(ro / "ru.po"), "--no-memory", "--fuzzy"]):
            result = CliRunner().invoke(cli, args)
            assert result.exit_code == 2, result.output
            assert f"directory {ro} is not writable" in result.output
    finally:
        os.chmod(ro, 0o755)
