"""TK401 across files: one locale and one domain (the catalog's file name) form one catalog."""

from __future__ import annotations

from pathlib import Path

from conftest import catalog_text, entry_text, run


def _write(path: Path, msgstr: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(catalog_text("ru", [entry_text("Go", msgstr)]), "utf-8")
    return path


def test_other_domains_in_one_folder_are_not_compared(tmp_path: Path) -> None:
    """Sphinx's sphinx.po next to Django's django.po: two catalogs, two ways to say Go."""
    a = _write(tmp_path / "ru" / "LC_MESSAGES" / "django.po", "Выполнить")
    b = _write(tmp_path / "ru" / "LC_MESSAGES" / "sphinx.po", "Перейти")
    assert run([a, b], select=("TK401",)).findings == []


def test_one_domain_in_two_apps_is_compared(tmp_path: Path) -> None:
    """django.po of two apps is one catalog at run time: the first translation found wins."""
    a = _write(tmp_path / "admin" / "ru" / "LC_MESSAGES" / "django.po", "Выполнить")
    b = _write(tmp_path / "auth" / "ru" / "LC_MESSAGES" / "django.po", "Перейти")
    findings = run([a, b], select=("TK401",)).findings
    assert [f.msgid for f in findings] == ["Go"]
    assert "translated differently" in findings[0].message
