"""Catalog command fixtures: real catalogs copied from the installed Django."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


def _copy(tmp_path: Path, django_locale: Path, lang: str) -> Path:
    dest = tmp_path / lang / "LC_MESSAGES" / "django.po"
    dest.parent.mkdir(parents=True)
    shutil.copy(django_locale / lang / "LC_MESSAGES" / "django.po", dest)
    return dest


@pytest.fixture
def django_ru(tmp_path: Path, django_locale: Path) -> Path:
    """A copy of Django's Russian core catalog (4 plural forms, as Transifex writes ru)."""
    return _copy(tmp_path, django_locale, "ru")


@pytest.fixture
def django_zh(tmp_path: Path, django_locale: Path) -> Path:
    """A copy of Django's Simplified Chinese core catalog (1 plural form)."""
    return _copy(tmp_path, django_locale, "zh_Hans")
