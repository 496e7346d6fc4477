"""``toolkit models list/install/remove/verify`` through click's runner."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli.main import cli

# The package-building fixtures live in tests/mt/conftest.py; load them here too.
_spec = importlib.util.spec_from_file_location(
    "mt_package_fixtures", Path(__file__).resolve().parents[1] / "mt" / "conftest.py")
_fx = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
_spec.loader.exec_module(_fx)  # type: ignore[union-attr]
tiny_template = _fx.tiny_template
make_package = _fx.make_package
zip_package = _fx.zip_package
argos_dir = _fx.argos_dir
demo_dir = _fx.demo_dir
no_demo = _fx.no_demo
en_ru_archive = _fx.en_ru_archive
index_server = _fx.index_server


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["models", *args], env={"LANGUAGE": "en"})


def _one_error_line(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("toolkit: error: "), result.stderr
    return lines[0]


def test_list_shows_user_and_demo_packages(argos_dir: Path, demo_dir: Path,
                                           make_package) -> None:
    make_package(argos_dir, "zh", "en", version="1.9")
    result = run("list")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["PAIR", "VERSION", "SIZE", "KIND", "PATH"]
    assert lines[1].split()[:2] == ["zh->en", "1.9"] and lines[1].split()[4] == "full"
    assert lines[2].split()[:2] == ["en->ru", "0.1"] and lines[2].split()[4] == "demo"
    assert lines[2].endswith(str(demo_dir / "translate-en_ru-demo"))
    assert lines[-1] == f"Packages directory: {argos_dir}"
    assert "toolkit models install en ru" in result.stderr  # demo-only pair: how to upgrade


def test_list_gives_one_note_for_all_the_bundled_demo_pairs(argos_dir: Path) -> None:
    # the four bundled demos gave four notes, each the same advice
    result = run("list")
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stderr.splitlines() if line.startswith("note:")]
    assert len(notes) == 1, result.stderr
    assert notes[0].startswith("note: en->ru, en->zh, ru->en, zh->en use demo models")
    assert "toolkit models install en ru" in notes[0]


def test_list_json_and_skipped_dirs(argos_dir: Path, demo_dir: Path, make_package) -> None:
    pkg = make_package(argos_dir, "en", "ru", version="1.9")
    (argos_dir / "broken").mkdir()
    result = run("list", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["packages_dir"] == str(argos_dir)
    assert [(p["pair"], p["kind"], p["version"]) for p in data["packages"]] == [
        ("en->ru", "full", "1.9"), ("en->ru", "demo", "0.1")]
    assert data["packages"][0]["path"] == str(pkg)
    assert data["packages"][0]["size_bytes"] > 30_000
    assert data["broken"] == [{"path": str(argos_dir / "broken"),
                               "error": "no metadata.json (not an Argos package)"}]


def test_list_shows_a_broken_package_with_the_reason(argos_dir: Path, demo_dir: Path,
                                                     make_package) -> None:
    pkg = make_package(argos_dir, "en", "ru", version="2.0")
    (pkg / "metadata.json").write_text('{"from_code": "en", "to_code": "ru", '
                                       '"max_positions": "many"}')
    result = run("list")
    assert result.exit_code == 0, result.output
    row = next(line for line in result.stdout.splitlines() if str(pkg) in line
               and not line.startswith("broken"))
    assert row.split()[0] == "?" and row.split()[4] == "broken"
    assert (f"broken (not used): {pkg}: metadata.json: max_positions must be a whole number, "
            "got 'many'") in result.stdout
    data = json.loads(run("list", "--json").stdout)
    assert data["broken"] == [{"path": str(pkg), "error": "metadata.json: max_positions must "
                               "be a whole number, got 'many'"}]


@pytest.mark.parametrize("command", [["list"], ["install", "en", "ru"], ["remove", "en", "ru"]])
def test_packages_dir_that_is_a_file(tmp_path: Path, monkeypatch, command) -> None:
    afile = tmp_path / "passwd"
    afile.write_text("root:x:0:0\n")
    for value in (afile, afile / "sub"):
        monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(value))
        line = _one_error_line(run(*command))
        assert f"the packages directory {value} (from ARGOS_PACKAGES_DIR) is not a directory: " \
               f"{afile} is a file" in line


def test_list_empty(argos_dir: Path, no_demo: Path) -> None:
    result = run("list")
    assert result.exit_code == 0
    assert result.stdout.startswith("No packages installed.")


def test_install_file(argos_dir: Path, no_demo: Path, en_ru_archive: Path) -> None:
    result = run("install", str(en_ru_archive))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (f"Installed en->ru 1.0 (full) into "
                                     f"{argos_dir / 'translate-en_ru-1_0'}")
    assert os.listdir(argos_dir) == ["translate-en_ru-1_0"]


def test_install_file_json_reports_replaced(tmp_path: Path, argos_dir: Path, make_package,
                                            zip_package) -> None:
    make_package(argos_dir, "en", "ru", version="0.9")
    archive = zip_package(make_package(tmp_path / "src", "en", "ru", version="1.0"),
                          tmp_path / "p.argosmodel")
    result = run("install", str(archive), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["installed"]["version"] == "1.0"
    assert [p["version"] for p in data["replaced"]] == ["0.9"]


def test_install_dry_run_installs_nothing(argos_dir: Path, en_ru_archive: Path) -> None:
    result = run("install", str(en_ru_archive), "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    info = json.loads(result.stdout)["would_install"]
    assert (info["pair"], info["name"], info["tokenizer"]) == (
        "en->ru", "translate-en_ru-1_0", "sentencepiece")
    assert os.listdir(argos_dir) == []


def test_install_bad_archive_exits_2_and_installs_nothing(tmp_path: Path, argos_dir: Path,
                                                          make_package, zip_package) -> None:
    archive = zip_package(make_package(tmp_path / "src", corrupt_model=True),
                          tmp_path / "bad.argosmodel")
    line = _one_error_line(run("install", str(archive)))
    assert str(archive) in line and "CTranslate2 cannot load model/" in line
    assert os.listdir(argos_dir) == []


def test_install_sha256_mismatch_exits_2(argos_dir: Path, en_ru_archive: Path) -> None:
    line = _one_error_line(run("install", str(en_ru_archive), "--sha256", "a" * 64))
    assert "sha256 mismatch" in line
    assert os.listdir(argos_dir) == []


def test_install_usage_errors(argos_dir: Path, en_ru_archive: Path) -> None:
    assert "give two language codes" in _one_error_line(run("install", "en"))
    assert "--index-url only applies" in _one_error_line(
        run("install", str(en_ru_archive), "--index-url", "http://127.0.0.1:9/"))
    assert "unsupported language 'de'" in _one_error_line(
        run("install", "en", "de", "--index-url", "http://127.0.0.1:9/"))


def test_install_from_index(tmp_path: Path, argos_dir: Path, index_server, make_package,
                            zip_package) -> None:
    base, root = index_server
    zip_package(make_package(tmp_path / "src", "en", "zh", version="1.9"),
                root / "translate-en_zh-1_9.argosmodel")
    (root / "index.json").write_text(json.dumps([
        {"from_code": "en", "to_code": "zh", "package_version": "1.9", "argos_version": "1.0",
         "links": [base + "translate-en_zh-1_9.argosmodel"]}]))
    dry = run("install", "en", "zh-Hans", "--index-url", base, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert dry.stdout.strip() == (f"en->zh 1.9 would be downloaded from "
                                  f"{base}translate-en_zh-1_9.argosmodel")
    assert os.listdir(argos_dir) == []
    result = run("install", "en", "zh-Hans", "--index-url", base + "index.json")
    assert result.exit_code == 0, result.output
    assert "Installed en->zh 1.9 (full)" in result.stdout
    assert "downloading" not in result.stderr  # progress only when stderr is a terminal
    assert os.listdir(argos_dir) == ["translate-en_zh-1_9"]


def test_install_from_index_unknown_pair(argos_dir: Path, index_server) -> None:
    base, root = index_server
    (root / "index.json").write_text("[]")
    line = _one_error_line(run("install", "ru", "zh", "--index-url", base))
    assert line == "toolkit: error: the package index has no ru->zh package"


def test_remove(argos_dir: Path, demo_dir: Path, make_package) -> None:
    make_package(argos_dir, "en", "ru", version="1.9")
    result = run("remove", "en", "ru")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Removed en->ru 1.9")
    assert "demo" in result.stderr  # now falling back to the demo package
    assert os.listdir(argos_dir) == []


def test_remove_json(argos_dir: Path, no_demo: Path, make_package) -> None:
    make_package(argos_dir, "zh", "en", version="1.9")
    result = run("remove", "zh_CN", "en", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["removed"]["pair"] == "zh->en" and data["now_using"] is None


def test_remove_demo_refused(argos_dir: Path, demo_dir: Path) -> None:
    line = _one_error_line(run("remove", "en", "ru"))
    assert "bundled demo package" in line and "cannot be removed" in line
    assert (demo_dir / "translate-en_ru-demo").is_dir()


def test_verify_passes_the_shipped_demos_and_says_what_it_checked(argos_dir: Path) -> None:
    result = run("verify")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line.split()[:2] for line in lines if not line.startswith(" ")] == [
        ["OK", "en->ru"], ["OK", "en->zh"], ["OK", "ru->en"], ["OK", "zh->en"]]
    assert "      ok    target script: 100% of the letters are Cyrillic" in result.stdout
    assert "      ok    round trip: " in result.stdout and "      back: " in result.stdout
    data = json.loads(run("verify", "en", "zh", "--json").stdout)
    (only,) = data["results"]
    assert [c["name"] for c in only["checks"]] == ["words", "target script", "not a copy",
                                                   "no repetition", "round trip"]
    assert all(c["ok"] for c in only["checks"]) and only["round_trip"]


def test_verify_fails_broken_packages_exit_1(argos_dir: Path, make_package) -> None:
    make_package(argos_dir, "en", "ru", corrupt_model=True)
    make_package(argos_dir, "en", "zh")  # loads, answers, but random weights
    result = run("verify", "en", "ru", "--json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert [(r["pair"], r["kind"], r["ok"]) for r in data["results"]] == [
        ("en->ru", "full", False), ("en->ru", "demo", True)]
    assert "cannot load model" in data["results"][0]["error"]
    text = run("verify", "en", "zh")
    assert text.exit_code == 1
    heads = [line.split()[0] for line in text.stdout.splitlines() if not line.startswith(" ")]
    assert heads == ["FAIL", "OK"]
    assert "      FAIL  target script: " in text.stdout


def test_verify_usage_errors(argos_dir: Path, no_demo: Path) -> None:
    assert "no packages to verify" in _one_error_line(run("verify"))
    assert "give both FROM and TO" in _one_error_line(run("verify", "en"))
    assert "no en->zh package installed" in _one_error_line(run("verify", "en", "zh"))


def test_download_progress_on_a_terminal(tmp_path: Path, argos_dir: Path, index_server,
                                         make_package, zip_package, monkeypatch) -> None:
    from toolkit.cli import models as models_cli

    base, root = index_server
    zip_package(make_package(tmp_path / "src", "ru", "en", version="1.9"),
                root / "translate-ru_en-1_9.argosmodel")
    (root / "index.json").write_text(json.dumps([
        {"from_code": "ru", "to_code": "en", "package_version": "1.9",
         "links": ["translate-ru_en-1_9.argosmodel"]}]))
    monkeypatch.setattr(models_cli, "stderr_is_tty", lambda: True)
    result = run("install", "ru", "en", "--index-url", base)
    assert result.exit_code == 0, result.output
    assert "\rdownloading translate-ru_en-1_9.argosmodel: " in result.stderr
    assert result.stderr.rstrip().endswith("(100%)")
