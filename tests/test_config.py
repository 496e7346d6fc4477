"""toolkit.config: every [tool.toolkit.*] table checked by one mechanism (keys, types, ranges)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli.main import cli


def _error(args: list[str], cwd: Path, monkeypatch, env: dict[str, str] | None = None,
           stdin: str = "Hello.") -> str:
    monkeypatch.chdir(cwd)
    monkeypatch.delenv("TOOLKIT_COMPUTE_TYPE", raising=False)  # set suite-wide in conftest
    for key, value in (env or {}).items():
        monkeypatch.setenv(key, value)
    result = CliRunner().invoke(cli, args, input=stdin)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("toolkit: error: "), result.stderr
    return lines[0]


TRANSLATE = ["translate", "--from", "en", "--to", "ru"]


@pytest.mark.parametrize(("variable", "value", "message"), [
    ("TOOLKIT_THREADS", "-1", "TOOLKIT_THREADS=-1: intra-threads must be 0 or more, got -1"),
    ("TOOLKIT_THREADS", "lots", "TOOLKIT_THREADS=lots: intra-threads must be a whole number"),
    ("TOOLKIT_INTER_THREADS", "0", "inter-threads must be 1 or more, got 0"),
    ("TOOLKIT_MAX_BATCH_TOKENS", "-5", "max-batch-tokens must be 1 or more"),
    ("TOOLKIT_DEVICE", "tpu", "TOOLKIT_DEVICE=tpu: device must be one of auto, cpu, cuda"),
])
def test_bad_environment_setting(tmp_path: Path, monkeypatch, variable, value, message) -> None:
    assert message in _error(TRANSLATE, tmp_path, monkeypatch, {variable: value})


@pytest.mark.parametrize(("body", "line", "message"), [
    ("beam-size = 2\nintra-threads = -2\n", 3,
     "[tool.toolkit.translate] intra-threads: must be 0 or more, got -2"),
    ("intra_threads = true\n", 2,
     "[tool.toolkit.translate] intra-threads: must be a whole number, got True"),
    ("device = 3\n", 2, "[tool.toolkit.translate] device: must be a non-empty str, got 3"),
    # found by tools/fuzz_cli.py: reported as 'CTranslate2 cannot load model/' of the demo model
    ("device = 'gpu'\n", 2,
     "[tool.toolkit.translate] device: must be one of auto, cpu, cuda, got 'gpu'"),
    ("compute-type = 'int4'\n", 2,
     "[tool.toolkit.translate] compute-type: must be one of auto, bfloat16, default, float16"),
    ("beam-size = 2\nthreads = 4\n", 3,
     "[tool.toolkit.translate] threads: unknown key; known: beam-size, compute-type, device"),
])
def test_bad_translate_table(tmp_path: Path, monkeypatch, body, line, message) -> None:
    (tmp_path / "pyproject.toml").write_text(f"[project]\nname = 'x'\n\n"
                                             f"[tool.toolkit.translate]\n{body}")
    error = _error(TRANSLATE, tmp_path, monkeypatch)
    assert error.startswith(f"toolkit: error: {tmp_path / 'pyproject.toml'}:{line + 3}: ")
    assert message in error


def test_check_table_is_checked_the_same_way(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.toolkit.check]\nfail-on = 'error'\nfail-of = 'warning'\n\n"
        "[[tool.toolkit.check.overrides]]\npaths = ['x']\nignor = ['TK1']\n")
    (tmp_path / "a.po").write_text('msgid ""\nmsgstr ""\n"Language: ru\\n"\n')
    error = _error(["check", "a.po"], tmp_path, monkeypatch)
    assert f"{tmp_path / 'pyproject.toml'}:3: [tool.toolkit.check] fail-of: unknown key" in error
    (tmp_path / "pyproject.toml").write_text(
        "[tool.toolkit.check]\nfail-on = 'error'\n\n"
        "[[tool.toolkit.check.overrides]]\npaths = ['x']\nignor = ['TK1']\n")
    error = _error(["check", "a.po"], tmp_path, monkeypatch)
    assert "pyproject.toml:6: [tool.toolkit.check] overrides[0].ignor: unknown key" in error


def test_good_settings_still_load(tmp_path: Path, monkeypatch) -> None:
    from toolkit.mt.engine import EngineSettings

    (tmp_path / "pyproject.toml").write_text(
        "[tool.toolkit.translate]\nintra_threads = 0\ninter-threads = 2\ndevice = 'cpu'\n")
    monkeypatch.chdir(tmp_path)
    settings = EngineSettings.load(env={"TOOLKIT_BEAM_SIZE": "3"})
    assert (settings.intra_threads, settings.inter_threads, settings.beam_size) == (0, 2, 3)


def test_pyproject_not_utf8_names_the_file_and_line(tmp_path: Path, monkeypatch) -> None:
    """Found by tools/fuzz_cli.py: 'input is not valid UTF-8: ... position 39', no file."""
    (tmp_path / "pyproject.toml").write_bytes(b"[tool.toolkit.translate]\nbeam-size = 2 \xff\n")
    line = _error(TRANSLATE, tmp_path, monkeypatch)
    assert line.startswith(f"toolkit: error: {tmp_path / 'pyproject.toml'}:2: not valid UTF-8")
