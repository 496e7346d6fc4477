"""The hash table of a GNU ``.mo`` file, the same slots msgfmt gives every message.

msgfmt hashes each key with gettext's ``hashpjw``, sizes the table as the next odd prime
above 4n/3 (with gettext's own primality quirk) and resolves collisions by double hashing;
a reader finds a message through this table, and the file is byte-identical to msgfmt's only
when every key lands in the same slot.

``hashpjw`` is a per-byte recurrence, slow as a Python loop (~30 ms for a 5,800-message
catalog). :func:`hashpjw_all` computes it for many keys at once, exactly: the keys become
lanes of one wide integer and each step of the recurrence is a handful of integer
operations on all lanes together.
"""

from __future__ import annotations

import struct
from array import array
from bisect import bisect_right
from collections.abc import Sequence

__all__ = ["hash_table", "hashpjw", "hashpjw_all", "next_prime"]

_LANE = 5  # bytes per key in the wide integer: a value stays below 2**33 within a step
_LANE_HIGH = b"\0\0\0\xf0\xff"  # a lane's bits 28..39, the ones folded back each step
_MIN_LANES = 8  # fewer keys of one length class: the plain loop is quicker


def hashpjw(data: bytes) -> int:
    """gettext's string hash of a message id (no NUL in *data*): the C loop's
    ``g = h & 0xF0000000; h ^= g >> 24; h ^= g`` with h kept below 2**28.
    The reference :func:`hashpjw_all` is tested against."""
    h = 0
    for b in data:
        h = (h << 4) + b
        if h > 0x0FFFFFFF:
            h = (h ^ ((h >> 28) << 4)) & 0x0FFFFFFF
    return h


def hashpjw_all(keys: Sequence[bytes]) -> list[int]:
    """``[hashpjw(k) for k in keys]``, several times faster for many keys.

    Keys of similar length form a group; each is right-aligned in a 40-bit lane of one wide
    integer (leading zero bytes leave the hash at 0, so the padding changes nothing), and one
    pass over the group's positions runs the recurrence on every lane at once: shift by 4,
    add the bytes at that position, fold bits 28 and up back in. No lane overflows into the
    next: a lane holds less than 2**33 between the add and the fold."""
    order = sorted(range(len(keys)), key=[len(k) for k in keys].__getitem__)
    ordered = [keys[i] for i in order]
    lens = [len(k) for k in ordered]
    hashes: list[int] = []  # in the order of *ordered*
    start = 0
    while start < len(ordered):
        shortest = lens[start]
        # padding wastes at most about a third of a group's lanes
        end = bisect_right(lens, shortest + (shortest >> 1) + 8, lo=start)
        group = ordered[start:end]
        hashes += (map(hashpjw, group) if len(group) < _MIN_LANES
                   else _lanes(group, lens[end - 1]))
        start = end
    out = [0] * len(keys)
    for i, h in zip(order, hashes, strict=True):
        out[i] = h
    return out


def _lanes(keys: list[bytes], width: int) -> tuple[int, ...]:
    """hashpjw of *keys* (none longer than *width*), all lanes of one integer together."""
    lanes = len(keys)
    step = _LANE * lanes
    matrix = b"".join([k.rjust(width, b"\0") for k in keys])
    columns = bytearray(step * width)  # position by position, each byte the low one of a lane
    for pos in range(width):
        columns[pos * step:(pos + 1) * step:_LANE] = matrix[pos::width]
    high = int.from_bytes(_LANE_HIGH * lanes, "little")
    view = memoryview(columns)
    h = 0
    for at in range(0, len(columns), step):
        h = (h << 4) + int.from_bytes(view[at:at + step], "little")
        g = h & high
        h ^= g ^ (g >> 24)
    wide = h.to_bytes(step, "little")
    narrow = bytearray(4 * lanes)  # each lane's value is below 2**28: its low 4 bytes
    for j in range(4):
        narrow[j::4] = wide[j::_LANE]
    return struct.unpack(f"<{lanes}I", narrow)


def _is_prime(candidate: int) -> bool:
    """gettext's is_prime, quirk included: it calls 3 composite (so 2 messages get 5 slots)."""
    divn = 3
    sq = divn * divn
    while sq < candidate and candidate % divn != 0:
        divn += 1
        sq += 4 * divn
        divn += 1
    return candidate % divn != 0


def next_prime(seed: int) -> int:
    """gettext's next_prime: the first odd number >= seed|1 that :func:`_is_prime` accepts."""
    seed |= 1
    while not _is_prime(seed):
        seed += 2
    return seed


def hash_table(keys: Sequence[bytes]) -> array:
    """msgfmt's table for *keys* (each the message's msgctxt+EOT+msgid, in the file's order):
    slot -> 1 + the key's index, 0 when empty; its length is the table size."""
    size = max(next_prime(len(keys) * 4 // 3), 3)
    table = [0] * size  # a list while filling: its items are read without making an int
    for j, h in enumerate(hashpjw_all(keys), 1):
        idx = h % size
        if table[idx]:
            incr = 1 + h % (size - 2)
            back = size - incr
            while table[idx]:
                idx = idx - back if idx >= back else idx + incr
        table[idx] = j
    return array("I", table)
