"""TK1xx: what a translation must keep: placeholders, tags, URLs, e-mails, numbers.

Pair rules: they see one source string and the translation of it (each plural form paired
with the source it translates). Cheap character tests come first, so the common entry with
nothing to keep costs a few ``in`` checks.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import compress, repeat
from operator import contains, ne, or_

from toolkit.i18n import Message, PluralMessage, joined
from toolkit.lint.prefilter import Pairs
from toolkit.lint.registry import Hit, rule
from toolkit.text import patterns
from toolkit.text.numbers import DIGIT_CHARS, missing_numbers
from toolkit.text.patterns import TAG_RE as _TAG
from toolkit.text.placeholders import (
    FORMAT_FLAGS,
    PRINTF_CONVERSIONS,
    PRINTF_LENGTH,
    Span,
    argument_keys,
    argument_names,
    find_emails,
    find_placeholders,
    find_tags,
    find_urls,
    qt_not_simple,
    qt_not_simple_message,
)

# any printf placeholder, by the conversions and length modifiers of toolkit.text.placeholders
# but more loosely (any name, a space flag): what is left when they are taken out is a lone %
_PRINTF_ANY = re.compile(
    r"%(?:%|(?:\d+\$|\([^()]*\))?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*)?)?"
    rf"{PRINTF_LENGTH}[{PRINTF_CONVERSIONS}])"
)


# Superset of every placeholder syntax, for the quick "nothing changed" test. Qt's "%L1"
# first (else read as printf's "%L"), its "%1" and "%10" last ("%1d" is read as printf).
# The printf token is %(?:\([^()]*\)|\d+\$)?[-+ #0']*[\d*]*(?:\.[\d*]*)?[A-Za-z%] written for
# re's speed, with the same matches: each optional part an alternative with an empty branch
# (re runs '(...)?' as a general repeat) and possessive runs (what follows a run never
# starts with what it takes, or, for the flags' 0, fails alike after either): 15 % fewer
# instructions on the bench catalog's tokens
_PERCENT_TOKENS = (r"%L\d\d?",
                   r"%(?:\([^()]*+\)|\d++\$|)[-+ #0']*+[\d*]*+(?:\.[\d*]*+|)[A-Za-z%]",
                   r"%\d\d?")
_QUICK = re.compile("|".join((*_PERCENT_TOKENS[:2], r"\{[^{}]*\}", _PERCENT_TOKENS[2])))
# the same on a string without "{" (its one other branch cannot match there): all branches
# start with "%", so a search jumps from one "%" to the next (~10x faster than looking for
# "%" or "{" at each character)
_QUICK_PERCENT = re.compile("|".join(_PERCENT_TOKENS))


def _quick_tokens(strings: list[str]) -> list[list[str]]:
    """``_QUICK.findall`` of each of *strings*."""
    found = list(map(_QUICK_PERCENT.findall, strings))
    for j in compress(range(len(strings)), map(contains, strings, repeat("{"))):
        found[j] = _QUICK.findall(strings[j])
    return found


# a named printf placeholder ending in its conversion (no length modifier for more text to
# extend it, no % inside): one the placeholder and the quick pattern read alike
_NAMED = re.compile(rf"%\([^()%]*\)[-+ #0']*[\d*]*(?:\.[\d*]*)?[{PRINTF_CONVERSIONS}]")


def _formats(flags: list[str]) -> list[str] | None:
    if not flags:
        return None
    fmts = [f for f in flags if f in FORMAT_FLAGS or f[3:] in FORMAT_FLAGS]
    return fmts or None


def _unnamed(spans: list) -> list[str]:
    return [s.text for s in spans if s.kind == "printf" and _unnamed_text(s.text)]


def _lone_percent(text: str) -> bool:
    return "%" in _PRINTF_ANY.sub("", text)


# _QUICK_PERCENT with a lone % (one no token takes) as a token of its own, which
# _QUICK_PERCENT never finds (its tokens are two characters or more)
_QUICK_PERCENT_LONE = re.compile("|".join((*_PERCENT_TOKENS, "%")))


def _placeholders_may_differ(pairs: Pairs) -> list[int]:
    """Pairs whose candidate tokens differ between source and translation, or whose
    translation has a % outside them (on all others placeholders' quick test passes).

    The pairs with a % on either side are read for their %-tokens (a translation's lone %
    one of them), a findall call per string at C speed, and those with a { (where a {...}
    token may take a %) again for all their tokens: 27 % fewer instructions on a
    55,000-entry catalog than the literal searches and lists per string of before."""
    srcs, tgts = pairs.srcs, pairs.tgts
    held = list(compress(range(len(srcs)), map(or_, map(contains, srcs, repeat("%")),
                                               map(contains, tgts, repeat("%")))))
    differ = set(compress(held, map(ne, map(_QUICK_PERCENT.findall, [srcs[i] for i in held]),
                                    map(_QUICK_PERCENT_LONE.findall,
                                        [tgts[i] for i in held]))))
    braces = pairs.holding("{")
    differ.difference_update(braces)
    return sorted(differ.union(_tokens_differ(pairs, braces)))


def _tokens_differ(pairs: Pairs, chosen: list[int]) -> list[int]:
    """Of the pairs *chosen*, those whose quick tokens differ or whose translation has a %
    outside them, each string read by itself."""
    srcs, tgts = pairs.srcs, pairs.tgts
    held_tgts = [tgts[i] for i in chosen]
    quick_src = _quick_tokens([srcs[i] for i in chosen])
    quick_tgt = _quick_tokens(held_tgts)
    lone = map(ne, map(str.count, held_tgts, repeat("%")),
               map(str.count, map("".join, quick_tgt), repeat("%")))
    return list(compress(chosen, map(or_, map(ne, quick_src, quick_tgt), lone)))


@rule("TK101", "placeholders", "error", "pair", select=_placeholders_may_differ)
def placeholders(src: str, tgt: str, e, ctx):
    """Placeholders (%s, %1$s, %(name)s, {name}, {0:.2f}, Qt's %1) missing, extra or
    reordered."""
    if "%" not in src and "{" not in src and "%" not in tgt and "{" not in tgt:
        return None
    fmts = _formats(e.flags)
    quick_src = _QUICK.findall(src)
    quick_tgt = _QUICK.findall(tgt)
    if (quick_src == quick_tgt or (len(quick_src) < 2 or len(quick_src) != len(quick_tgt))
            and sorted(quick_src) == sorted(quick_tgt)) and (
            fmts is None or tgt.count("%") == sum(t.count("%") for t in quick_tgt)):
        # same candidate tokens, same order, no lone %: nothing can differ (a date format
        # with the same directives shows the same fields: asked first, it is the common case)
        return None
    if (len(quick_src) > 1 and src.count("%") == len(quick_src) and "{" not in src
            and "{" not in tgt and all(_NAMED.fullmatch(t) for t in quick_src)
            and sorted(quick_src) == sorted(quick_tgt)
            and (fmts is None or tgt.count("%") == len(quick_tgt))):
        # named placeholders reordered, each % of the source one of them and no lone % in the
        # translation: no date format, the same placeholders (each ends at its conversion),
        # none unnamed: nothing to report (the word order of most languages moves them)
        return None
    date_fields = _strftime_fields(src)
    if date_fields is not None:
        return _date_format_problem(date_fields, tgt)
    sp = find_placeholders(src, fmts) if ("%" in src or "{" in src) else []
    tp = find_placeholders(tgt, fmts) if ("%" in tgt or "{" in tgt) else []
    hits: list[Hit | str] = []
    if fmts and any(f in ("python-format", "c-format") for f in fmts) and "%" in tgt:
        if _lone_percent(tgt) and not _lone_percent(src):
            hits.append(Hit(Message("lone '%' in a printf-format translation"),
                            Message("write %% for a literal %")))
    if not sp and not tp:
        return hits or None
    not_simple = qt_not_simple(
        [sp] if e.msgid_plural is None else
        [sp, find_placeholders(e.msgid_plural if src is e.msgid else e.msgid, fmts)], tp, fmts)
    if not_simple:
        hits.append(qt_not_simple_message(not_simple))
    if Counter(s.text for s in sp) == Counter(s.text for s in tp):
        su, tu = _unnamed(sp), _unnamed(tp)
        if len(su) > 1 and su != tu:
            hits.append(Hit(Message("unnamed placeholders reordered ({source} -> {translation})",
                                    source=" ".join(su), translation=" ".join(tu)),
                            Message("use positional (%1$s) or named (%(name)s) placeholders")))
        return hits or None
    s_keys, t_keys = argument_keys(sp, fmts), argument_keys(tp, fmts)
    s_count, t_count = Counter(s_keys), Counter(t_keys)
    if s_count == t_count:  # reordered by position (%d %s -> %2$s %1$d)
        return hits or None
    # what each argument is called in messages: as the source or the translation writes it
    name = {**argument_names(tp, fmts), **argument_names(sp, fmts)}
    plural = ctx.plural
    single = (ctx.form is not None and plural is not None
              and ctx.form in plural.single_value_forms)
    other = None
    if e.msgid_plural is not None:  # either source's placeholders may appear in any form
        other = Counter(argument_keys(find_placeholders(
            e.msgid_plural if src is e.msgid else e.msgid, fmts), fmts))
    for key, n in s_count.items():
        text = name[key]
        if t_count.get(key, 0) < n and not single:
            if t_count.get(key, 0) == 0:
                missing = Message("missing placeholder {placeholder}", placeholder=text)
                shared = _form_shared(e, ctx, key, fmts)
                hits.append(missing if shared is None else Hit(missing, Message(
                    "form {form} is used for {numbers}: write {placeholder}, not the "
                    "singular msgid's number", form=ctx.form,
                    numbers=shared, placeholder=text)))
            elif _unnamed_text(text) or text == "{}":  # a named one may be used fewer times
                hits.append(_times(text, t_count[key], n))
    for key, n in t_count.items():
        text = name[key]
        if key not in s_count and not (other and key in other):
            hits.append(Message("unexpected placeholder {placeholder} (not in the source)",
                                placeholder=text))
        elif key in s_count and n > s_count[key] and _unnamed_text(text):
            hits.append(_times(text, n, s_count[key]))
    return hits or None


def _form_shared(e, ctx, key: str, fmts: list[str] | None) -> str | None:
    """The numbers (``1, 21, 31, ...``) that pick the form being checked, when the form
    answers the singular msgid but more numbers than one pick it (Russian form 0) and the
    msgid has no placeholder *key*: the translator followed ``Delete 1 document``, which
    gettext shows for 21 too. None otherwise (the finding then needs no explanation)."""
    plural, form = ctx.plural, ctx.form
    if e.msgid_plural is None or plural is None or form is None or form != plural.func(1):
        return None
    if key in argument_keys(find_placeholders(e.msgid, fmts), fmts):
        return None
    numbers = [n for n in range(1000) if plural.func(n) == form][:3]
    return ", ".join(map(str, numbers)) + ", ..." if len(numbers) > 1 else None


def _times(placeholder: str, count: int, source: int) -> Message:
    return PluralMessage("placeholder {placeholder} appears {count} time(s), source has {source}",
                         "placeholder {placeholder} appears {count} times, source has {source}",
                         count, placeholder=placeholder, count=count, source=source)


# strftime directives by the date/time field they show; %b %d, %Y -> %Y 年 %m 月 %d 日 is the
# same date written the Chinese way, so a date format is compared by fields, not directives
_STRFTIME_FIELD = {
    "Y": "year", "y": "year", "b": "month", "B": "month", "m": "month",
    "d": "day", "e": "day", "j": "day", "a": "weekday", "A": "weekday", "w": "weekday",
    "H": "hour", "I": "hour", "M": "minute", "S": "second", "p": "am/pm", "Z": "time zone",
}
# the fields as messages name them (translated in text output)
_FIELD_NAMES = {"year": Message("year"), "month": Message("month"), "day": Message("day"),
                "weekday": Message("weekday"), "hour": Message("hour"),
                "minute": Message("minute"), "second": Message("second"),
                "time zone": Message("time zone")}
# letters that are strftime directives but neither printf conversions nor length modifiers
_STRFTIME_ONLY = frozenset("YyBmjwHIMSZ")
_DIRECTIVE = re.compile(r"%[-_0^#]?(.)")


def _strftime_fields(text: str) -> frozenset[str] | None:
    """The fields of a strftime format (``%b %d, %Y``), or None when *text* is not one
    (a directive that is not strftime, or none that only strftime has)."""
    if "%" not in text:
        return None
    letters = [m.group(1) for m in _DIRECTIVE.finditer(text.replace("%%", ""))]
    if not letters or not all(c in _STRFTIME_FIELD for c in letters) or not any(
            c in _STRFTIME_ONLY for c in letters):
        return None
    return frozenset(_STRFTIME_FIELD[c] for c in letters)


def _date_format_problem(fields: frozenset[str], tgt: str) -> str | None:
    letters = [m.group(1) for m in _DIRECTIVE.finditer(tgt.replace("%%", ""))]
    bad = sorted({f"%{c}" for c in letters if c not in _STRFTIME_FIELD})
    if bad:
        return Message("date format: unexpected directive(s) {directives}",
                       directives=" ".join(bad))
    have = {_STRFTIME_FIELD[c] for c in letters}
    lost = sorted(fields - have - {"am/pm"})  # a 24-hour clock needs no am/pm
    added = sorted(have - fields - {"am/pm"})
    parts = ([Message("date format: {fields} missing", fields=_fields(lost))] if lost else []) + (
        [Message("date format: {fields} added", fields=_fields(added))] if added else [])
    return joined(parts, "; ") if parts else None


def _fields(names: list[str]) -> Message:
    """Date fields as a list a message holds: ``year, month`` (each translated when shown)."""
    return joined([_FIELD_NAMES[name] for name in names])


def _unnamed_text(text: str) -> bool:
    """An unnamed printf placeholder (``%s``, not ``%(name)s``, ``%1$s`` or Qt's ``%1``, which
    ends in its argument number and may print it any number of times)."""
    return (text.startswith("%") and text[1:2] != "(" and "$" not in text
            and not text[-1].isdigit())


def _tag_sig(span_text: str) -> str:
    if span_text.startswith("<!--"):
        return "<!-- -->"
    m = re.match(r"<(/?)([A-Za-z][\w:.-]*)", span_text)
    if not m:
        return span_text
    close = m.group(1)
    selfclose = span_text.endswith("/>")
    return f"<{close}{m.group(2).lower()}{'/' if selfclose else ''}>"


@rule("TK102", "tags", "error", "pair", needs="<")
def tags(src: str, tgt: str, e, ctx):
    """HTML/XML tags missing or added (attributes such as title may be translated)."""
    if "<" not in src and "<" not in tgt:
        return None
    src = _no_guillemets(src)
    tgt = _no_guillemets(tgt)
    if sorted(_TAG.findall(src)) == sorted(_TAG.findall(tgt)):
        return None  # the same tags, attributes and all
    s_tags, t_tags = _markup(src), _markup(tgt)
    if s_tags and _TRANSLATED_BRACKETS.search(tgt):  # <object> as <объект>: a metavariable
        s_tags = [x for x in s_tags if not _lone_start_tag(x.text, src)]
        t_tags = [x for x in t_tags if not _lone_start_tag(x.text, tgt)]
    s = Counter(_tag_sig(x.text) for x in s_tags)
    t = Counter(_tag_sig(x.text) for x in t_tags)
    if s == t:
        return None
    hits = []
    for sig, n in s.items():
        if t.get(sig, 0) < n:
            hits.append(Message("missing tag {tag} ({missing} of {count})", tag=sig,
                                missing=n - t.get(sig, 0), count=n) if n > 1 else
                        Message("missing tag {tag}", tag=sig))
    for sig, n in t.items():
        if s.get(sig, 0) < n and sig.strip("</>") not in _INLINE:
            hits.append(Message("unexpected tag {tag}", tag=sig))
    return hits or None


# HTML element names: a lone start tag of one of these is markup (``<br>``, ``<img>``, ``<p>``)
_HTML_ELEMENTS = frozenset((
    "a abbr address area article aside audio b bdi bdo blockquote body br button canvas "
    "caption cite code col colgroup data datalist dd del details dfn dialog div dl dt em "
    "embed fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header hr "
    "html i iframe img input ins kbd label legend li link main map mark menu meta meter nav "
    "nobr noscript object ol optgroup option output p param picture pre progress q rp rt "
    "ruby s samp script section select slot small source span strong style sub summary sup "
    "svg table tbody td template textarea tfoot th thead time title tr track tt u ul var "
    "video wbr").split())
_START_NAME = re.compile(r"<([A-Za-z][\w:.-]*)")


def _is_markup(tag: str, text: str) -> bool:
    """Whether *tag* (a span ``find_tags`` found in *text*) is markup rather than words in
    angle brackets: a placeholder-like ``<unspecified>``, ``<no view>`` or ``<missing
    product>`` (real catalogs translate those words: ``<не указано>``, ``（未指定）``). Markup
    is a comment, an end tag, a self-closed tag, a tag with an attribute value, an HTML
    element, a name with ``-``, ``:`` or ``_`` (custom and XML elements), or a start tag
    whose end tag is in the same text."""
    if tag.startswith(("<!--", "</")) or tag.endswith("/>") or "=" in tag:
        return True
    m = _START_NAME.match(tag)
    if m is None:
        return True
    name = m.group(1)
    low = name.lower()
    return (low in _HTML_ELEMENTS or any(c in name for c in "-:_")
            or f"</{low}" in text.lower())


# words in angle brackets that start with a letter outside ASCII (no tag's name does): the
# translator translated a metavariable (git's <object> -> <объект>, <对象>)
_TRANSLATED_BRACKETS = re.compile(r"<[^\W\d_A-Za-z][^<>=\"']*>")
_LONE_START = re.compile(r"<([A-Za-z][\w:.-]*)>")


def _lone_start_tag(tag: str, text: str) -> bool:
    """*tag* is ``<name>`` alone, no attribute, never closed in *text*, and no line break
    (``<br>``, ``<hr>``, ``<wbr>``): in a text whose translation translates the words in its
    angle brackets, such a ``<object>``, ``<time>`` or ``<new-branch-name>`` names an
    argument (git's usage strings), it is no markup."""
    m = _LONE_START.fullmatch(tag)
    if m is None:
        return False
    low = m.group(1).lower()
    return low not in ("br", "hr", "wbr") and f"</{low}" not in text.lower()


def _markup(text: str) -> list[Span]:
    """The tags of *text* that are markup (:func:`_is_markup`), leaving out those inside a
    code span: `` `jupyter labextension enable <plugin-name>` `` shows a command's argument,
    which JupyterLab's zh_CN catalog rightly writes ``<插件名称>``."""
    found = find_tags(text)
    if "`" in text:
        code = [m.span() for m in patterns.CODE_SPAN_RE.finditer(text)]  # compiled on use
        found = [t for t in found if not any(a < t.start < b for a, b in code)]
    return [t for t in found if _is_markup(t.text, text)]


def _no_guillemets(text: str) -> str:
    """``<<original entry>>`` is ASCII guillemets around words, not a tag."""
    return text.replace("<<", "\u00ab") if "<<" in text else text


# formatting a translation may add (French 1<sup>er</sup>, emphasis): not reported when extra
_INLINE = frozenset({"sup", "sub", "b", "i", "em", "strong", "u", "s", "small", "br", "wbr",
                     "nobr", "abbr", "span"})


_SCHEME = re.compile(r"\b[a-z][a-z0-9+.-]*://", re.I)
_URL_PARTS = re.compile(r"(?:([a-z][a-z0-9+.-]*)://)?([^/?#]*)([^?#]*)(.*)", re.I | re.S)


def _url_parts(url: str) -> tuple[str, list[str], list[str], str]:
    """scheme, host labels, path segments (no trailing slash), query + fragment."""
    m = _URL_PARTS.match(url)
    assert m is not None  # every group is optional
    scheme, host, path, rest = m.groups()
    return (scheme or "").lower(), host.lower().split("."), path.rstrip("/").split("/"), rest


def _only_language_differs(a: list[str], b: list[str]) -> bool:
    """Same parts but for language codes CLDR knows (``/en/`` -> ``/ru/``, ``en.`` -> ``ru.``)."""
    from toolkit.po.locale import known_locale

    return len(a) == len(b) and all(
        x == y or (known_locale(x.lower()) and known_locale(y.lower()))
        for x, y in zip(a, b, strict=True))


def _url_change(src_url: str, tgt_urls: list[str]) -> str | None:
    """Why no URL of the translation is *src_url* localized (None: one is): missing, or
    the nearest one (same host) changed its scheme or its path beyond a language code."""
    scheme, host, path, rest = _url_parts(src_url)
    nearest = None
    for url in tgt_urls:
        t_scheme, t_host, t_path, t_rest = _url_parts(url)
        if not _only_language_differs(host, t_host):
            continue
        if t_scheme == scheme and t_rest == rest and _only_language_differs(path, t_path):
            return None
        nearest = nearest or (url, t_scheme != scheme)
    if nearest is None:
        return Message("URL {url} missing", url=src_url)
    url, scheme_changed = nearest
    if scheme_changed:
        return Message("URL scheme changed: {source} -> {translation}", source=src_url,
                       translation=url)
    return Message("URL path changed: {source} -> {translation}", source=src_url,
                   translation=url)


def _url_on_either_side(pairs: Pairs) -> list[int]:
    return pairs.holding(["://", "www."], "either")


def _added_urls(src_urls: list[str], tgt_urls: list[str]) -> list[Message]:
    """URLs of the translation on a host no URL of the source has (a language code in the
    host may differ): a link the translator or a machine translation put in (pofilter's
    urls test reports them too). One on a source URL's host is that URL, changed or not."""
    new = [url for url in dict.fromkeys(tgt_urls) if url not in src_urls]
    if not new:  # the common case: the translation links where the source does
        return []
    hosts = [_url_parts(u)[1] for u in src_urls]
    return [Message("URL {url} added (the source links to no such host)", url=url)
            for url in new
            if not any(_only_language_differs(h, _url_parts(url)[1]) for h in hosts)]


@rule("TK103", "urls", "warning", "pair", select=_url_on_either_side)
def urls(src: str, tgt: str, e, ctx):
    """A URL of the source missing or changed in the translation: another scheme
    (https -> http) or path; a language code in the path or host may change (/en/ -> /ru/).
    A URL on a host the source does not link to, added in the translation."""
    in_src = "://" in src or "www." in src
    if not in_src and "://" not in tgt and "www." not in tgt:
        return None
    su = find_urls(src) if in_src else []
    tu = [u.text for u in find_urls(tgt)]
    added = _added_urls([u.text for u in su], tu)
    if not su:
        schemes = Counter(_SCHEME.findall(src))  # a bare "https://" in prose
        if schemes and schemes != Counter(_SCHEME.findall(tgt)):
            return [Message("URL scheme changed: {schemes} in the source",
                            schemes=" ".join(sorted(schemes)))]
        return added or None
    hits = [why for u in su if u.text not in tu and (why := _url_change(u.text, tu))]
    return hits + added or None


def _at_on_either_side(pairs: Pairs) -> list[int]:
    return pairs.holding(["@"], "either")


@rule("TK104", "emails", "warning", "pair", select=_at_on_either_side)
def emails(src: str, tgt: str, e, ctx):
    """An e-mail address of the source missing from the translation, or one the translation
    has and the source has not."""
    if "@" not in src and "@" not in tgt:
        return None
    sl, tl = src.lower(), tgt.lower()
    hits = [Message("e-mail {email} missing", email=m.text)
            for m in find_emails(src) if m.text.lower() not in tl]
    hits += [Message("e-mail {email} added (not in the source)", email=m.text)
             for m in find_emails(tgt) if m.text.lower() not in sl]
    return hits or None


@rule("TK105", "numbers", "warning", "pair", needs=DIGIT_CHARS)
def numbers(src: str, tgt: str, e, ctx):
    """A number of the source missing from the translation (1,000 = 1 000 = 1000; dates
    compared as dates, 24.06.2026 = 2026年6月24日)."""
    return [Message("{what} missing", what=what)
            for what in missing_numbers(src, tgt, ctx.lang, _formats(e.flags))] or None
