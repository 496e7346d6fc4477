"""The .mo hash table: the many-keys hashpjw is exactly the per-byte reference."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.catalog.mo_hash import hash_table, hashpjw, hashpjw_all, next_prime
from toolkit.po.reader import read_po

# no NUL: a .mo key's hashed part ends at its first NUL
KEY = st.binary(max_size=400).map(lambda b: b.replace(b"\0", b"\1"))


@settings(max_examples=300, deadline=None)
@given(st.lists(KEY, max_size=60))
def test_hashpjw_all_is_the_reference_on_any_keys(keys: list[bytes]) -> None:
    assert hashpjw_all(keys) == [hashpjw(k) for k in keys]


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 600), st.integers(1, 200), st.sampled_from([b"\xff", b"\x80", b"\x0f"]))
def test_hashpjw_all_is_exact_where_a_lane_carries_most(length: int, count: int,
                                                        byte: bytes) -> None:
    # all-0xff keys keep every lane at its largest between the add and the fold
    keys = [byte * length] * count + [byte * (length + i) for i in range(count)]
    assert hashpjw_all(keys) == [hashpjw(k) for k in keys]


def test_hashpjw_all_on_real_catalogs(django_locale: Path) -> None:
    keys = []
    for path in sorted(django_locale.glob("*/LC_MESSAGES/django.po")):
        po, _ = read_po(path)
        keys += [(e.msgid if e.msgctxt is None else f"{e.msgctxt}\x04{e.msgid}").encode()
                 for e in po.entries]
        keys += [e.msgstr.encode() for e in po.entries if e.msgstr]  # long, non-ASCII text
    rng = random.Random(8)
    rng.shuffle(keys)
    assert len(keys) > 20_000
    assert hashpjw_all(keys) == [hashpjw(k) for k in keys]


def test_hashpjw_gives_gettexts_values() -> None:
    # hash_string of gettext's hash-string.c, compiled with gcc on x86-64 (64-bit long)
    known = {b"Project-Id-Version": 65079758, b"\xff" * 10: 1114095,
             b"copy3|Welcome\x04Hello, %(name)s!": 56359233,
             "Привет".encode(): 135479122, b"": 0}
    assert {k: hashpjw(k) for k in known} == known
    assert hashpjw_all(list(known) * 3) == list(known.values()) * 3


def test_table_size_follows_gettexts_prime_quirk() -> None:
    assert next_prime(0) == 1 and len(hash_table([])) == 3
    assert len(hash_table([b"a"])) == 3
    assert len(hash_table([b"a", b"b"])) == 5  # gettext calls 3 composite
    assert len(hash_table([b"k%d" % i for i in range(100)])) == next_prime(133) == 137
    table = hash_table([b"k%d" % i for i in range(100)])
    assert sorted(x for x in table if x) == list(range(1, 101))
