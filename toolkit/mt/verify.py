"""``models verify``: load a package through the engine and check what it translates."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from toolkit.mt.engine import get_engine
from toolkit.mt.package import Package

# One short sentence per source language: plain enough for any full model and inside the
# bundled demo models' press-release domain.
SAMPLE_SENTENCES = {
    "en": "The SPbPU delegation was headed by Rector Andrei Rudskoy.",
    "ru": "Делегацию СПбПУ возглавил ректор Андрей Рудской.",
    "zh": "圣彼得堡理工大学代表团由校长安德烈·鲁德斯科伊率领。",
}


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of loading a package and translating one sentence with it."""

    package: Package
    ok: bool
    source: str
    output: str | None = None
    error: str | None = None
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "pair": self.package.pair, "version": self.package.version,
            "kind": self.package.kind, "path": str(self.package.path), "ok": self.ok,
            "source": self.source, "output": self.output, "error": self.error,
            "seconds": round(self.seconds, 3),
        }


def verify_package(pkg: Package, sentence: str | None = None) -> VerifyResult:
    """Load *pkg* through the engine and translate one sentence; never raises.

    OK means the engine loaded the model and tokenizer and returned a translation with at least
    one word character (a model that answers "" or "." is broken).
    """
    source = sentence or SAMPLE_SENTENCES.get(pkg.from_code, SAMPLE_SENTENCES["en"])
    started = time.perf_counter()
    try:
        output = get_engine(pkg).translate([source])
    except Exception as exc:  # noqa: BLE001 - any failure to load or run is a FAIL to report
        return VerifyResult(pkg, False, source, error=_describe(exc),
                            seconds=time.perf_counter() - started)
    elapsed = time.perf_counter() - started
    text = output[0] if len(output) == 1 else None
    if text is None or not any(ch.isalpha() for ch in text):
        return VerifyResult(pkg, False, source, output=text,
                            error=f"no words in the translation: {text!r}", seconds=elapsed)
    return VerifyResult(pkg, True, source, output=output[0], seconds=elapsed)


def _describe(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return " ".join(text.split())
