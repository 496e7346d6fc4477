"""``mo_bytes`` against GNU msgfmt on real catalogs of every script, and at the edges."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from toolkit.catalog.compile import mo_bytes
from toolkit.catalog.files import load_catalog

pytestmark = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU msgfmt missing")


def _msgfmt(path: Path, tmp_path: Path) -> bytes:
    out = tmp_path / "gnu.mo"
    subprocess.run(["msgfmt", "-o", str(out), str(path)], check=True)
    return out.read_bytes()


@pytest.mark.parametrize("locale", ["ar", "de", "ja", "ko", "he", "uk", "zh_Hant", "pt_BR"])
def test_real_catalogs_compile_to_msgfmts_bytes(tmp_path: Path, django_locale: Path,
                                                locale: str) -> None:
    admin = django_locale.parents[1] / "contrib" / "admin" / "locale"
    for path in (django_locale / locale / "LC_MESSAGES" / "django.po",
                 admin / locale / "LC_MESSAGES" / "djangojs.po"):
        assert mo_bytes(load_catalog(path), force=True) == _msgfmt(path, tmp_path)


HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"POT-Creation-Date: 2026-01-01 00:00+0000\\n"\n\n')


@pytest.mark.parametrize("body", [
    "",  # the header alone
    'msgid "one"\nmsgstr "один"\n',
    'msgid "a"\nmsgstr "б"\n\nmsgid "b"\nmsgstr "в"\n',  # gettext's 5-slot table for 2
    'msgctxt "menu"\nmsgid "Open"\nmsgstr "Открыть"\n\n'
    'msgid "Open"\nmsgstr "Открыть файл"\n\n'
    'msgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "%d файл"\n'
    'msgstr[1] "%d файла"\nmsgstr[2] "%d файлов"\n\n'
    '#, fuzzy\nmsgid "Close"\nmsgstr "Закрыть"\n\n'
    'msgid "Empty"\nmsgstr ""\n\n'
    '#~ msgid "Old"\n#~ msgstr "Старое"\n',
])
def test_small_catalogs_compile_to_msgfmts_bytes(tmp_path: Path, body: str) -> None:
    path = tmp_path / "x.po"
    path.write_text(HEADER + body, encoding="utf-8")
    assert mo_bytes(load_catalog(path), force=True) == _msgfmt(path, tmp_path)


def test_a_catalog_with_many_keys_compiles_to_msgfmts_bytes(tmp_path: Path) -> None:
    # keys of every length from 1 to 300 bytes, many per length: every lane group is used
    body = "".join(f'msgid "{"k" * (i % 300 + 1)}{i}"\nmsgstr "v{i}"\n\n' for i in range(3000))
    path = tmp_path / "x.po"
    path.write_text(HEADER + body, encoding="utf-8")
    assert mo_bytes(load_catalog(path), force=True) == _msgfmt(path, tmp_path)
