"""``mo_bytes`` against GNU msgfmt on real catalogs of every script, and at the edges."""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest

from toolkit.catalog import compile_check
from toolkit.catalog.compile import mo_bytes
from toolkit.catalog.compile_check import problems
from toolkit.catalog.files import load_catalog

needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU msgfmt missing")


def _msgfmt(path: Path, tmp_path: Path) -> bytes:
    out = tmp_path / "gnu.mo"
    subprocess.run(["msgfmt", "-o", str(out), str(path)], check=True)
    return out.read_bytes()


@needs_msgfmt
@pytest.mark.parametrize("locale", ["ar", "de", "ja", "ko", "he", "uk", "zh_Hant", "pt_BR"])
def test_real_catalogs_compile_to_msgfmts_bytes(tmp_path: Path, django_locale: Path,
                                                locale: str) -> None:
    admin = django_locale.parents[1] / "contrib" / "admin" / "locale"
    for path in (django_locale / locale / "LC_MESSAGES" / "django.po",
                 admin / locale / "LC_MESSAGES" / "djangojs.po"):
        assert mo_bytes(load_catalog(path), force=True) == _msgfmt(path, tmp_path)


HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"POT-Creation-Date: 2026-01-01 00:00+0000\\n"\n\n')


@needs_msgfmt
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
    # an escaped NUL ends each string there, as in C: msgctxt, msgid, msgid_plural, a form
    'msgctxt "k\\0q"\nmsgid "a"\nmsgstr "x\\000y"\n\n'
    'msgid "b\\0r"\nmsgid_plural "c\\x0s"\nmsgstr[0] "y\\0t"\nmsgstr[1] "z"\n'
    'msgstr[2] "w"\n',
])
def test_small_catalogs_compile_to_msgfmts_bytes(tmp_path: Path, body: str) -> None:
    path = tmp_path / "x.po"
    path.write_text(HEADER + body, encoding="utf-8")
    assert mo_bytes(load_catalog(path), force=True) == _msgfmt(path, tmp_path)


@needs_msgfmt
def test_a_catalog_with_many_keys_compiles_to_msgfmts_bytes(tmp_path: Path) -> None:
    # keys of every length from 1 to 300 bytes, many per length: every lane group is used
    body = "".join(f'msgid "{"k" * (i % 300 + 1)}{i}"\nmsgstr "v{i}"\n\n' for i in range(3000))
    path = tmp_path / "x.po"
    path.write_text(HEADER + body, encoding="utf-8")
    assert mo_bytes(load_catalog(path), force=True) == _msgfmt(path, tmp_path)


def _problem_lists(po, monkeypatch: pytest.MonkeyPatch) -> tuple[list, list]:
    quick = problems(po)
    with monkeypatch.context() as m:
        m.setattr(compile_check, "_kept_placeholders", lambda checked: [False] * len(checked))
        full = problems(po)
    return quick, full


def test_the_quick_placeholder_path_finds_what_the_full_check_finds(
        django_locale: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(8)
    edits = [("%(", "%(x"), ("%s", ""), ("%s", "%d"), ("%d", "%1$d"), ("{", "{x"), ("%", "%%"),
             (")s", ")d"), ("%", "5%o")]
    found = 0
    for path in sorted(django_locale.glob("*/LC_MESSAGES/django.po")):
        po = load_catalog(path)
        quick, full = _problem_lists(po, monkeypatch)
        assert quick == full, path
        for e in po.entries:  # break some translations the ways translators do
            if rng.random() < 0.3:
                old, new = rng.choice(edits)
                if e.msgstr:
                    e.msgstr = e.msgstr.replace(old, new, 1)
                for i, form in e.msgstr_plural.items():
                    e.msgstr_plural[i] = form.replace(old, new, 1)
        quick, full = _problem_lists(po, monkeypatch)
        assert quick == full, path
        found += len(full)
    assert found > 500  # the edits did break entries
