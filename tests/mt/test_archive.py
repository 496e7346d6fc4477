"""toolkit.mt.archive: what an .argosmodel must not get away with (bombs, duplicates, NUL)."""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import pytest

from toolkit.errors import ModelError
from toolkit.mt import archive as A
from toolkit.mt import store


def _tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def _package_zip(path: Path, members: list[tuple[str, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns on a duplicate name, and writes it
        zf.writestr("pkg/metadata.json", '{"from_code": "en", "to_code": "ru"}')
        for name, data in members:
            zf.writestr(name, data)
    return path


def test_zip_bomb_refused_before_extracting(tmp_path: Path, argos_dir: Path) -> None:
    bomb = _package_zip(tmp_path / "bomb.argosmodel", [("pkg/model/model.bin", bytes(64 << 20))])
    assert bomb.stat().st_size < 1 << 20  # 64 MiB of zeros in well under 1 MiB
    for check in (store.install_archive, store.verify_archive):
        with pytest.raises(ModelError, match="more than 50 times its size.*zip bomb") as err:
            check(bomb)
        assert err.value.path == str(bomb)
    assert _tree(argos_dir) == []


def test_total_unpacked_size_is_capped(tmp_path: Path, argos_dir: Path, en_ru_archive: Path,
                                       monkeypatch) -> None:
    monkeypatch.setattr(A, "MAX_UNPACKED_BYTES", 10_000)
    with pytest.raises(ModelError, match=r"unpacks to .* MB, more than the 0.0 MB a package"):
        store.install_archive(en_ru_archive)
    assert _tree(argos_dir) == []


def test_a_real_package_is_not_a_bomb(tmp_path: Path, argos_dir: Path,
                                      en_ru_archive: Path) -> None:
    assert store.install_archive(en_ru_archive).pair == "en->ru"


def test_duplicate_member_names_refused(tmp_path: Path, argos_dir: Path) -> None:
    archive = _package_zip(tmp_path / "dup.argosmodel", [
        ("pkg/model/model.bin", b"first"), ("pkg/model/model.bin", b"second")])
    with pytest.raises(ModelError, match="'pkg/model/model.bin' appears twice"):
        store.install_archive(archive)
    # the same file reached by another spelling of its path is a duplicate too
    archive = _package_zip(tmp_path / "dup2.argosmodel", [
        ("pkg/model/model.bin", b"first"), ("pkg/./model//model.bin", b"second")])
    with pytest.raises(ModelError, match="appears twice"):
        store.install_archive(archive)
    assert _tree(argos_dir) == []


def test_nul_in_a_member_name_is_seen_in_the_raw_name(tmp_path: Path, argos_dir: Path) -> None:
    archive = _package_zip(tmp_path / "nul.argosmodel", [
        ("pkg/model/model.bin", b"x"), ("pkg/model/evil.binQ../../x", b"y")])
    raw = archive.read_bytes()
    assert raw.count(b"binQ") == 2  # the local header and the central directory
    archive.write_bytes(raw.replace(b"binQ", b"bin\x00"))
    with zipfile.ZipFile(archive) as zf:  # what zipfile shows: the name cut at the NUL
        assert "pkg/model/evil.bin" in zf.namelist()
    with pytest.raises(ModelError, match=r"unsafe member path 'pkg/model/evil.bin\\x00"):
        store.install_archive(archive)
    assert _tree(argos_dir) == []


def test_member_starting_outside_the_file_is_named(tmp_path: Path, argos_dir: Path,
                                                  en_ru_archive: Path) -> None:
    """Found by tools/fuzz_cli.py: one byte lost from the first member's header shifts every
    offset; zipfile then seeks to -1 and the install failed with a bare
    '[Errno 22] Invalid argument', no file named."""
    data = en_ru_archive.read_bytes()
    broken = tmp_path / "broken.argosmodel"
    broken.write_bytes(data[:53] + data[54:])
    with pytest.raises(ModelError, match="starts outside the file") as err:
        store.install_archive(broken)
    assert err.value.path == str(broken)
    assert _tree(argos_dir) == []
