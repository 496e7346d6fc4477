"""Entity-name checks on releases with planted defects: recall per defect kind, false findings.

The releases (bench/data/entities/r*.{en,ru,zh}.md) and their glossary (glossary.csv) were
written for this benchmark; nothing here derives from examples/. Each clean release is checked
as it is (every finding there is a false finding); then, for every defect kind, copies with ONE
planted defect each are made by the functions below and checked (a defect counts as caught
when a finding overlaps the planted span; "fix right" when its suggestion restores the original
text there).

Defect kinds (the mistakes of a press office, see issue 10):

- ``deprecated``: a term the glossary lists as deprecated/forbidden (the baseline);
- ``case``: a case-sensitive name or acronym in another case (``Novachem Solutions``, ``URFU``);
- ``script``: Traditional characters in Simplified text; the Latin acronym in Russian text;
- ``word-swap``: one word of a multi-word name replaced by a plausible one (``Ural State
  University``), or one character of a Chinese organisation name;
- ``name-edit``: one letter or character of a person's or a city's name changed (``Voronava``,
  ``沃洛诺娃``);
- ``ru-ending``: a Russian surname with a case ending that is no real form (``Киселевого``).

Usage::

    python bench/entities.py            # table
    python bench/entities.py --json     # figures as JSON
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "entities"
LANGS = ("en", "ru", "zh")
PER_KIND = 6  # planted copies per release, language and kind (at most)

_EN_SWAP = {"University": "Institute", "Institute": "University", "Foundation": "Fund",
            "Laboratory": "Centre", "Federal": "State", "National": "State",
            "Science": "Research", "Technology": "Engineering", "Week": "Forum",
            "Robotics": "Automation", "Intelligent": "Smart", "Joint": "Common"}
_RU_SWAP = {"университет": "институт", "фонд": "центр", "федеральный": "государственный",
            "научный": "исследовательский", "лаборатория": "центр",
            "политехнический": "технический", "неделя": "выставка",
            "робототехника": "автоматизация", "совместный": "общий",
            "естественный": "точный"}
_ZH_SWAP = {"邦": "盟", "业": "程", "学": "技", "联": "合", "智": "职", "周": "节", "基": "资",
            "工": "理", "然": "科", "室": "所"}
_ZH_NAME = {"娃": "哇", "诺": "洛", "罗": "洛", "谢": "斯", "廖": "寥", "夫": "弗", "基": "吉",
            "叶": "耶", "连": "莲", "娜": "纳", "卡": "喀", "捷": "杰", "琳": "林", "堡": "宝",
            "伊": "依", "尔": "儿", "米": "密", "哈": "赫", "滨": "宾", "伟": "威", "晓": "小"}
_EN_VOWEL = {"e": "a", "o": "a", "a": "o", "i": "y", "y": "i", "u": "o"}
_RU_VOWEL = {"о": "а", "е": "и", "а": "о", "и": "е", "ы": "и"}
_RU_ENDINGS = ("ова", "ого", "ому", "ым", "ой", "ая", "ую", "ах", "ей", "ий", "ем", "ою")


def _load():
    from toolkit.glossary import load_glossary

    return load_glossary([DATA / "glossary.csv"])


def _releases() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for path in sorted(DATA.glob("r*.*.md")):
        name, lang, _ = path.name.split(".")
        out[name][lang] = path.read_text(encoding="utf-8")
    return out


# --- planting ------------------------------------------------------------------------------

def _ru_like(word: str, model: str) -> str | None:
    """The lemma *word* inflected like the Russian word *model*."""
    from toolkit.glossary import ru

    parses = ru.analyzer().parse(model.lower())
    target = ru.analyzer().parse(word)
    if not parses or not target:
        return None
    tag = parses[0].tag
    want = {g for g in (tag.case, tag.number) if g}
    if target[0].tag.POS in ("ADJF", "ADJS", "PRTF") and tag.gender and tag.number == "sing":
        want.add(tag.gender)
    form = target[0].inflect(want)
    if form is None:
        return None
    text = form.word
    return text[:1].upper() + text[1:] if model[:1].isupper() else text


def _case(surface: str, term, concept, lang: str) -> str | None:
    if not term.case_sensitive:
        return None
    changed = surface.upper() if surface != surface.upper() else surface.capitalize()
    if changed == surface:
        changed = surface.lower()
    letters = [c for c in surface if c.isalpha()]
    if len(letters) > 4 and changed == surface.upper():
        # a long name in capitals may be a headline style; a case slip is one word mixed
        changed = " ".join(w[:1] + w[1:].lower() for w in surface.split(" "))
    return changed if changed != surface else None


def _script(surface: str, term, concept, lang: str) -> str | None:
    if lang == "zh":
        import opencc

        trad = opencc.OpenCC("s2t").convert(surface)
        return trad if trad != surface else None
    if lang == "ru" and term.type == "acronym":
        en = concept.preferred("en", "acronym")
        return en.text if en and en.text != surface else None
    return None


def _word_swap(surface: str, term, concept, lang: str, rng: random.Random) -> str | None:
    from toolkit.glossary.match import tokenize

    if lang == "zh":
        spots = [i for i, c in enumerate(surface) if c in _ZH_SWAP]
        if len(surface) < 4 or not spots or term.type == "acronym":
            return None
        i = rng.choice(spots)
        return surface[:i] + _ZH_SWAP[surface[i]] + surface[i + 1:]
    words = [t for t in tokenize(surface) if t[2][:1].isalpha()]
    if len(words) < 3:
        return None
    options = []
    for start, end, tok in words:
        if lang == "en" and tok in _EN_SWAP:
            options.append((start, end, _EN_SWAP[tok]))
        elif lang == "ru":
            from toolkit.glossary import ru

            lemma = ru.analyzer().parse(tok.lower())[0].normal_form
            if lemma in _RU_SWAP:
                new = _ru_like(_RU_SWAP[lemma], tok)
                if new:
                    options.append((start, end, new))
    if not options:
        return None
    start, end, new = rng.choice(options)
    return surface[:start] + new + surface[end:]


def _name_edit(surface: str, term, concept, lang: str, rng: random.Random) -> str | None:
    if term.type == "acronym" or len(concept.terms_for(lang)) == 0:
        return None
    if lang == "zh":
        if not any(len(t.text) <= 9 for t in concept.terms_for("zh")) or len(surface) < 3:
            return None
        spots = [i for i, c in enumerate(surface) if c in _ZH_NAME]
        if not spots or len(surface) > 9:
            return None
        i = rng.choice(spots)
        return surface[:i] + _ZH_NAME[surface[i]] + surface[i + 1:]
    words = surface.split(" ")
    if len(words) > 3 or not all(w[:1].isupper() for w in words):
        return None
    last = words[-1]
    if len(last) < 5:
        return None
    vowels = _EN_VOWEL if lang == "en" else _RU_VOWEL
    spots = [i for i, c in enumerate(last[1:-2], 1) if c in vowels]
    if not spots:
        return None
    i = rng.choice(spots)
    words[-1] = last[:i] + vowels[last[i]] + last[i + 1:]
    return " ".join(words)


def _ru_ending(surface: str, term, concept, lang: str, rng: random.Random) -> str | None:
    from toolkit.glossary.near import _ru_forms

    if lang != "ru" or term.type == "acronym":
        return None
    words = surface.split(" ")
    last = words[-1]
    if len(words) > 3 or not last[:1].isupper() or len(last) < 6:
        return None
    meant = term.text.split(" ")[-1]
    forms = _ru_forms(meant)
    if len(forms) < 2:
        return None
    stem = last[:-2] if last[-2:] in ("ой", "ом", "ым", "ем", "ая", "ую") else last[:-1]
    if stem.lower().endswith(("ов", "ев")) and len(stem) > len(meant) - 1:
        pass
    options = [stem + e for e in _RU_ENDINGS if (stem + e).lower() not in forms
               and stem + e != last]
    if not options:
        return None
    words[-1] = rng.choice(options)
    return " ".join(words)


def _deprecated(surface: str, term, concept, lang: str) -> str | None:
    bad = [t for t in concept.terms_for(lang) if t.status in ("deprecated", "forbidden")]
    return bad[0].text if bad and term.approved else None


KINDS = ("deprecated", "case", "script", "word-swap", "name-edit", "ru-ending")


def plant(glossary, text: str, lang: str, kind: str, rng: random.Random
          ) -> list[tuple[str, int, int, str]]:
    """Copies of *text* with one *kind* defect each: (text, start, end, original surface)."""
    from toolkit.glossary.match import find_mentions

    out = []
    for m in find_mentions(glossary, text, lang):
        concept = glossary.get(m.concept_id)
        if m.term.lang != lang and not m.term.dnt:
            continue
        if kind == "deprecated":
            new = _deprecated(m.surface, m.term, concept, lang)
        elif kind == "case":
            new = _case(m.surface, m.term, concept, lang)
        elif kind == "script":
            new = _script(m.surface, m.term, concept, lang)
        elif kind == "word-swap":
            new = _word_swap(m.surface, m.term, concept, lang, rng)
        elif kind == "name-edit":
            new = _name_edit(m.surface, m.term, concept, lang, rng)
        else:
            new = _ru_ending(m.surface, m.term, concept, lang, rng)
        if new and new != m.surface:
            out.append((text[:m.start] + new + text[m.end:], m.start, m.start + len(new),
                        m.surface))
    rng.shuffle(out)
    return out[:PER_KIND]


# --- measuring -----------------------------------------------------------------------------

def run() -> dict:
    from toolkit.glossary.consistency import check_monolingual

    glossary = _load()
    rng = random.Random(20261202)
    clean: dict[str, int] = {}
    stats: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for name, docs in _releases().items():
        for lang in LANGS:
            text = docs[lang]
            base = check_monolingual(glossary, text, lang)
            clean[f"{name}.{lang}"] = len(base)
            for kind in KINDS:
                for planted, start, end, original in plant(glossary, text, lang, kind, rng):
                    found = check_monolingual(glossary, planted, lang)
                    hit = [f for f in found if f.span.start < end and start < f.span.end]
                    row = stats[(kind, lang)]
                    row[0] += 1
                    row[1] += bool(hit)
                    row[2] += any(f.suggestion == original for f in hit)
                    row[3] += len(found) - len(hit) - len(base)
    return {"clean_findings": clean,
            "recall": {f"{k}/{lang}": {"planted": r[0], "caught": r[1], "fix_right": r[2],
                                       "extra_findings": r[3]}
                       for (k, lang), r in sorted(stats.items())}}


#: Concepts taken out of the glossary for the suggest measure: people, places, organisations.
HELD_OUT = ("voronova", "kiselev", "zhang_wei", "li_xiaoming", "hit", "robolab", "harbin")


def run_suggest() -> dict:
    """``glossary suggest`` with HELD_OUT removed from the glossary: recall (held-out names
    proposed), right renderings per language, and precision (proposals that are held-out
    names)."""
    from toolkit.glossary.match import find_mentions
    from toolkit.glossary.model import Glossary
    from toolkit.glossary.suggest import suggest

    full = _load()
    reduced = Glossary(tuple(c for c in full.concepts if c.id not in HELD_OUT))
    planted = proposed = proposals = right_proposals = 0
    renderings: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for docs in _releases().values():
        versions = [(docs[lang], lang) for lang in LANGS]
        found = suggest(reduced, versions)
        proposals += len(found)
        present = {m.concept_id for m in find_mentions(full, docs["en"], "en")} & set(HELD_OUT)
        planted += len(present)
        matched: set[str] = set()
        for proposal in found:
            whole = [m for m in find_mentions(full, proposal.terms["en"], "en")
                     if m.start == 0 and m.end == len(proposal.terms["en"])]
            if not whole or whole[0].concept_id not in present:
                continue
            cid = whole[0].concept_id
            right_proposals += 1
            if cid in matched:
                continue
            matched.add(cid)
            for lang in ("ru", "zh"):
                renderings[lang][0] += 1
                text = proposal.terms.get(lang)
                if text and any(m.concept_id == cid and m.start == 0 and m.end == len(text)
                                for m in find_mentions(full, text, lang)):
                    renderings[lang][1] += 1
        proposed += len(matched)
    return {"held_out_names": planted, "proposed": proposed, "proposals": proposals,
            "precision": right_proposals / max(proposals, 1),
            "recall": proposed / max(planted, 1),
            "rendering_right": {lang: r[1] / max(r[0], 1) for lang, r in renderings.items()}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = run()
    result["suggest"] = run_suggest()
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print("false findings per clean release:")
    for doc, n in result["clean_findings"].items():
        print(f"  {doc:10} {n}")
    print(f"\n{'kind/lang':18} planted caught recall fix-right extra")
    total_p = total_c = 0
    for key, r in result["recall"].items():
        total_p += r["planted"]
        total_c += r["caught"]
        print(f"{key:18} {r['planted']:7} {r['caught']:6} {r['caught'] / r['planted']:6.2f} "
              f"{r['fix_right'] / r['planted']:9.2f} {r['extra_findings']:5}")
    print(f"{'all':18} {total_p:7} {total_c:6} {total_c / max(total_p, 1):6.2f}")
    sug = result["suggest"]
    print(f"\nsuggest (held out {', '.join(HELD_OUT)}): {sug['proposed']} of "
          f"{sug['held_out_names']} held-out names proposed (recall {sug['recall']:.2f}); "
          f"{sug['proposals']} proposals, precision {sug['precision']:.2f}; right rendering: "
          + ", ".join(f"{k} {v:.2f}" for k, v in sug["rendering_right"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
