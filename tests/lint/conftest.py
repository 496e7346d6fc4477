"""Fixtures for the checker tests: catalogs written from small specs, Django's real catalogs."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.lint import CheckConfig, check_paths
from toolkit.lint.config import FileSettings

PLURAL_FORMS = {
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
          "(n%100<10 || n%100>=20) ? 1 : 2);",
    "zh_Hans": "nplurals=1; plural=0;",
    "en_GB": "nplurals=2; plural=(n != 1);",
    "en": "nplurals=2; plural=(n != 1);",
}


def po_quote(text: str) -> str:
    return '"' + (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                  .replace("\t", "\\t")) + '"'


def header_for(lang: str) -> str:
    from toolkit.po.plurals import expected_plural_forms

    plural = PLURAL_FORMS.get(lang) or expected_plural_forms(lang)
    return (f"Language: {lang}\\nContent-Type: text/plain; charset=UTF-8\\n"
            f"Plural-Forms: {plural}\\n")


def entry_text(msgid: str, msgstr: str | None = None, *, msgid_plural: str | None = None,
               msgstr_plural: list[str] | None = None, flags: list[str] | None = None,
               comments: list[str] | None = None, msgctxt: str | None = None) -> str:
    out = [f"# {c}" for c in comments or ()]
    if flags:
        out.append("#, " + ", ".join(flags))
    if msgctxt is not None:
        out.append(f"msgctxt {po_quote(msgctxt)}")
    out.append(f"msgid {po_quote(msgid)}")
    if msgid_plural is not None:
        out.append(f"msgid_plural {po_quote(msgid_plural)}")
        for i, form in enumerate(msgstr_plural or []):
            out.append(f"msgstr[{i}] {po_quote(form)}")
    else:
        out.append(f"msgstr {po_quote(msgstr or '')}")
    return "\n".join(out) + "\n"


def catalog_text(lang: str | None, entries: list[str], header: str | None = None) -> str:
    head = header if header is not None else header_for(lang or "ru")
    return f'msgid ""\nmsgstr "{head}"\n\n' + "\n".join(entries)


def write_catalog(root: Path, lang: str | None, text: str | bytes,
                  name: str = "messages.po") -> Path:
    folder = root / (lang or "xx") / "LC_MESSAGES" if lang else root
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_bytes(text.encode("utf-8"))
    return path


def run(paths: list[Path], **settings: object):
    """check_paths with FileSettings(**settings) and no pyproject."""
    glossary = settings.pop("glossary", None)
    config = CheckConfig(base=FileSettings(**settings))  # type: ignore[arg-type]
    return check_paths(paths, config, glossary=glossary)


@pytest.fixture(scope="session")
def shipped_glossary():
    from toolkit.lint.checks.glossary import build_index

    return build_index(["shipped"])
