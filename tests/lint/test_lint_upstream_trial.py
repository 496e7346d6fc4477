"""``toolkit check`` through the CLI on verbatim excerpts of clean upstream catalogs
(tests/data/upstream, README there): each passes ``msgfmt -c``, so the default gate passes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli.main import cli

UPSTREAM = Path(__file__).parent.parent / "data" / "upstream"


def check(*args: str):
    return CliRunner().invoke(cli, ["check", *args], catch_exceptions=False)


@pytest.fixture()
def pretalx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(UPSTREAM / "pretalx", tmp_path / "locale")
    return tmp_path / "locale"


def test_untranslated_plural_with_too_few_empty_forms_is_no_plural_form_error(pretalx):
    # Weblate leaves two empty forms in a nplurals=3 catalog; msgfmt -c passes the file
    result = check(str(pretalx / "ru"), "--json")
    assert result.exit_code == 0, result.output
    assert '"TK303"' not in result.output
    assert result.output.count('"TK301"') == 2  # reported as untranslated


def test_fuzzy_plural_form_count_only_with_check_fuzzy(pretalx, tmp_path):
    result = check(str(pretalx / "zh_Hans"), "--json")
    assert result.exit_code == 0, result.output
    assert '"TK303"' not in result.output
    # msgfmt -c --use-fuzzy refuses the fuzzy entry with two forms: so does check-fuzzy
    (tmp_path / "pyproject.toml").write_text("[tool.toolkit.check]\ncheck-fuzzy = true\n")
    result = check(str(pretalx / "zh_Hans"), "--json")
    assert result.exit_code == 1, result.output
    assert '"TK303"' in result.output


def test_angle_brackets_inside_a_code_span_are_no_tag(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(UPSTREAM / "jupyterlab", tmp_path / "locale")
    po = tmp_path / "locale" / "zh_CN" / "LC_MESSAGES" / "jupyterlab.po"
    result = check(str(po), "--json")
    assert result.exit_code == 0, result.output
    assert '"TK102"' not in result.output
    # out of the code span <plugin-name> is a custom element: dropping it is still reported
    # (written as <插件名称> it would be an argument name the translator translated, as git's)
    text = po.read_text("utf-8")
    po.write_text(text.replace("`jupyter \"\n\"labextension enable <plugin-name>`",
                               "jupyter \"\n\"labextension enable <plugin-name>")
                  .replace("enable <插件名称>", "enable"), "utf-8")
    assert po.read_text("utf-8") != text
    result = check(str(po), "--json")
    assert result.exit_code == 1, result.output
    assert "missing tag <plugin-name>" in result.output


def test_angle_brackets_inside_a_double_backtick_code_span_are_no_tag(tmp_path, monkeypatch):
    """reST (Sphinx catalogs) writes inline literals with two backticks: ````a <b>````
    is a code span as much as `` `a <b>` `` is (the pattern was single-backtick only)."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(UPSTREAM / "jupyterlab", tmp_path / "locale")
    po = tmp_path / "locale" / "zh_CN" / "LC_MESSAGES" / "jupyterlab.po"
    text = po.read_text("utf-8")
    changed = (text.replace("`jupyter \"\n\"labextension enable <plugin-name>`",
                            "``jupyter \"\n\"labextension enable <plugin-name>``")
               .replace("`jupyter labextension enable <插件名称>`",
                        "``jupyter labextension enable <插件名称>``"))
    assert changed.count("``") == text.count("``") + 4
    po.write_text(changed, "utf-8")
    result = check(str(po), "--json")
    assert result.exit_code == 0, result.output
    assert '"TK102"' not in result.output


def test_config_comes_from_the_checked_paths_project(tmp_path, monkeypatch):
    """``toolkit check ../other/locale`` reads ``[tool.toolkit.check]`` of other's
    pyproject.toml (as pytest and ruff do), not the current directory's."""
    other = tmp_path / "other"
    shutil.copytree(UPSTREAM / "pretalx", other / "locale")  # TK301/TK302 info findings
    (other / "pyproject.toml").write_text("[tool.toolkit.check]\nfail-on = 'info'\n")
    here = tmp_path / "here"
    here.mkdir()
    (here / "pyproject.toml").write_text("[tool.toolkit.check]\nfail-on = 'error'\n")
    monkeypatch.chdir(here)
    assert check("../other/locale/ru").exit_code == 1
    assert check(str(other / "locale" / "ru" / "LC_MESSAGES" / "django.po")).exit_code == 1
    # several paths: the nearest pyproject.toml above the folder holding them all
    (other / "pyproject.toml").write_text("[tool.toolkit.check]\nfail-on = 'error'\n")
    (tmp_path / "pyproject.toml").write_text("[tool.toolkit.check]\nfail-on = 'info'\n")
    (other / "locale" / "ru" / "pyproject.toml").write_text("[tool.toolkit.check]\n")
    assert check("../other/locale/ru", "../other/locale/zh_Hans").exit_code == 0
    assert check("../other/locale/ru").exit_code == 0  # its own, the nearest
    assert check("../other", "../here").exit_code == 1  # tmp_path's
    assert check("--config", "pyproject.toml", "../other").exit_code == 0  # named


def test_across_apps_the_finding_says_one_translation_shadows_the_other(tmp_path, monkeypatch):
    """TK401 across two Wagtail apps' django.po: a real defect, not noise (Django merges the
    apps' catalogs, so one app shows the other's 'Comment'), kept a warning, and the finding
    now says why and what to do; the message (what baselines hold) is unchanged."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(UPSTREAM / "wagtail", tmp_path / "wagtail")
    result = check("wagtail")
    assert result.exit_code == 0, result.output
    assert ("warning  TK401  'Comment' translated differently in "
            "wagtail/admin/locale/ru/LC_MESSAGES/django.po:68: 'Оставить комментарий' vs "
            "'Комментарий'") in result.output
    assert "only one of the two is shown, in both places" in result.output
    assert "msgctxt (pgettext)" in result.output
    result = CliRunner().invoke(cli, ["check", "wagtail"], env={"LANGUAGE": "ru"})
    assert "показан будет только один" in result.output, result.output
