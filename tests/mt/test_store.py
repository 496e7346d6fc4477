"""toolkit.mt.store (reading, listing, finding, installing, removing), mt.package, mt.verify."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from toolkit.errors import LanguageError, ModelError
from toolkit.mt import store as P
from toolkit.mt import verify as V
from toolkit.mt.package import demo_notice


def _tree(folder: Path) -> list[str]:
    """Every path under *folder* (relative), to prove a failed install changed nothing."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


# ------------------------------------------------------------------ locations


def test_packages_dir_honours_argos_packages_dir(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "pk"))
    assert P.packages_dir() == tmp_path / "pk"
    assert not (tmp_path / "pk").exists()  # computing the path creates nothing


def test_packages_dir_follows_xdg_and_argos_settings_file(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("ARGOS_PACKAGES_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert P.packages_dir() == tmp_path / "data" / "argos-translate" / "packages"
    settings = tmp_path / "config" / "argos-translate" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"ARGOS_PACKAGES_DIR": str(tmp_path / "custom")}))
    assert P.packages_dir() == tmp_path / "custom"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config"]


def test_importing_packages_does_not_import_argostranslate() -> None:
    code = ("import sys, toolkit.mt.store, toolkit.mt.verify; "
            "print(any(m.startswith('argostranslate') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(("given", "env", "expected"), [
    (None, None, P.DEFAULT_INDEX_URL),
    ("http://127.0.0.1:9/mirror", None, "http://127.0.0.1:9/mirror/index.json"),
    ("http://127.0.0.1:9/mirror/", None, "http://127.0.0.1:9/mirror/index.json"),
    ("http://127.0.0.1:9/x/packages.json", None, "http://127.0.0.1:9/x/packages.json"),
    (None, "http://127.0.0.1:9/base/", "http://127.0.0.1:9/base/index.json"),
    ("http://127.0.0.1:9/a.json", "http://127.0.0.1:9/base/", "http://127.0.0.1:9/a.json"),
])
def test_resolve_index_url(given, env, expected, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    if env is None:
        monkeypatch.delenv("ARGOS_PACKAGE_INDEX", raising=False)
    else:
        monkeypatch.setenv("ARGOS_PACKAGE_INDEX", env)
    assert P.resolve_index_url(given) == expected


# ------------------------------------------------------------------ reading


def test_read_package_fields(tmp_path: Path, make_package) -> None:
    folder = make_package(tmp_path, "en", "zh", version="1.9")
    pkg = P.read_package(folder)
    assert (pkg.from_code, pkg.to_code, pkg.version, pkg.name) == ("en", "zh", "1.9",
                                                                   "translate-en_zh-1_9")
    assert (pkg.pair, pkg.kind, pkg.demo, pkg.bundled) == ("en->zh", "full", False, False)
    assert pkg.model_dir == folder / "model"
    assert pkg.sp_model_path == folder / "sentencepiece.model"
    assert pkg.tokenizer == "sentencepiece"
    assert pkg.size_bytes == sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    assert pkg.metadata["argos_version"] == "1.0"
    with pytest.raises(TypeError):
        pkg.metadata["from_code"] = "ru"  # type: ignore[index]


def test_read_package_normalizes_codes(tmp_path: Path, make_package) -> None:
    folder = make_package(tmp_path, "zh-Hans", "ru_RU", name="p")
    assert P.read_package(folder).pair == "zh->ru"


def test_tokenizer_fallbacks(tmp_path: Path, make_package) -> None:
    folder = make_package(tmp_path, tokenizer=None)
    pkg = P.read_package(folder)
    assert (pkg.sp_model_path, pkg.tokenizer) == (None, None)
    (folder / "bpe.model").write_text("#version: 0.2\na b\n")
    assert (pkg.sp_model_path, pkg.tokenizer) == (None, "bpe")
    (folder / "spm.model").write_bytes(b"x")
    assert pkg.sp_model_path == folder / "spm.model"


@pytest.mark.parametrize(("metadata", "message"), [
    ({"to_code": None}, "to_code is missing"),
    ({"from_code": 7}, "from_code is missing or not a string"),
    ({"type": "sbd"}, "not a translation package"),
])
def test_read_package_rejects_bad_metadata(tmp_path: Path, make_package, metadata,
                                           message) -> None:
    folder = make_package(tmp_path, metadata=metadata)
    with pytest.raises(ModelError, match=message) as err:
        P.read_package(folder)
    assert err.value.path == f"{folder}/metadata.json"


def test_read_package_missing_or_broken_metadata(tmp_path: Path, make_package) -> None:
    folder = make_package(tmp_path)
    (folder / "metadata.json").write_text("{not json")
    with pytest.raises(ModelError, match="invalid JSON"):
        P.read_package(folder)
    (folder / "metadata.json").unlink()
    with pytest.raises(ModelError, match="no metadata.json") as err:
        P.read_package(folder)
    assert str(folder) in str(err.value)


# ------------------------------------------------------------------ listing and finding


def test_installed_packages_user_first_then_demo(argos_dir: Path, demo_dir: Path,
                                                 make_package) -> None:
    make_package(argos_dir, "ru", "en", version="1.9")
    make_package(argos_dir, "en", "ru", version="1.9")
    make_package(argos_dir, "en", "ru", version="1.10", name="translate-en_ru-1_10")
    (argos_dir / ".toolkit-tmp-abc").mkdir()  # an install in progress: never listed
    (argos_dir / "junk").mkdir()  # not a package: skipped, reported as a problem
    found = P.installed_packages()
    assert [(p.pair, p.version, p.kind) for p in found] == [
        ("en->ru", "1.10", "full"), ("en->ru", "1.9", "full"), ("ru->en", "1.9", "full"),
        ("en->ru", "0.1", "demo")]
    assert found[-1].bundled and found[-1].path.parent == demo_dir
    assert [p.kind for p in P.installed_packages(include_demo=False)] == ["full"] * 3
    assert [b.path for b in P.package_problems()] == [argos_dir / "junk"]


def test_find_package_prefers_full_then_newest(argos_dir: Path, demo_dir: Path,
                                               make_package) -> None:
    assert P.find_package("en", "ru").demo
    assert P.find_package("ru", "en") is None
    make_package(argos_dir, "en", "ru", version="1.9")
    make_package(argos_dir, "en", "ru", version="1.10", name="newer")
    make_package(argos_dir, "en", "ru", version="9.0", demo=True, name="user-demo")
    pkg = P.find_package("en-GB", "ru_RU")
    assert (pkg.version, pkg.kind, pkg.name) == ("1.10", "full", "newer")


def test_find_package_rejects_unsupported_code(no_demo: Path) -> None:
    with pytest.raises(LanguageError):
        P.find_package("en", "de")


def test_demo_notice(argos_dir: Path, demo_dir: Path, make_package) -> None:
    note = demo_notice(P.find_package("en", "ru"))
    assert "demo" in note and "toolkit models install en ru" in note
    assert "\n" not in note
    make_package(argos_dir, "en", "ru")
    assert demo_notice(P.find_package("en", "ru")) == ""


# ------------------------------------------------------------------ installing from a file


def test_install_archive(argos_dir: Path, en_ru_archive: Path, no_demo: Path) -> None:
    pkg = P.install_archive(en_ru_archive)
    assert pkg.path == argos_dir / "translate-en_ru-1_0"
    assert (pkg.pair, pkg.version, pkg.kind) == ("en->ru", "1.0", "full")
    assert os.listdir(argos_dir) == ["translate-en_ru-1_0"]  # no work dirs left
    assert P.find_package("en", "ru") == pkg
    assert (pkg.model_dir / "model.bin").is_file() and pkg.sp_model_path is not None


def test_install_archive_into_dest_dir_it_creates(tmp_path: Path, en_ru_archive: Path) -> None:
    dest = tmp_path / "new" / "packages"
    pkg = P.install_archive(en_ru_archive, dest_dir=dest)
    assert pkg.path.parent == dest


def test_install_checks_sha256(argos_dir: Path, en_ru_archive: Path) -> None:
    good = hashlib.sha256(en_ru_archive.read_bytes()).hexdigest()
    with pytest.raises(ModelError, match="sha256 mismatch"):
        P.install_archive(en_ru_archive, sha256="0" * 64)
    with pytest.raises(ModelError, match="is 64 hex digits"):
        P.install_archive(en_ru_archive, sha256="abc")
    assert _tree(argos_dir) == []
    assert P.install_archive(en_ru_archive, sha256=good.upper()).version == "1.0"


def _evil_zip(path: Path, member: zipfile.ZipInfo | str, data: bytes = b"x") -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("pkg/metadata.json", "{}")
        zf.writestr("pkg/model/model.bin", "x")
        zf.writestr(member, data)
    return path


def _symlink_member() -> zipfile.ZipInfo:
    info = zipfile.ZipInfo("pkg/link")
    info.external_attr = (0o120777 << 16)
    return info


@pytest.mark.parametrize(("member", "message"), [
    ("pkg/../../escaped.txt", "unsafe member path"),
    ("../escaped.txt", "unsafe member path"),
    ("/tmp/escaped.txt", "unsafe member path"),
    ("pkg\\..\\..\\escaped.txt", "unsafe member path"),
    (_symlink_member(), "symbolic link"),
])
def test_unsafe_archive_rejected_before_extracting(tmp_path: Path, argos_dir: Path, member,
                                                   message) -> None:
    archive = _evil_zip(tmp_path / "evil.argosmodel", member, b"/etc/passwd")
    before = _tree(tmp_path)
    with pytest.raises(ModelError, match=message):
        P.install_archive(archive)
    with pytest.raises(ModelError, match=message):
        P.verify_archive(archive)
    assert _tree(tmp_path) == before  # nothing extracted anywhere under tmp_path
    assert not Path("/tmp/escaped.txt").exists()


def test_two_top_folders_rejected(tmp_path: Path, argos_dir: Path, make_package,
                                  zip_package) -> None:
    archive = zip_package(make_package(tmp_path / "a"), tmp_path / "two.argosmodel")
    with zipfile.ZipFile(archive, "a") as zf:
        zf.writestr("other/readme.txt", "hi")
    with pytest.raises(ModelError, match=r"exactly one top folder; found 2 \(other, "):
        P.install_archive(archive)
    assert _tree(argos_dir) == []


def test_top_level_file_rejected(tmp_path: Path, argos_dir: Path) -> None:
    archive = tmp_path / "flat.argosmodel"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("metadata.json", "{}")
    with pytest.raises(ModelError, match="'metadata.json' at the top level"):
        P.install_archive(archive)


def test_missing_metadata_rejected(tmp_path: Path, argos_dir: Path, make_package,
                                   zip_package) -> None:
    folder = make_package(tmp_path / "src")
    (folder / "metadata.json").unlink()
    archive = zip_package(folder, tmp_path / "nometa.argosmodel")
    with pytest.raises(ModelError, match="no translate-en_ru-1_0/metadata.json") as err:
        P.install_archive(archive)
    assert err.value.path == str(archive)
    assert _tree(argos_dir) == []


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"corrupt_model": True}, "CTranslate2 cannot load model/"),
    ({"tokenizer": None}, "no SentencePiece model"),
    ({"tokenizer": "bpe"}, "BPE-tokenized packages are not supported"),
    ({"metadata": {"to_code": "de"}}, "package translates en->de"),
])
def test_unloadable_package_leaves_packages_dir_unchanged(tmp_path: Path, argos_dir: Path,
                                                          make_package, zip_package,
                                                          kwargs, message) -> None:
    make_package(argos_dir, "en", "ru", version="0.9")  # an existing package must survive
    before = _tree(argos_dir)
    folder = make_package(tmp_path / "src", **kwargs)
    archive = zip_package(folder, tmp_path / "bad.argosmodel")
    with pytest.raises(ModelError, match=message) as err:
        P.install_archive(archive)
    assert str(archive) in str(err.value)
    assert _tree(argos_dir) == before


def test_install_check_is_the_engines_load(tmp_path: Path, argos_dir: Path, demo_dir: Path,
                                          make_package, zip_package) -> None:
    """A BPE package used to install, then win over the demo and fail every translation."""
    from toolkit.mt.engine import Engine

    folder = make_package(tmp_path / "src", "en", "ru", version="2.0", tokenizer="bpe")
    with pytest.raises(ModelError) as installing:
        P.install_archive(zip_package(folder, tmp_path / "bpe.argosmodel"))
    with pytest.raises(ModelError) as loading:
        Engine(P.read_package(folder)).translate(["Hello."])
    assert installing.value.message == loading.value.message
    assert P.find_package("en", "ru").demo  # the working demo package is still the one used


def test_a_bpe_package_put_there_by_argospm_is_never_chosen(argos_dir: Path, demo_dir: Path,
                                                             make_package) -> None:
    folder = make_package(argos_dir, "en", "ru", version="2.0", tokenizer="bpe")
    assert P.find_package("en", "ru").demo  # not the BPE package, which cannot translate
    (broken,) = P.package_problems()
    assert broken.path == folder
    assert "BPE-tokenized packages are not supported" in broken.reason


def test_corrupt_sentencepiece_rejected(tmp_path: Path, argos_dir: Path, make_package,
                                        zip_package) -> None:
    folder = make_package(tmp_path / "src")
    (folder / "sentencepiece.model").write_bytes(b"garbage")
    with pytest.raises(ModelError, match="SentencePiece cannot load sentencepiece.model"):
        P.install_archive(zip_package(folder, tmp_path / "bad.argosmodel"))
    assert _tree(argos_dir) == []


def test_not_a_zip_and_missing_file(tmp_path: Path, argos_dir: Path) -> None:
    junk = tmp_path / "junk.argosmodel"
    junk.write_text("hello")
    with pytest.raises(ModelError, match="not a zip archive"):
        P.install_archive(junk)
    with pytest.raises(ModelError, match="no such file"):
        P.install_archive(tmp_path / "missing.argosmodel")


def test_corrupt_member_data_rejected(tmp_path: Path, argos_dir: Path, en_ru_archive) -> None:
    data = bytearray(en_ru_archive.read_bytes())
    with zipfile.ZipFile(en_ru_archive) as zf:
        info = zf.getinfo("translate-en_ru-1_0/model/model.bin")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 10
    data[start:start + 20] = bytes(20)
    en_ru_archive.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="corrupt archive member"):
        P.install_archive(en_ru_archive)
    assert _tree(argos_dir) == []


def test_install_replaces_same_pair(tmp_path: Path, argos_dir: Path, make_package,
                                    zip_package) -> None:
    old = make_package(argos_dir, "en", "ru", version="1.0")
    make_package(argos_dir, "ru", "en", version="1.0")
    newer = zip_package(make_package(tmp_path / "src", "en", "ru", version="1.1"),
                        tmp_path / "new.argosmodel")
    P.install_archive(newer)
    assert os.listdir(argos_dir) != [] and not old.exists()
    assert sorted(os.listdir(argos_dir)) == ["translate-en_ru-1_1", "translate-ru_en-1_0"]
    # the same folder name again: replaced in place
    again = zip_package(make_package(tmp_path / "src2", "en", "ru", version="1.1",
                                     metadata={"from_name": "English"}),
                        tmp_path / "again.argosmodel")
    pkg = P.install_archive(again)
    assert json.loads((pkg.path / "metadata.json").read_text())["from_name"] == "English"
    assert sorted(os.listdir(argos_dir)) == ["translate-en_ru-1_1", "translate-ru_en-1_0"]


def test_verify_archive_installs_nothing(tmp_path: Path, argos_dir: Path,
                                        en_ru_archive: Path) -> None:
    info = P.verify_archive(en_ru_archive)
    assert (info.pair, info.version, info.kind, info.tokenizer, info.name) == (
        "en->ru", "1.0", "full", "sentencepiece", "translate-en_ru-1_0")
    assert info.sha256 == hashlib.sha256(en_ru_archive.read_bytes()).hexdigest()
    assert info.size_bytes > 30_000
    assert _tree(argos_dir) == []


def test_stale_work_dirs_are_swept(argos_dir: Path, en_ru_archive: Path) -> None:
    stale = argos_dir / ".toolkit-tmp-old"
    (stale / "half").mkdir(parents=True)
    os.utime(stale, (0, 0))
    fresh = argos_dir / ".toolkit-tmp-running"
    fresh.mkdir()
    P.install_archive(en_ru_archive)
    assert not stale.exists() and fresh.exists()


# ------------------------------------------------------------------ installing from the index


def _serve_index(root: Path, make_package, zip_package, tmp_path: Path) -> None:
    for version in ("1.0", "1.1"):
        folder = make_package(tmp_path / f"build-{version}", "en", "ru", version=version)
        zip_package(folder, root / f"translate-en_ru-{version.replace('.', '_')}.argosmodel")
    index = [
        {"from_code": "en", "to_code": "ru", "package_version": "1.0", "argos_version": "1.0",
         "links": ["translate-en_ru-1_0.argosmodel"], "type": "translate"},
        {"from_code": "en", "to_code": "ru", "package_version": "1.1", "argos_version": "1.0",
         "links": ["missing.argosmodel", "translate-en_ru-1_1.argosmodel"]},
        {"from_code": "en", "to_code": "de", "package_version": "1.0", "links": ["x"]},
        {"from_code": "zt", "to_code": "en", "package_version": "1.0", "links": ["x"]},
        {"from_code": "en", "to_code": "zh", "package_version": "1.0", "type": "sbd"},
    ]
    (root / "index.json").write_text(json.dumps(index))


def test_install_from_index(tmp_path: Path, argos_dir: Path, index_server, make_package,
                            zip_package, monkeypatch) -> None:
    base, root = index_server
    _serve_index(root, make_package, zip_package, tmp_path)
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base)  # argostranslate's variable, a base URL
    seen: list[tuple[str, int, int | None]] = []
    pkg = P.install_from_index("en_US", "ru", progress=lambda *a: seen.append(a))
    assert (pkg.pair, pkg.version, pkg.path.parent) == ("en->ru", "1.1", argos_dir)
    assert os.listdir(argos_dir) == ["translate-en_ru-1_1"]  # download temp file removed
    size = (root / "translate-en_ru-1_1.argosmodel").stat().st_size
    assert seen[-1] == (base + "translate-en_ru-1_1.argosmodel", size, size)


def test_index_entry_and_errors(tmp_path: Path, argos_dir: Path, index_server,
                                make_package, zip_package) -> None:
    base, root = index_server
    _serve_index(root, make_package, zip_package, tmp_path)
    entry = P.resolve_index_entry("en", "ru", index_url=base)
    assert (entry.name, entry.links[0]) == ("translate-en_ru-1_1", base + "missing.argosmodel")
    with pytest.raises(ModelError, match=r"no ru->zh package; it offers: en->ru$"):
        P.install_from_index("ru", "zh", base)
    with pytest.raises(ModelError, match="HTTP 404"):
        P.resolve_index_entry("en", "ru", index_url=base + "nope.json")
    (root / "bad.json").write_text("{")
    with pytest.raises(ModelError, match="not valid JSON"):
        P.resolve_index_entry("en", "ru", index_url=base + "bad.json")
    (root / "obj.json").write_text("{}")
    with pytest.raises(ModelError, match="not a JSON list"):
        P.resolve_index_entry("en", "ru", index_url=base + "obj.json")
    with pytest.raises(ModelError, match="only http:// and https://"):
        P.resolve_index_entry("en", "ru", index_url=(root / "index.json").as_uri())
    assert _tree(argos_dir) == []


def test_index_download_failure_and_bad_checksum_install_nothing(
        tmp_path: Path, argos_dir: Path, index_server, make_package, zip_package) -> None:
    base, root = index_server
    _serve_index(root, make_package, zip_package, tmp_path)
    with pytest.raises(ModelError, match="sha256 mismatch"):
        P.install_from_index("en", "ru", base, sha256="1" * 64)
    assert _tree(argos_dir) == []
    (root / "translate-en_ru-1_1.argosmodel").unlink()
    with pytest.raises(ModelError, match=r"download failed: .*missing.argosmodel: HTTP 404"):
        P.install_from_index("en", "ru", base)
    assert _tree(argos_dir) == []


def test_index_timeout_is_a_clear_error(argos_dir: Path) -> None:
    import socket

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # accepts the connection, never answers
    try:
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/index.json"
        with pytest.raises(ModelError, match="cannot download .*timed out"):
            P.resolve_index_entry("en", "ru", index_url=url, timeout=0.3)
    finally:
        silent.close()


# ------------------------------------------------------------------ removing


def test_remove_package(argos_dir: Path, demo_dir: Path, make_package) -> None:
    make_package(argos_dir, "en", "ru", version="1.0")
    make_package(argos_dir, "en", "ru", version="1.1")
    keep = make_package(argos_dir, "ru", "en")
    removed = P.remove_package("en", "ru_RU")
    assert (removed.pair, removed.version) == ("en->ru", "1.1")
    assert os.listdir(argos_dir) == [keep.name]
    assert P.find_package("en", "ru").demo  # falls back to the bundled demo


def test_remove_refuses_demo_and_missing(argos_dir: Path, demo_dir: Path) -> None:
    with pytest.raises(ModelError, match="only has the bundled demo package.*cannot be removed"):
        P.remove_package("en", "ru")
    assert (demo_dir / "translate-en_ru-demo" / "metadata.json").is_file()
    with pytest.raises(ModelError, match=f"no zh->en package is installed in {argos_dir}"):
        P.remove_package("zh", "en")


# ------------------------------------------------------------------ verifying


def test_shipped_demo_packages_listed_and_working(argos_dir: Path, shipped_demo) -> None:
    folder = shipped_demo("en_ru")
    pkg = next(p for p in P.demo_packages() if p.path == folder)
    assert pkg.demo and pkg.bundled and pkg.kind == "demo"
    assert pkg in P.installed_packages()
    result = V.verify_package(pkg)
    assert result.ok, result.error


def test_shipped_demo_as_an_archive_installs_and_removes(tmp_path: Path, argos_dir: Path,
                                                         shipped_demo, zip_package) -> None:
    archive = zip_package(shipped_demo("en_ru"), tmp_path / "translate-en_ru-demo.argosmodel")
    pkg = P.install_archive(archive)
    assert (pkg.kind, pkg.bundled, pkg.path.parent) == ("demo", False, argos_dir)
    assert P.remove_package("en", "ru") == pkg  # a demo the user installed may be removed
    assert P.find_package("en", "ru").bundled


def test_argostranslate_sees_what_we_install(tmp_path: Path, argos_dir: Path,
                                             en_ru_archive: Path) -> None:
    """Same directory, same layout: argostranslate lists a package toolkit installed."""
    P.install_archive(en_ru_archive)
    code = ("from argostranslate import package; print([(p.from_code, p.to_code, "
            "p.package_version) for p in package.get_installed_packages()])")
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env["HOME"] = str(tmp_path / "home")  # importing argostranslate makes dirs under HOME
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, cwd=tmp_path, check=True)
    assert out.stdout.strip() == "[('en', 'ru', '1.0')]"


# ------------------------------------------------------------------ metadata types and ranges


@pytest.mark.parametrize(("metadata", "message"), [
    ({"max_positions": "many"}, "max_positions must be a whole number, got 'many'"),
    ({"max_positions": 1}, "max_positions must be between 16 and"),
    ({"max_positions": 2}, "max_positions must be between 16 and"),
    ({"max_positions": -5}, "max_positions must be between 16 and"),
    ({"max_positions": 2.5}, "max_positions must be a whole number"),
    ({"max_positions": True}, "max_positions must be a whole number"),
    ({"target_prefix": 7}, "target_prefix must be a string"),
    ({"package_version": ["1"]}, "package_version must be a string"),
    ({"demo": "yes"}, "demo must be true or false"),
])
def test_bad_metadata_refused_at_install_and_at_load(tmp_path: Path, argos_dir: Path,
                                                     make_package, zip_package, metadata,
                                                     message) -> None:
    from types import MappingProxyType

    from toolkit.mt.engine import Engine

    folder = make_package(tmp_path / "src", metadata=metadata)
    with pytest.raises(ModelError, match=message) as err:
        P.install_archive(zip_package(folder, tmp_path / "bad.argosmodel"))
    assert err.value.path.endswith("metadata.json")
    assert _tree(argos_dir) == []
    # A package value made some other way is checked by the same validator when it loads.
    good = P.read_package(make_package(tmp_path / "ok"))
    meta = {**good.metadata, **metadata}
    forged = P.Package("en", "ru", "1.0", good.path, metadata=MappingProxyType(meta))
    with pytest.raises(ModelError, match=message):
        Engine(forged).translate(["Hello, world."])


def test_good_max_positions_accepted(tmp_path: Path, argos_dir: Path, make_package) -> None:
    pkg = P.read_package(make_package(tmp_path, metadata={"max_positions": 256}))
    assert pkg.max_positions == 256


def test_a_kill_while_replacing_a_package_never_leaves_the_pair_without_one(
        tmp_path: Path, argos_dir: Path, make_package, zip_package, monkeypatch) -> None:
    """kill -9 between 'old package aside' and 'new package in' left no package installed;
    the swap is now one atomic exchange, so a stop after any single rename keeps one."""
    first = zip_package(make_package(tmp_path / "src", "en", "ru", version="1.1"),
                        tmp_path / "first.argosmodel")
    P.install_archive(first)
    again = zip_package(make_package(tmp_path / "src2", "en", "ru", version="1.1",
                                     metadata={"from_name": "English"}),
                        tmp_path / "again.argosmodel")
    real_replace = os.replace

    def killed_after_one_rename(src, dst):  # the process dies right after the first rename
        real_replace(src, dst)
        raise KeyboardInterrupt

    monkeypatch.setattr(P.os, "replace", killed_after_one_rename)
    with pytest.raises(KeyboardInterrupt):
        P.install_archive(again)
    monkeypatch.undo()
    final = argos_dir / "translate-en_ru-1_1"
    assert (final / "metadata.json").is_file()
    assert json.loads((final / "metadata.json").read_text())["from_name"] == "English"
