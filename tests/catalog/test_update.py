"""The merge itself (toolkit.catalog.update), on small catalogs where every case is visible."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.catalog.update import update_catalog
from toolkit.po.reader import parse_po
from toolkit.po.writer import render_po

HEADER = 'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Plural-Forms: nplurals=3; plural=0;\\n"\n\n'


def test_a_source_going_away_is_the_preferred_fuzzy_match() -> None:
    """Two entries hold the same text; the one whose message changed lends its translation
    (as msgmerge does), so it does not also linger as an obsolete entry."""
    catalog = parse_po(HEADER + 'msgctxt "a"\nmsgid "Open file"\nmsgstr "Открыть файл"\n\n'
                                'msgctxt "b"\nmsgid "Open file"\nmsgstr "Открыть файл"\n')
    template = parse_po('msgid ""\nmsgstr ""\n\nmsgctxt "a"\nmsgid "Open file"\nmsgstr ""\n\n'
                        'msgctxt "b"\nmsgid "Open files"\nmsgstr ""\n')
    result = update_catalog(catalog, template)
    assert result.obsoleted == 0 and len(result.fuzzy) == 1
    fuzzy = catalog.entries[-1]
    assert (fuzzy.msgctxt, fuzzy.previous_msgctxt, fuzzy.previous_msgid) == ("b", "b",
                                                                               "Open file")


def test_singular_becomes_plural_and_keeps_its_translation_as_form_0() -> None:
    catalog = parse_po(HEADER + 'msgid "%d file"\nmsgstr "%d файл"\n')
    template = parse_po('msgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] ""\n'
                        'msgstr[1] ""\n')
    update_catalog(catalog, template)
    (e,) = [e for e in catalog.entries if not e.is_header]
    assert e.msgstr_plural == {0: "%d файл", 1: "", 2: ""} and "fuzzy" in e.flags
    assert parse_po(render_po(catalog)).errors == []


def test_own_flags_stay_and_format_flags_follow_the_template() -> None:
    catalog = parse_po(HEADER + '#, c-format, toolkit-ignore: TK305\nmsgid "%s x"\n'
                                'msgstr "%s x"\n')
    template = parse_po('#, python-format\nmsgid "%s x"\nmsgstr ""\n')
    update_catalog(catalog, template)
    assert catalog.entries[-1].flags == ["toolkit-ignore: TK305", "python-format"]


_words = st.sampled_from(["open", "file", "save", "the", "a", "report", "news", "close",
                          "window", "%(name)s", "{count}", "press", "release"])
_msgid = st.lists(_words, min_size=1, max_size=6).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(old=st.dictionaries(st.tuples(st.sampled_from([None, "menu"]), _msgid),
                           st.text("абвгд ", min_size=0, max_size=8), max_size=12),
       new=st.lists(st.tuples(st.sampled_from([None, "menu"]), _msgid), max_size=12))
def test_no_translation_is_ever_lost(old: dict, new: list) -> None:
    """Whatever the template, every translation of the catalog is still in it after the merge
    (live, fuzzy or obsolete), the result is a valid catalog, and a second merge of the same
    template changes nothing."""
    from toolkit.po.reader import PoEntry, PoFile

    header = PoEntry(0, msgid="", msgstr="Language: ru\n")
    entries = [header] + [PoEntry(0, msgctxt=c, msgid=m, msgstr=t) for (c, m), t in old.items()]
    text = render_po(PoFile(entries, [], {}, header))
    catalog = parse_po(text)
    keys = list(dict.fromkeys(new))
    pot_entries = [PoEntry(0, msgid="", msgstr="")] + [PoEntry(0, msgctxt=c, msgid=m, msgstr="")
                                                       for c, m in keys]
    template = parse_po(render_po(PoFile(pot_entries, [], {}, pot_entries[0])))
    update_catalog(catalog, template)
    once = render_po(catalog)
    merged = parse_po(once)
    assert merged.errors == []
    kept = {e.msgstr for e in merged.entries if not e.is_header}
    assert {t for t in old.values() if t} <= kept
    assert [e.key for e in merged.live_entries] == keys
    update_catalog(merged, template)
    assert render_po(merged) == once
