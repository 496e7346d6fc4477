"""Catalog command fixtures: real catalogs copied from the installed Django."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture
def django_ru(tmp_path: Path, django_locale: Path) -> Path:
    """A copy of Django's Russian core catalog (4 plural forms, as Transifex writes ru)."""
    dest = tmp_path / "ru" / "LC_MESSAGES" / "django.po"
    dest.parent.mkdir(parents=True)
    shutil.copy(django_locale / "ru" / "LC_MESSAGES" / "django.po", dest)
    return dest


@pytest.fixture
def django_zh(tmp_path: Path, django_locale: Path) -> Path:
    dest = tmp_path / "zh_Hans" / "LC_MESSAGES" / "django.po"
    dest.parent.mkdir(parents=True)
    shutil.copy(django_locale / "zh_Hans" / "LC_MESSAGES" / "django.po", dest)
    return dest
