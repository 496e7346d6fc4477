"""``models verify``: load a package through the engine and check what it translates.

A package passes when its translation of a plain sentence

* has words at all,
* is written in the target language's script (mostly: names may stay in Latin letters),
* is not a copy of the input,
* does not repeat itself (the way a broken decoder loops), and
* comes back close to the source through the reverse package, where one is installed.

Each check is reported with what it measured, so a FAIL says why and an OK says what it means.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from toolkit.i18n import Message, PluralMessage, joined
from toolkit.mt.engine import get_engine
from toolkit.mt.package import Package
from toolkit.text.scripts import SCRIPT_NAMES, script_counts

# One short sentence per source language: plain enough for any full model and inside the
# bundled demo models' press-release domain (so the demo packages pass with it).
SAMPLE_SENTENCES = {
    "en": "The SPbPU delegation was headed by Rector Andrei Rudskoy.",
    "ru": "Делегацию СПбПУ возглавил ректор Андрей Рудской.",
    "zh": "圣彼得堡理工大学代表团由校长安德烈·鲁德斯科伊率领。",
}

MIN_TARGET_SCRIPT = 0.6
"""Share of the output's letters that must be in the target script."""
MAX_COPY_SIMILARITY = 0.8
"""An output this similar to its input (character sequence ratio) is a copy."""
MAX_REPEATS = 3
"""A word or phrase repeated more than this many times in a row is a decoder loop."""
MIN_ROUND_TRIP = 0.35
"""Character n-gram overlap (Dice) a round trip must keep with the source."""


@dataclass(frozen=True)
class Check:
    """One thing verify checked: its name, whether it passed, and what it measured."""

    name: str
    ok: bool
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "ok": self.ok, "detail": self.detail}


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of loading a package, translating one sentence and checking the translation."""

    package: Package
    ok: bool
    source: str
    output: str | None = None
    error: str | None = None
    seconds: float = 0.0
    checks: tuple[Check, ...] = field(default=())
    back: str | None = None
    """The round trip's text (the output translated back), when a reverse package exists."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "pair": self.package.pair, "version": self.package.version,
            "kind": self.package.kind, "path": str(self.package.path), "ok": self.ok,
            "source": self.source, "output": self.output, "round_trip": self.back,
            "error": self.error, "checks": [c.to_dict() for c in self.checks],
            "seconds": round(self.seconds, 3),
        }


def check_translation(source: str, output: str, to_code: str) -> list[Check]:
    """The checks on one translation that need no second model (see the module doc)."""
    letters = sum(ch.isalpha() for ch in output)
    checks = [Check(Message("words"), letters > 0,
                    PluralMessage("{count} letters", "{count} letters", letters, count=letters))]
    counts = script_counts(output)
    letters = sum(counts.values())
    share = counts.get(to_code, 0) / letters if letters else 0.0
    script = SCRIPT_NAMES.get(to_code, to_code)
    share_shown, wanted = f"{share:.0%}", f"{MIN_TARGET_SCRIPT:.0%}"
    checks.append(Check(Message("target script"), share >= MIN_TARGET_SCRIPT,
                        Message("{share} of the letters are {script} (at least {wanted} wanted)",
                                share=share_shown, script=script, wanted=wanted)))
    similar = SequenceMatcher(None, _norm(source), _norm(output), autojunk=False).ratio()
    like, copy = f"{similar:.0%}", f"{MAX_COPY_SIMILARITY:.0%}"
    checks.append(Check(Message("not a copy"), similar < MAX_COPY_SIMILARITY,
                        Message("{share} like the input (a copy is {copy}+)", share=like,
                                copy=copy)))
    unit, times = _longest_repeat(output, to_code)
    checks.append(Check(Message("no repetition"), times <= MAX_REPEATS,
                        PluralMessage("{unit!r} {count} times in a row",
                                      "{unit!r} {count} times in a row", times, unit=unit,
                                      count=times) if times > 1
                        else Message("no word or phrase repeated in a row")))
    return checks


def round_trip_check(source: str, back: str, from_code: str) -> Check:
    """How much of *source* survives translating there and back (character n-gram Dice)."""
    n = 2 if from_code == "zh" else 3
    a, b = _grams(source, n), _grams(back, n)
    overlap = 2 * sum((a & b).values()) / (sum(a.values()) + sum(b.values()) or 1)
    kept, wanted = f"{overlap:.0%}", f"{MIN_ROUND_TRIP:.0%}"
    return Check(Message("round trip"), overlap >= MIN_ROUND_TRIP,
                 Message("{share} of the source's character {n}-grams came back (at least "
                         "{wanted} wanted)", share=kept, n=n, wanted=wanted))


def verify_package(pkg: Package, sentence: str | None = None,
                   reverse: Package | None = None) -> VerifyResult:
    """Translate one sentence with *pkg* (and back with *reverse*) and check it; never raises."""
    source = sentence or SAMPLE_SENTENCES.get(pkg.from_code, SAMPLE_SENTENCES["en"])
    started = time.perf_counter()
    checks: list[Check] = []
    back = None
    try:
        (output,) = get_engine(pkg).translate([source])
        checks += check_translation(source, output, pkg.to_code)
        if reverse is not None and checks[0].ok:
            (back,) = get_engine(reverse).translate([output])
            checks.append(round_trip_check(source, back, pkg.from_code))
    except Exception as exc:  # noqa: BLE001 - any failure to load or run is a FAIL to report
        return VerifyResult(pkg, False, source, error=_describe(exc), checks=tuple(checks),
                            seconds=time.perf_counter() - started)
    failed = [c for c in checks if not c.ok]
    error = joined([Message(_CHECK, name=c.name, detail=c.detail) for c in failed],
                   "; ") if failed else None
    return VerifyResult(pkg, not failed, source, output=output, error=error,
                        seconds=time.perf_counter() - started, checks=tuple(checks), back=back)


_CHECK = "{name}: {detail}"  # no words: not a catalog message


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _tokens(text: str, lang: str) -> list[str]:
    if lang == "zh":
        return [ch for ch in text if ch.isalnum()]
    return re.findall(r"\w+", text.lower())


def loops(text: str, lang: str) -> bool:
    """Whether *text* repeats a word or phrase more than :data:`MAX_REPEATS` times in a row:
    a decoder stuck in a loop (``and) and) and) and) ...``)."""
    return _longest_repeat(text, lang)[1] > MAX_REPEATS


def _longest_repeat(text: str, lang: str) -> tuple[str, int]:
    """The word or phrase (up to 4 words) repeated most often in a row, and how often."""
    tokens = _tokens(text, lang)
    glue = "" if lang == "zh" else " "
    best: tuple[str, int] = ("", 1)
    for size in range(1, 5):
        for start in range(len(tokens) - size):
            unit = tokens[start:start + size]
            times = 1
            while tokens[start + times * size:start + (times + 1) * size] == unit:
                times += 1
            if times > best[1]:
                best = (glue.join(unit), times)
    return best


def _grams(text: str, n: int) -> Counter[str]:
    flat = _norm(re.sub(r"[^\w\s]", " ", text))
    return Counter(flat[i:i + n] for i in range(len(flat) - n + 1))


def _describe(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return " ".join(text.split())
