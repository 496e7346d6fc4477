"""A seeded byte-level mutator over real input files, for fuzzing the CLI.

Every input is a real seed file (the toolkit's UI catalogs, a few of Django's ru/zh_Hans
catalogs, the glossary test data and the shipped glossary, the example press releases) with one
to four mutations applied: bit flips, inserted/deleted bytes, duplicated/dropped/swapped lines,
truncation, re-encoding, and splices of the bytes that break parsers of that format (NUL, BOM,
invalid UTF-8, bad ``\\x`` escapes, huge numbers, unmatched quotes, deep XML nesting, DTDs,
entities, XInclude, CSV delimiters and headers ...).

The same ``(family, seed, index)`` always gives the same bytes, so a crash found by
``tools/fuzz_cli.py`` is reproduced by the in-suite test and vice versa.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

#: Input families: the format of the mutated file (text is fed to translate and glossary;
#: tmx to the translation memory; config is pyproject.toml's [tool.toolkit] tables; archive
#: is a model package, .argosmodel, fed to `models install`).
FAMILIES = ("po", "tbx", "csv", "text", "tmx", "config", "archive")


@dataclass(frozen=True)
class Seed:
    """A real file the mutations start from. ``lang`` is the catalog or document language;
    ``kind`` names the commands that read it (the family, or a vendor CSV shape)."""

    name: str
    data: bytes
    suffix: str
    lang: str = ""
    kind: str = ""
    members: tuple[tuple[str, bytes], ...] = ()  # archive: (name, content) per member


@dataclass(frozen=True)
class Case:
    """One mutated input: its bytes, where they came from and what was done to them."""

    family: str
    index: int
    seed: Seed
    data: bytes
    ops: tuple[str, ...] = field(default=())

    def describe(self) -> str:
        return f"{self.family}#{self.index} from {self.seed.name}: {'; '.join(self.ops)}"


# --- seeds -------------------------------------------------------------------------------

DJANGO_APPS = ("sessions", "sites", "contenttypes", "redirects", "flatpages", "humanize")


@cache
def seeds(family: str) -> tuple[Seed, ...]:
    """The real files *family* mutates (read once per process)."""
    if family == "po":
        return _po_seeds()
    if family == "tbx":
        data = REPO / "tests" / "glossary" / "data"
        return tuple(Seed(p.name, p.read_bytes(), ".tbx") for p in sorted(data.glob("*.tbx")))
    if family == "csv":
        return _csv_seeds()
    if family == "text":
        return _text_seeds()
    if family == "tmx":
        return _tmx_seeds()
    if family == "config":
        return _config_seeds()
    if family == "archive":
        return _archive_seeds()
    raise ValueError(f"unknown fuzz family {family!r}; one of {', '.join(FAMILIES)}")


def _po_seeds() -> tuple[Seed, ...]:
    out = [Seed(f"locales/{p.parts[-3]}/toolkit.po", p.read_bytes(), ".po", p.parts[-3])
           for p in sorted((REPO / "locales").glob("*/LC_MESSAGES/toolkit.po"))]
    try:
        import django
    except ImportError:  # the test extras are not installed: the toolkit's own catalogs only
        return tuple(out)
    root = Path(django.__file__).parent
    for app in DJANGO_APPS:
        for lang in ("ru", "zh_Hans"):
            path = root / "contrib" / app / "locale" / lang / "LC_MESSAGES" / "django.po"
            if path.is_file():
                out.append(Seed(f"django/{app}/{lang}/django.po", path.read_bytes(), ".po",
                                lang))
    return tuple(out)


def _csv_seeds() -> tuple[Seed, ...]:
    shipped = REPO / "toolkit" / "data" / "glossaries" / "entities.csv"
    small = REPO / "tests" / "glossary" / "data" / "small.csv"
    out = [Seed("entities.csv", shipped.read_bytes(), ".csv"),
           Seed("small.csv", small.read_bytes(), ".csv")]
    # The vendor shapes `glossary import` reads, written by the toolkit from the small file.
    from toolkit.glossary.files import read_glossary_file, render

    gl = read_glossary_file(small)
    out.append(Seed("small.tsv", render(gl, "tsv").encode(), ".tsv"))
    out.append(Seed("small.deepl.csv",
                    render(gl, "deepl", source_lang="en", target_lang="ru").encode(), ".csv",
                    kind="csv-pairs"))
    out.append(Seed("small.google.csv", render(gl, "google").encode(), ".csv",
                    kind="csv-header"))
    return tuple(out)


def _text_seeds() -> tuple[Seed, ...]:
    out = []
    for path in sorted((REPO / "examples").glob("*.md")):
        lang = path.name.split(".")[-2]
        lines = path.read_bytes().splitlines(keepends=True)
        # Short windows keep each translation quick; the whole file once, as Markdown.
        out.append(Seed(path.name, b"".join(lines), ".md", lang))
        for start in range(0, len(lines), 4):
            window = b"".join(lines[start:start + 4])
            if window.strip():
                out.append(Seed(f"{path.name}:{start + 1}", window, ".txt", lang))
    return tuple(out)


def _tmx_seeds() -> tuple[Seed, ...]:
    """TMX 1.4 as `toolkit memory export` writes it, from the approved entries of a few po
    seeds, one file per locale."""
    import tempfile

    from click.testing import CliRunner

    from toolkit.cli.main import cli

    out = []
    for lang in ("ru", "zh_Hans"):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / lang / "LC_MESSAGES"
            folder.mkdir(parents=True)
            for i, seed in enumerate(s for s in _po_seeds() if s.lang == lang):
                (folder / f"{i}.po").write_bytes(seed.data)
                if i == 2:
                    break
            memory, tmx = str(Path(tmp) / "m.sqlite3"), Path(tmp) / "out.tmx"
            for argv in (["import", str(folder), "--from", "en", "--memory", memory],
                         ["export", "-o", str(tmx), "--memory", memory]):
                result = CliRunner().invoke(cli, ["memory", *argv])
                assert result.exit_code == 0, result.output
            data = tmx.read_bytes().replace(tmp.encode(), b"locales")  # same bytes every run
            out.append(Seed(f"memory-en-{lang}.tmx", data, ".tmx", lang))
    return tuple(out)


def _config_seeds() -> tuple[Seed, ...]:
    """The ``[tool.toolkit.*]`` examples of the README and docs/check.md, each alone and all
    in one file (the example's glossary file does not exist here: the shipped one instead)."""
    blocks = []
    for doc in (REPO / "README.md", REPO / "docs" / "check.md"):
        text = doc.read_text(encoding="utf-8")
        blocks += [b for b in re.findall(r"```toml\n(.*?)```", text, re.S) if "[tool." in b]
    blocks = [b.replace('"glossaries/terms.tbx"', '"shipped"') for b in blocks]
    out = [Seed(f"toml-{i}", b.encode(), ".toml") for i, b in enumerate(blocks)]
    out.append(Seed("toml-all", "\n".join(blocks).encode(), ".toml"))
    return tuple(out)


ARCHIVE_TOP = "translate-en_ru-1_0"


def _archive_seeds() -> tuple[Seed, ...]:
    """The bundled en->ru demo package as a full (non-demo) package archive."""
    import json

    src = REPO / "toolkit" / "data" / "models" / "translate-en_ru-demo"
    members = []
    for path in sorted(p for p in src.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.name == "metadata.json":
            meta = json.loads(data)
            meta.update(package_version="1.0", demo=False)
            data = json.dumps(meta, ensure_ascii=False, indent=2).encode()
        members.append((f"{ARCHIVE_TOP}/{path.relative_to(src).as_posix()}", data))
    members_t = tuple(members)
    return (Seed("translate-en_ru-demo", build_zip(members_t), ".argosmodel", "en",
                 members=members_t),)


# --- nasty bytes ---------------------------------------------------------------------------

COMMON = (
    b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xc3\x28", b"\xa0\xa1", b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80", b"\xc0\xaf", b"\x80", b"\xff", b"\r", b"\r\n", b"\n", b"\n\n", b"\t",
    b"\x0b", b"\x0c", b"\x1b[31m", b"\\", b'"', b"'", b"`", b"%", b"{", b"}", b"<", b">", b"&",
    "\u2028".encode(), "\u2029".encode(), "\u202e".encode(), "\u200b".encode(),
    "\ufeff".encode(), "\ufffd".encode(), "\u3000".encode(), "\U0001f600".encode(),
    "e\u0301\u0301\u0301".encode(), "\u0085".encode(), "｟0｠".encode(), "｟".encode(),
    b"9" * 400, b"18446744073709551617", b"-1", b"1e309", b"NaN", b"0x", b"-0",
    b"A" * 5000, b" " * 300,
)

PO = (
    b"\\x", b"\\x4", b"\\xZZ", b"\\x41", b"\\777", b"\\u", b"\\u12", b"\\U0001F600", b"\\q",
    b"\\", b'\\"', b"\\n", b'"', b'""', b'"\n"', b"\nmsgid_plural \"\"\n",
    b"\nmsgid_plural \"%d files\"\n", b"\nmsgstr[0] \"\"\n", b"\nmsgstr[1] \"x\"\n",
    b"\nmsgstr[99999999999999999999] \"x\"\n", b"\nmsgstr[-1] \"x\"\n", b"\nmsgstr[] \"x\"\n",
    b"\nmsgctxt \"c\"\n", b"\nmsgctxt\n", b"\nmsgid\n", b"\nmsgstr\n", b"\nmsgid \"\"\n",
    b"\n#, fuzzy\n", b"\n#, python-format, c-format, python-brace-format\n", b"\n#| msgid \"",
    b"\n#~ msgid \"old\"\n#~ msgstr \"", b"\n#: a.py:99999999999999999999\n", b"\n#:\n",
    b"\n# toolkit-ignore: TK\n", b"\n#, toolkit-ignore: \n",
    b'"Plural-Forms: nplurals=0; plural=0;\\n"\n',
    b'"Plural-Forms: nplurals=99999999999999; plural=n;\\n"\n',
    b'"Plural-Forms: nplurals=2; plural=(n/0);\\n"\n',
    b'"Plural-Forms: nplurals=2; plural=n%0;\\n"\n',
    b'"Plural-Forms: nplurals=2; plural=' + b"(" * 300 + b"n" + b")" * 300 + b';\\n"\n',
    b'"Plural-Forms: nplurals=2; plural=n ? : ;\\n"\n', b'"Plural-Forms: \\n"\n',
    b'"Content-Type: text/plain; charset=koi8-r\\n"\n',
    b'"Content-Type: text/plain; charset=bogus-9\\n"\n',
    b'"Content-Type: text/plain; charset=utf-16\\n"\n',
    b'"Language: xx_YY@zz\\n"\n', b'"Language: \\n"\n', b'"Language: ../../etc\\n"\n',
    b"%(name)s", b"%(name", b"%s%d%", b"%.*f", b"%1$s", b"{0", b"{}", b"{name!r:>{width}}",
    b"{{", b"<a href=\"", b"</b>", b"&nbsp;", b"https://", b"mailto:", b"24.06.2026",
    b"31.02.2026", "2026年13月45日".encode(), "«".encode(), "“".encode(),
)

TBX = (
    b'<!DOCTYPE tbx SYSTEM "http://example.invalid/tbx.dtd">\n',
    b'<!DOCTYPE tbx [<!ENTITY e "expanded">]>\n', b"&e;",
    b'<!DOCTYPE tbx [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>\n',
    b'<!DOCTYPE tbx [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n', b"&x;",
    b'<!DOCTYPE tbx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n',
    b'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/hostname" '
    b'parse="text"/>',
    b'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="http://example.invalid/"/>',
    b"&#0;", b"&#xD800;", b"&#99999999;", b"&#x110000;", b"&amp", b"&bogus;", b"&", b"<",
    b"<![CDATA[", b"]]>", b"<!--", b"-->", b"<?pi x?>", b"<?xml version=\"1.0\"?>",
    b'<?xml version="1.0" encoding="cp1251"?>\n', b'<?xml version="1.0" encoding="bogus"?>\n',
    b'<?xml version="1.0" encoding="UTF-16"?>\n',
    b'<?xml version="1.0" encoding="GB18030"?>\n', b'<?xml version="1.0" encoding="Big5"?>\n',
    b'<?xml version="1.0" encoding="rot13"?>\n', b'<?xml version="1.0" encoding="idna"?>\n',
    b"<a>" * 3000, b"</a>" * 3000, b"</conceptEntry>", b"<conceptEntry>",
    b'<conceptEntry id="">', b'<conceptEntry id="nanjing">', b'<conceptEntry id="a b">',
    b'<langSec xml:lang="">', b'<langSec xml:lang="xx-!!">', b'<langSec xml:lang="zh-Hant">',
    b"<langSec>", b"</langSec>", b"<termSec>", b"</termSec>", b"<term></term>", b"<term>",
    b"</term>", b"<term> </term>", b'<termNote type="termType">bogus</termNote>',
    b'<termNote type="administrativeStatus"></termNote>', b'<termNote type="">x</termNote>',
    b'<termNote type="x-caseSensitive">maybe</termNote>', b'<descrip type="x">',
    b'<note xml:lang="ru">', b'xmlns="urn:bogus"', b'xmlns:x="', b'x:y="1"',
    b' xml:lang="en" xml:lang="ru"', b"<tbx>", b"</tbx>", b"<martif>", b"</body>", b"<body>",
)

CSV = (
    b'"', b'""', b'"""', b",", b";", b"\t", b"|", b"\r", b"\n", b"\r\n", b',"multi\nline",',
    b"=cmd|' /C calc'!A0", b"@SUM(1+1)", b"+1", b",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,",
    b"\n\n\n", b"\n,\n", b"\nsep=;\n", b"id,en,ru,zh\n", b"term,translation\n", b"en,ru\n",
    b"source,target\n", b"en-US,ru-RU,zh-CN\n", b"concept_id,lang,term\n",
    b"concept_id,lang,term,term_type,status,case_sensitive,dnt,pos,gender,note,concept_note,"
    b"full_form_first,extra\n", b"\nx,en,,full,preferred\n", b"\nx,xx-!!,y,full,preferred\n",
    b"\nx,en,y,bogus,preferred\n", b"\nx,en,y,full,bogus\n", b"\nx,en,y,full,preferred,maybe\n",
    b"\n,en,y,full,preferred\n", b"\nnanjing,en,Nanjing,full,preferred\n",
    b"\nnanjing,en,Nanking,full,preferred\n", b"\nx,zh-Hant,y\n",
    b"\xcf\xf0\xe8\xe2\xe5\xf2", b"\xc4\xcf\xd0", b"\x81\x30\x81\x30",
)

TEXT = (
    b"[text](https://example.org/a)", b"](", b"[", b"](](", b"**", b"*", b"_", b"__", b"`", b"```",
    b"\n```\n", b"\n    code\n", b"\n# ", b"\n- ", b"\n1. ", b"\n> ", b"\n| a | b |\n|---|---|\n",
    b"<div>", b"</div>", b"<!--", b"<br/>", b"&amp;", b"![img](x.png)", b"[ref]: http://x.y\n",
    "｟0｠".encode(), "｟99999999999999999999｠".encode(), "｟-1｠".encode(),
    b"https://www.spbstu.ru/news", b" https://a.b/c?d=(e)&f=[g] ", b"mailto:a@b.c", b"a@b.c",
    b"ftp://x", b"www.", b"%s", b"%(name)s", b"{0}", b"{name}", b"$VAR", b"${x}", b"<b>", b"</b>",
    b"99999999999999999999999999", b"1e999", b"3.14.15", b"1,000,000.00", b"24.06.2026",
    b"31.02.2026", b"99.99.9999", "2026年13月45日".encode(), "2026年6月24日".encode(),
    b"http://" + b"a" * 3000, b"x" * 3000, b". " * 500, "。".encode() * 300, b"!?" * 200,
    "СПбПУ".encode(), b"SPbPU", "南京".encode(), "Нанкин".encode(), "详情请访问".encode(),
    "ё".encode(), "\u0301".encode(), "\u200d".encode(), "\U0001F1F7\U0001F1FA".encode(),
)

TOML = (
    b"[tool.toolkit]\n", b"[tool.toolkit.translate]\n", b"[tool.toolkit.check]\n",
    b"[tool.toolkit.memory]\n", b"[[tool.toolkit.check.overrides]]\n", b"[tool]\ntoolkit = 1\n",
    b"\ntool = 1\n", b"= ", b"[", b"]", b"{", b"}", b'"""', b"'''", b"inf", b"nan", b"-inf",
    b"1e400", b"0x10", b"0o7", b"-0", b"2026-01-01", b"2026-01-01T00:00:00Z", b"[1, [2]]",
    b"{a = 1}", b"\nintra-threads = -2\n", b"\ninter-threads = 99999\n", b"\nbeam-size = 0\n",
    b"\nmax-batch-tokens = 1e9\n", b'\ndevice = "cuda"\n', b'\ndevice = "tpu"\n',
    b'\ncompute-type = "int4"\n', b"\nmin-translated = 101\n", b"\nmax-obsolete = -1\n",
    b'\nseverity = { TK = "fatal" }\n', b'\nseverity = { TK999 = "info" }\n',
    b'\nselect = "TK1"\n', b"\nselect = [1, 2]\n", b"\noverrides = 5\n",
    b'\noverrides = [{ paths = "x" }]\n', b"\nunknown-key = 1\n", b'\nbaseline = "/"\n',
    b'\nglossary = ["/nonexistent.tbx"]\n', b'\nexclude = ["[", "**/***"]\n',
    b'\naccelerator = ""\n', b'\naccelerator = "&&"\n', b'\nsource-lang = "xx"\n',
    b"\ncheck-fuzzy = 1\n", b'\nfail-on = "never"\n',
    b"\nglossary = [1]\n", b"\nbaseline = 1\n", b"\npaths = 123\n", b"\nexclude = [1]\n",
)


EXTRA = {"po": PO, "tbx": TBX, "csv": CSV, "text": TEXT, "tmx": TBX, "config": TOML}

#: Well-formed values for a field, attribute, element text or PO string: they keep the file
#: parseable, so the mutation reaches the code behind the parser.
VALUES = (
    "", " ", "  Nanjing  ", "Nanjing", "Нанкин", "南京", "SPbPU", "СПбПУ", "spbpu", "nanjing",
    "a b", "../x", "0", "-1", "99999999999999999999", "1e309", "NaN", "yes", "no", "maybe",
    "en", "ru", "zh", "EN", "en-US", "en_GB", "ru-RU", "zh-Hans", "zh-Hant", "zh_TW", "zh-CN",
    "sr-Latn", "iw", "und", "xx", "x-klingon", "123", "en-", "-", "zh-Hans-CN-x-private",
    "full", "acronym", "short", "variant", "fullForm", "abbreviation", "shortForm", "bogus",
    "preferred", "admitted", "deprecated", "forbidden", "preferredTerm-admn-sts",
    "deprecatedTerm-admn-sts", "supersededTerm-admn-sts", "properNoun", "noun", "masculine",
    "termType", "administrativeStatus", "x-doNotTranslate", "x-caseSensitive", "x-forbidden",
    "%s", "%d", "%(name)s", "{0}", "{name}", "{", "}", "%", "<b>", "</b>", "&", "｟0｠", "｟",
    "https://www.spbstu.ru/", "a@b.c", "24.06.2026", "2026年6月24日", "3,5", "1 000",
    "\\t", "\\n", "\\x41", "\\x", "\\", '"', "'", "«", "»", "“", "\u00a0", "\u200b", "\u202e",
    "e\u0301", "\U0001f600", "Ⅻ", "ǅ", "İ", "ß", "ﬁ", "x" * 300, "词" * 200,
    "Peter the Great St. Petersburg Polytechnic University",
)

#: Whole-file re-encodings (what other editors and Excel write).
ENCODINGS = ("cp1251", "koi8-r", "utf-16", "utf-16-be", "gb18030", "latin-1", "utf-32")


class Mutator:
    """Applies random but reproducible mutations to the bytes of one *family*."""

    def __init__(self, family: str, rng: random.Random):
        self.family = family
        self.rng = rng
        self.nasty = COMMON + EXTRA[family]
        self.ops = (
            (self.flip, 3), (self.insert_byte, 2), (self.delete, 2), (self.duplicate_line, 2),
            (self.drop_line, 2), (self.swap_lines, 1), (self.truncate, 1),
            (self.splice, 8), (self.splice_at_line, 4), (self.repeat, 1), (self.reencode, 1),
            (self.cross_over, 1), (self.set_value, 10),
        )
        self.weights = [w for _, w in self.ops]

    def mutate(self, data: bytes, count: int | None = None) -> tuple[bytes, tuple[str, ...]]:
        """*data* with 1-4 mutations (or *count*); also what was done, for the report."""
        done = []
        for _ in range(count or self.rng.choice((1, 1, 1, 2, 2, 3, 4))):
            op = self.rng.choices(self.ops, self.weights)[0][0]
            data, what = op(data)
            done.append(what)
        return data, tuple(done)

    def _pos(self, data: bytes) -> int:
        return self.rng.randint(0, len(data))

    def flip(self, data: bytes) -> tuple[bytes, str]:
        if not data:
            return data, "flip (empty)"
        i = self.rng.randrange(len(data))
        bit = 1 << self.rng.randrange(8 if self.rng.random() < 0.3 else 7)
        return data[:i] + bytes([data[i] ^ bit]) + data[i + 1:], f"flip bit {bit:#x} at {i}"

    def insert_byte(self, data: bytes) -> tuple[bytes, str]:
        i, b = self._pos(data), self.rng.randrange(256 if self.rng.random() < 0.3 else 128)
        return data[:i] + bytes([b]) + data[i:], f"insert {b:#04x} at {i}"

    def delete(self, data: bytes) -> tuple[bytes, str]:
        i = self._pos(data)
        n = self.rng.choice((1, 1, 2, 5, 20, 200))
        return data[:i] + data[i + n:], f"delete {n} at {i}"

    def _lines(self, data: bytes) -> list[bytes]:
        return data.splitlines(keepends=True) or [b""]

    def duplicate_line(self, data: bytes) -> tuple[bytes, str]:
        lines = self._lines(data)
        i = self.rng.randrange(len(lines))
        times = self.rng.choice((1, 1, 2, 50))
        lines[i:i + 1] = [lines[i]] * (times + 1)
        return b"".join(lines), f"duplicate line {i + 1} x{times}"

    def drop_line(self, data: bytes) -> tuple[bytes, str]:
        lines = self._lines(data)
        i = self.rng.randrange(len(lines))
        del lines[i]
        return b"".join(lines), f"drop line {i + 1}"

    def swap_lines(self, data: bytes) -> tuple[bytes, str]:
        lines = self._lines(data)
        i, j = self.rng.randrange(len(lines)), self.rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        return b"".join(lines), f"swap lines {i + 1} and {j + 1}"

    def truncate(self, data: bytes) -> tuple[bytes, str]:
        i = self._pos(data)
        return data[:i], f"truncate at {i}"

    def splice(self, data: bytes) -> tuple[bytes, str]:
        i, s = self._pos(data), self.rng.choice(self.nasty)
        return data[:i] + s + data[i:], f"splice {_show(s)} at {i}"

    def splice_at_line(self, data: bytes) -> tuple[bytes, str]:
        """Nasty bytes where a parser looks hardest: at a line start, after a quote or tag."""
        s = self.rng.choice(self.nasty)
        anchors = [m.end() for m in _ANCHOR.finditer(data)]
        i = self.rng.choice(anchors) if anchors else 0
        replace = self.rng.random() < 0.3
        end = data.find(b"\n", i) if replace else i
        end = len(data) if end < 0 else end
        what = "replace rest of line" if replace else "splice"
        return data[:i] + s + data[end:], f"{what} at {i} with {_show(s)}"

    def repeat(self, data: bytes) -> tuple[bytes, str]:
        i = self._pos(data)
        n = self.rng.choice((10, 100, 1000))
        chunk = data[i:i + self.rng.choice((1, 8, 64))]
        return data[:i] + chunk * n + data[i:], f"repeat {_show(chunk)} x{n} at {i}"

    def reencode(self, data: bytes) -> tuple[bytes, str]:
        enc = self.rng.choice(ENCODINGS)
        text = data.decode("utf-8", "replace")
        return text.encode(enc, "replace"), f"re-encode as {enc}"

    def set_value(self, data: bytes) -> tuple[bytes, str]:
        """Replace (or extend) one field, string, attribute or element text with a
        well-formed value, escaped the way the format escapes it."""
        spans = [m.span(m.lastindex or 0) for m in _FIELDS[self.family].finditer(data)]
        if not spans:
            return self.splice(data)
        start, end = self.rng.choice(spans)
        value = self.rng.choice(VALUES)
        if self.rng.random() < 0.3:  # keep the old value around the new one
            value = data[start:end].decode("utf-8", "replace") + value
        encoded = _ESCAPE[self.family](value).encode("utf-8")
        return data[:start] + encoded + data[end:], f"set {start}:{end} to {value[:40]!r}"

    def cross_over(self, data: bytes) -> tuple[bytes, str]:
        other = self.rng.choice(seeds(self.family))
        i, j = self._pos(data), self.rng.randint(0, len(other.data))
        return data[:i] + other.data[j:], f"cross over at {i} with {other.name} from {j}"


_ANCHOR = re.compile(rb'[\n">,]')

#: Where the values :meth:`Mutator.set_value` replaces are: PO strings, XML text and
#: attribute values, CSV/TSV fields, text words.
_FIELDS = {
    "po": re.compile(rb'"((?:[^"\\\n]|\\.)*)"'),
    "tbx": re.compile(rb'>([^<>]*)<|="([^"]*)"'),
    "csv": re.compile(rb'(?:^|(?<=[,\t\n]))((?:"(?:[^"]|"")*")|[^,\t\n"]*)'),
    "text": re.compile(rb"(\S+)"),
}
_FIELDS["tmx"] = _FIELDS["tbx"]
_FIELDS["config"] = re.compile(rb'=[ \t]*("(?:[^"\\\n]|\\.)*"|[^\n#]*)')


def _po_escape(value: str) -> str:
    return value.replace('"', '\\"').replace("\n", "\\n")


def _xml_escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


def _csv_escape(value: str) -> str:
    if any(c in value for c in ',"\t\n\r'):
        return '"' + value.replace('"', '""') + '"'
    return value


def _toml_value(value: str) -> str:
    if re.fullmatch(r"-?\d+(\.\d+)?(e\d+)?|true|false|inf|nan|\[.*\]|\{.*\}", value):
        return value
    return json.dumps(value, ensure_ascii=False)


_ESCAPE = {"po": _po_escape, "tbx": _xml_escape, "tmx": _xml_escape, "csv": _csv_escape,
           "text": str, "config": _toml_value}


# --- model package archives ------------------------------------------------------------------

#: A member name's NUL: zipfile cuts names at NUL when writing, so it is patched in afterwards.
_NUL_MARK = "\x01NUL\x01"

META_KEYS = ("from_code", "to_code", "package_version", "argos_version", "max_positions",
             "tokenizer", "add_source_eos", "protection_tokens", "demo", "package_type",
             "links", "target_prefix", "from_name", "description", "x-unknown")
JSON_VALUES: tuple[object, ...] = (
    "many", 1, 2, -5, 0, 10**30, 1.5, float("inf"), None, True, False, "", [], {}, ["｟0｠"],
    ["", None], "en", "ru", "zh", "xx", "zh-Hant", "EN", "en_US", "bpe", "sentencepiece",
    "x" * 1000, "../x", "1.0", "2.0.0.0.0", "\u0000", {"a": [1, {"b": None}]},
)
BAD_NAMES = (
    "../evil.txt", "/abs/evil.txt", "C:/evil.txt", f"{ARCHIVE_TOP}/a{_NUL_MARK}b",
    f"{ARCHIVE_TOP}\\model\\model.bin", f"{ARCHIVE_TOP}/./model/../../evil.txt",
    "other/metadata.json", ".hidden/metadata.json", "metadata.json", f"{ARCHIVE_TOP}/",
    f"{ARCHIVE_TOP}/" + "d/" * 120 + "f", f"{ARCHIVE_TOP}/\u202etxt.exe", "/",
    f"{ARCHIVE_TOP}/model/model.bin/", f"{ARCHIVE_TOP}/metadata.json",
)


def build_zip(members: tuple[tuple[str, bytes], ...] | list[tuple[object, bytes]]) -> bytes:
    """A zip of *members*: (name or ZipInfo, content); stored unless the ZipInfo says
    otherwise, duplicates kept, NUL marks in names made real NULs."""
    import io
    import warnings
    import zipfile

    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name": on purpose
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
            for name, data in members:
                zf.writestr(name, data)  # type: ignore[arg-type]
    return buf.getvalue().replace(_NUL_MARK.encode(), b"\x01NUL\x00")


class ArchiveMutator:
    """Mutations of a model package archive: its metadata, its member names and contents
    (the model files themselves), and the zip's own bytes."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.bytes = Mutator("text", rng)  # for metadata and the model's small files
        self.ops = ((self.meta_set, 6), (self.meta_drop, 2), (self.meta_bytes, 2),
                    (self.drop_member, 2), (self.rename_member, 3), (self.duplicate_member, 2),
                    (self.add_member, 2), (self.corrupt_file, 2), (self.corrupt_model, 1),
                    (self.zip_bytes, 2))
        self.weights = [w for _, w in self.ops]

    def mutate(self, seed: Seed) -> tuple[bytes, tuple[str, ...]]:
        members: list[tuple[object, bytes]] = list(seed.members)
        done: list[str] = []
        post: list[str] = []
        for _ in range(self.rng.choice((1, 1, 1, 2, 2, 3))):
            op = self.rng.choices(self.ops, self.weights)[0][0]
            if op == self.zip_bytes:
                post.append("zip")
                continue
            done.append(op(members))
        data = build_zip(members)
        for _ in post:
            data, what = self._zip_bytes(data)
            done.append(what)
        return data, tuple(done)

    def _zip_bytes(self, data: bytes) -> tuple[bytes, str]:
        """A flip, insert, delete or cut where zip readers look: the local header of the
        first member or the central directory at the end."""
        head = self.rng.random() < 0.3
        at = self.rng.randrange(0, 64) if head else len(data) - self.rng.randrange(1, 2048)
        at = max(0, min(at, len(data) - 1))
        how = self.rng.choice(("flip", "flip", "insert", "delete", "cut", "max"))
        if how == "flip":
            return (data[:at] + bytes([data[at] ^ (1 << self.rng.randrange(8))]) +
                    data[at + 1:], f"zip byte {at} flipped")
        if how == "insert":
            return data[:at] + bytes([self.rng.randrange(256)]) + data[at:], f"zip insert {at}"
        if how == "delete":
            return data[:at] + data[at + 1:], f"zip delete byte {at}"
        if how == "max":
            return data[:at] + b"\xff\xff\xff\xff" + data[at + 4:], f"zip 0xffffffff at {at}"
        return data[:at], f"zip cut at {at}"

    def _pick(self, members: list[tuple[object, bytes]], suffix: str = "") -> int:
        matching = [i for i, (n, _) in enumerate(members) if str(n).endswith(suffix)]
        return self.rng.choice(matching or list(range(len(members))))

    def _meta(self, members: list[tuple[object, bytes]]) -> tuple[int, dict | None]:
        import json

        i = self._pick(members, "/metadata.json")
        try:
            meta = json.loads(members[i][1])
        except ValueError:
            return i, None
        return i, meta if isinstance(meta, dict) else None

    def meta_set(self, members: list[tuple[object, bytes]]) -> str:
        import json

        i, meta = self._meta(members)
        if meta is None:
            return "metadata: not an object"
        key, value = self.rng.choice(META_KEYS), self.rng.choice(JSON_VALUES)
        meta[key] = value
        members[i] = (members[i][0], json.dumps(meta, ensure_ascii=False).encode())
        return f"metadata {key} = {json.dumps(value)[:40]}"

    def meta_drop(self, members: list[tuple[object, bytes]]) -> str:
        import json

        i, meta = self._meta(members)
        if not meta:
            return "metadata: nothing to drop"
        key = self.rng.choice(sorted(meta))
        del meta[key]
        members[i] = (members[i][0], json.dumps(meta).encode())
        return f"metadata without {key}"

    def meta_bytes(self, members: list[tuple[object, bytes]]) -> str:
        i = self._pick(members, "/metadata.json")
        data, what = self.bytes.mutate(members[i][1], 1)
        members[i] = (members[i][0], data)
        return f"metadata bytes: {what[0]}"

    def drop_member(self, members: list[tuple[object, bytes]]) -> str:
        name, _ = members.pop(self._pick(members))
        return f"drop {name}"

    def rename_member(self, members: list[tuple[object, bytes]]) -> str:
        i = self._pick(members)
        new = self.rng.choice(BAD_NAMES)
        old = members[i][0]
        members[i] = (new, members[i][1])
        return f"rename {old} to {new!r}"

    def duplicate_member(self, members: list[tuple[object, bytes]]) -> str:
        name, data = members[self._pick(members)]
        other = self.rng.choice(members)[1] if self.rng.random() < 0.5 else data
        members.append((name, other))
        return f"duplicate {name}"

    def add_member(self, members: list[tuple[object, bytes]]) -> str:
        import stat
        import zipfile

        kind = self.rng.choice(("bomb", "symlink", "fifo", "encrypted", "dir", "bad-name"))
        info = zipfile.ZipInfo(f"{ARCHIVE_TOP}/extra-{kind}")
        data = b"x"
        if kind == "bomb":
            info.compress_type = zipfile.ZIP_DEFLATED
            data = bytes(8 << 20)
        elif kind == "symlink":
            info.filename = f"{ARCHIVE_TOP}/sentencepiece.model"
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            data = b"/etc/passwd"
            members[:] = [m for m in members if m[0] != info.filename]
        elif kind == "fifo":
            info.external_attr = (stat.S_IFIFO | 0o644) << 16
        elif kind == "encrypted":
            info.flag_bits |= 0x1
        elif kind == "dir":
            info.filename += "/"
            info.external_attr = (stat.S_IFDIR | 0o755) << 16
            data = b""
        else:
            info = self.rng.choice(BAD_NAMES)  # type: ignore[assignment]
        members.append((info, data))
        return f"add {kind} member"

    def corrupt_file(self, members: list[tuple[object, bytes]]) -> str:
        i = self._pick(members, self.rng.choice(
            ("/config.json", "/shared_vocabulary.json", "/sentencepiece.model", "/README")))
        data, what = self.bytes.mutate(members[i][1], 1)
        members[i] = (members[i][0], data)
        return f"{members[i][0]}: {what[0]}"

    def corrupt_model(self, members: list[tuple[object, bytes]]) -> str:
        i = self._pick(members, "/model.bin")
        data = members[i][1]
        if self.rng.random() < 0.5:
            cut = self.rng.randint(0, len(data))
            members[i] = (members[i][0], data[:cut])
            return f"model.bin truncated at {cut}"
        at = self.rng.randrange(0, min(len(data), 64) or 1)
        members[i] = (members[i][0], data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1:])
        return f"model.bin header byte {at} inverted"

    def zip_bytes(self, members: list[tuple[object, bytes]]) -> str:
        return "zip bytes"  # applied by mutate() to the built archive


def _show(s: bytes) -> str:
    return repr(s if len(s) <= 40 else s[:30] + b"..." + f"({len(s)} bytes)".encode())


def cases(family: str, n: int, seed: int = 0) -> Iterator[Case]:
    """*n* mutated inputs of *family*, made one at a time, the same for the same *seed* (the
    first *k* of *n* inputs are the *k* inputs of ``cases(family, k, seed)``)."""
    rng = random.Random(f"{family}:{seed}")
    pool = seeds(family)
    if family == "archive":
        archives = ArchiveMutator(rng)
    else:
        mutator = Mutator(family, rng)
    for index in range(n):
        base = pool[index % len(pool)]
        if family == "archive":
            data, ops = archives.mutate(base)
        else:
            data, ops = mutator.mutate(base.data)
        yield Case(family, index, base, data, ops)
