"""Does a model copy our protection tokens? One probe translation per package, cached.

The bundled demo models were trained to copy ``｟N｠`` tokens; a full Argos model never saw one
and drops or mangles it (and the words around it). The pipeline sends tokens only to models
that copy them; for the others it takes the protected spans out before translation and puts
them back where the attention alignment projects them (:mod:`toolkit.text.protect`).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from toolkit.text.patterns import TOKEN_RE

if TYPE_CHECKING:
    from toolkit.mt.engine import Engine

PROBES = {
    "en": ("Contact us at ｟0｠.", "Press contact: ｟0｠.",
           "The forum will be held in Moscow on ｟0｠.", "File ｟0｠ not found.",
           "A delegation of SPbPU visited ｟0｠ and ｟1｠."),
    "ru": ("Свяжитесь с нами по адресу ｟0｠.", "Контакт для прессы: ｟0｠.",
           "Форум пройдёт в Москве ｟0｠.", "Файл ｟0｠ не найден.",
           "Делегация СПбПУ посетила ｟0｠ и ｟1｠."),
    "zh": ("请通过｟0｠与我们联系。", "新闻联系人：｟0｠。", "论坛将于｟0｠在莫斯科举行。",
           "未找到文件｟0｠。", "圣彼得堡理工大学代表团访问了｟0｠和｟1｠。"),
}
"""Short sentences with tokens, per source language, inside the demo models' domain."""

_CACHE: dict[tuple[str, int, int], bool] = {}
_LOCK = threading.Lock()


def copies_tokens(engine: Engine) -> bool:
    """True when the engine's model gives back every token of most probe sentences exactly
    once. Cached per model file (path, size, modification time) for the process."""
    model = engine.package.model_dir / "model.bin"
    try:
        stat = model.stat()
        key = (str(model), stat.st_size, stat.st_mtime_ns)
    except OSError:
        key = (str(model), 0, 0)
    with _LOCK:
        if key in _CACHE:
            return _CACHE[key]
    probes = PROBES.get(engine.package.from_code, PROBES["en"])
    outputs = engine.translate(list(probes))
    copied = sum(1 for source, out in zip(probes, outputs, strict=True)
                 if all(out.count(t) == 1 for t in TOKEN_RE.findall(source))
                 and len(TOKEN_RE.findall(out)) == len(TOKEN_RE.findall(source)))
    verdict = copied * 2 > len(probes)
    with _LOCK:
        _CACHE[key] = verdict
    return verdict
