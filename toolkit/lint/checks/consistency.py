"""TK4xx: consistency across the entries of one catalog and of one locale."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from toolkit.i18n import Message
from toolkit.lint.model import Severity
from toolkit.lint.registry import Hit, locale_pass, rule

_LETTER = re.compile(r"[^\W\d_]")
_TRAIL = re.compile(r"[\s:：]+$")  # "Name" and "Name:" are compared; "Delete?" is not
_LABEL = re.compile(r"[:：]\s*$")


def _is_label(text: str) -> bool:
    return _LABEL.search(text) is not None


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _source_key(text: str) -> str:
    """Case kept ("May" the month, "may" its abbreviation), end punctuation and spacing not."""
    return _TRAIL.sub("", " ".join(text.split()))


def _translated(e) -> bool:
    return (not e.obsolete and bool(e.msgid) and e.translated
            and not (e.flags and "fuzzy" in e.flags))


@rule("TK401", "inconsistent-translation", "warning", "catalog")
def inconsistent_translation(ctx) -> Iterator[Hit]:
    """The same source translated differently: in one file (context-free entries, ignoring
    spacing; a label "Name:" against a bare "Name" only at info) or across the files of one
    locale and domain (same msgctxt + msgid)."""
    first: dict[tuple[str, str | None], tuple[object, str]] = {}
    for e in ctx.po.entries:
        if e.msgctxt is not None or not _translated(e) or not _LETTER.search(e.msgid):
            continue
        key = (_source_key(e.msgid), e.msgid_plural and _source_key(e.msgid_plural))
        tr = _source_key(e.translations[0]).casefold()
        seen = first.get(key)
        if seen is None:
            first[key] = (e, tr)
        elif seen[1] != tr:
            other = seen[0]
            # "Change" (a log action) and "Change:" (a field label) may be two senses: in
            # the Django and Sphinx catalogs of 80+ languages 52 of 232 such pairs differ,
            # "Change" in 35 of 80 locales; the same words with other spacing may not
            label = _is_label(e.msgid) != _is_label(other.msgid)  # type: ignore[attr-defined]
            values = {"msgid": e.msgid, "line": other.line,  # type: ignore[attr-defined]
                      "first": other.translations[0],  # type: ignore[attr-defined]
                      "second": e.translations[0]}  # type: ignore[attr-defined]
            message = (Message("{msgid!r} translated differently at line {line}: {first!r} vs "
                               "{second!r} (a label and a bare word may be two senses)",
                               **values) if label else
                       Message("{msgid!r} translated differently at line {line}: {first!r} vs "
                               "{second!r}", **values))
            yield Hit(message, entry=e, severity=Severity.INFO if label else None)


@locale_pass("TK401")
def inconsistent_across_files(contexts) -> Iterator[tuple[object, Hit]]:
    """Files of one locale and one domain (the catalog's name: django.po of every app, but not
    djangojs.po, nor another project's sphinx.po in the same tree) are one catalog at run
    time, so the same msgctxt + msgid must be translated alike in all of them."""
    by_domain: dict[str, list] = {}
    for ctx in contexts:
        by_domain.setdefault(os.path.basename(ctx.path), []).append(ctx)
    for group in by_domain.values():
        if len(group) > 1:
            yield from _across(group)


# Django merges the django.po of every app into one catalog at run time (the first app in
# INSTALLED_APPS wins): one of the two translations is never shown. Wagtail 8.0.1's apps, ru
# and zh_Hans: 38 such pairs, each a real shadowing; about 7 are two senses of one word (the
# noun and the verb 'Comment', '创建时间' against '已创建' for 'Created'), where one app
# shows the wrong one, a few hide a typo in the unused copy, the rest are synonyms
_SHADOWED = Message("the files of one domain are one catalog at run time (Django merges every "
                    "app's): only one of the two is shown, in both places; make them alike, or "
                    "tell two senses apart with a msgctxt (pgettext)")


def _across(contexts) -> Iterator[tuple[object, Hit]]:
    first: dict[tuple[str | None, str], tuple[object, object, tuple[str, ...]]] = {}
    for ctx in contexts:
        for e in ctx.po.entries:
            if not _translated(e):
                continue
            tr = tuple(_norm(t) for t in e.translations)
            seen = first.get(e.key)
            if seen is None:
                first[e.key] = (ctx, e, tr)
            elif seen[2] != tr and seen[0] is not ctx:
                octx, oe = seen[0], seen[1]
                where = f"{octx.path}:{oe.line}"  # type: ignore[attr-defined]
                yield ctx, Hit(Message(
                    "{msgid!r} translated differently in {where}: {first!r} vs {second!r}",
                    msgid=e.msgid, where=where,
                    first=oe.translations[0],  # type: ignore[attr-defined]
                    second=e.translations[0]), _SHADOWED, entry=e)  # type: ignore[attr-defined]
