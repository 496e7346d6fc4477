"""The hash table of a GNU ``.mo`` file, the same slots msgfmt gives every message.

msgfmt hashes each key with gettext's ``hashpjw``, sizes the table as the next odd prime
above 4n/3 (with gettext's own primality quirk) and resolves collisions by double hashing;
a reader finds a message through this table, and the file is byte-identical to msgfmt's only
when every key lands in the same slot.

``hashpjw`` is a per-byte recurrence, slow as a Python loop (~30 ms for a 5,800-message
catalog). :func:`hashpjw_all` computes it for many keys at once, exactly: each key is a
lane (one byte) of a few wide integers, one per hex digit of the state, and each step of
the recurrence is a handful of integer operations on all lanes together.
"""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_right
from collections.abc import Sequence

__all__ = ["hash_table", "hashpjw", "hashpjw_all", "next_prime"]

# fewer keys of one length class: the plain loop is quicker (a lanes step costs about what
# the plain loop spends on four to five keys' bytes)
_MIN_LANES = 5


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

    Keys of similar length form a group, right-aligned to the longest (leading zero bytes
    leave the hash at 0, so the padding changes nothing), and :func:`_lanes` runs the
    recurrence on every key of the group at once, position by position."""
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


def _lanes(keys: list[bytes], width: int) -> array:
    """hashpjw of *keys* (none longer than *width*), all keys together, nibble-sliced.

    The 28-bit state of every key is held as seven wide integers, one per hex digit
    (nibble) of the state, each with one byte per key (a *lane*; a lane holds a nibble and
    the carry of adding two). Shifting the state by 4 is renaming those integers; adding the
    next byte of every key is two nibble additions whose carries ripple up while any lane
    has one (a handful of digits at most, in practice); the fold moves digit 7 (and the bit
    above, set when the add overflowed 32 bits) onto digits 1 and 2. Each step is a few
    operations on integers of one byte per key, and the keys' bytes at a position become one
    such integer with a single ``int.from_bytes``."""
    lanes = len(keys)
    low = int.from_bytes(b"\x0f" * lanes, "little")  # the low nibble of every lane
    matrix = b"".join([k.rjust(width, b"\0") for k in keys])
    # d0..d6: nibble 0..6 of every key's state (seven names, not a list: a step is a few
    # operations each, and the list's upkeep cost as much)
    d0 = d1 = d2 = d3 = d4 = d5 = d6 = 0
    from_bytes = int.from_bytes
    for pos in range(width):
        column = from_bytes(matrix[pos::width], "little")  # every key's byte at pos
        total = d0 + ((column >> 4) & low)  # digit 1: old digit 0 + the byte's high nibble
        carry = (total >> 4) & low
        # old digits 0..6 become 1..7 (top: digit 7), the carry added in while there is one
        d0, d1, d2, d3, d4, d5, d6, top = column & low, total & low, d1, d2, d3, d4, d5, d6
        if carry:
            total = d2 + carry
            d2, carry = total & low, (total >> 4) & low
        if carry:
            total = d3 + carry
            d3, carry = total & low, (total >> 4) & low
        if carry:
            total = d4 + carry
            d4, carry = total & low, (total >> 4) & low
        if carry:
            total = d5 + carry
            d5, carry = total & low, (total >> 4) & low
        if carry:
            total = d6 + carry
            d6, carry = total & low, (total >> 4) & low
        if carry:
            total = top + carry
            top, carry = total & low, (total >> 4) & low
        d1 ^= top  # digit 7 (bits 28-31) folded onto bits 4-7 and cleared
        if carry:  # bit 32: onto bit 8
            d2 ^= carry
    digits = (d0, d1, d2, d3, d4, d5, d6)
    # back to one 32-bit value per key: pairs of digits as bytes, the bytes interleaved
    out = bytearray(4 * lanes)
    for j in range(3):
        out[j::4] = (digits[2 * j] | (digits[2 * j + 1] << 4)).to_bytes(lanes, "little")
    out[3::4] = digits[6].to_bytes(lanes, "little")
    hashes = array("I", out)
    if sys.byteorder == "big":  # pragma: no cover - big-endian host
        hashes.byteswap()
    return hashes


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
