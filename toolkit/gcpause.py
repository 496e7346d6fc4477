"""Pausing the cyclic garbage collector around work that builds many objects and no cycles."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["gc_paused", "gc_running"]


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """The collector off for the block, back on after it if it was on.

    For work that allocates many containers (catalog entries, their lists and dicts, the
    plan of a fill) and makes no reference cycles: each collection walks every container
    made since the last one, and the older generations every container alive, so on a
    catalog of thousands of entries the collections cost a fifth of a fill or a third of a
    parse while finding nothing to free. Whatever the block drops is freed by reference
    counting as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextlib.contextmanager
def gc_running() -> Iterator[None]:
    """The collector on for the block (paused again after it if it was paused): for work
    inside a pause whose garbage is not known to be free of cycles (a model's run)."""
    was_enabled = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        if not was_enabled:
            gc.disable()
