"""Client for the Argos Translate package index: the only module that opens network connections.

The index is argostranslate's ``index.json``: a JSON list of objects with ``from_code``,
``to_code``, ``package_version``, ``argos_version``, ``links`` (download URLs) and optional
``type`` (``"translate"`` unless stated). Nothing here runs unless the user asked for an online
install; :mod:`toolkit.mt.store` then verifies and installs the downloaded archive.
"""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit import __version__
from toolkit.errors import LanguageError, ModelError
from toolkit.i18n import Message, joined
from toolkit.langs import normalize

DownloadProgress = Callable[[str, int, int | None], None]
"""Called as ``progress(url, bytes_done, bytes_total_or_None)`` while a package downloads."""

USER_AGENT = f"toolkit/{__version__} (argos-translate compatible)"
DEFAULT_MAX_SECONDS = 1800.0
"""A whole download (index or package) that takes longer than this is abandoned."""
_MAX_INDEX_BYTES = 32 * 1024 * 1024
_CHUNK = 256 * 1024
_SCHEMES = ("http", "https")


@dataclass(frozen=True)
class IndexEntry:
    """One translation package offered by the index (codes normalised to en/ru/zh)."""

    from_code: str
    to_code: str
    version: str
    argos_version: str
    links: tuple[str, ...]
    raw: dict[str, Any] = field(repr=False, compare=False, hash=False)

    @property
    def pair(self) -> str:
        return f"{self.from_code}->{self.to_code}"

    @property
    def name(self) -> str:
        """The argospm name, e.g. ``translate-en_ru-1_9`` (also the archive's top folder)."""
        return f"translate-{self.from_code}_{self.to_code}-{self.version.replace('.', '_')}"


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key for package versions such as ``1.9`` < ``1.10`` (numbers compare as numbers)."""
    parts = [p for p in re.split(r"[._\-+]", str(version)) if p]
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts)


def _check_url(url: str) -> None:
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in _SCHEMES:
        raise ModelError(Message("unsupported URL {url!r}: only http:// and https:// can be "
                                 "downloaded (for a local file use: toolkit models install "
                                 "FILE.argosmodel)", url=url))


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to http(s): urllib's own handler also follows ``ftp://``."""

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> Any:
        scheme = urllib.parse.urlsplit(newurl).scheme.lower()
        if scheme not in _SCHEMES:
            raise ModelError(Message("cannot download {url}: redirected to {target!r}; only "
                                     "http:// and https:// are followed", url=req.full_url,
                                     target=newurl))
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_HttpOnlyRedirects)


def _open(url: str, timeout: float) -> Any:
    _check_url(url)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        return _OPENER.open(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        raise ModelError(Message("cannot download {url}: HTTP {code} {reason}", url=url,
                                 code=exc.code, reason=exc.reason)) from None
    except urllib.error.URLError as exc:
        raise ModelError(Message("cannot download {url}: {reason}", url=url,
                                 reason=exc.reason)) from None
    except (TimeoutError, OSError) as exc:
        raise ModelError(Message("cannot download {url}: {error}", url=url,
                                 error=str(exc))) from None


class _Deadline:
    """The moment a whole download must be over (*timeout* still bounds each read)."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def check(self, url: str) -> None:
        if time.monotonic() > self.end:
            raise ModelError(Message("cannot download {url}: not finished after {seconds:g} s (the "
                                     "server is too slow; see --max-time)", url=url,
                                     seconds=self.seconds))


def _stream(url: str, timeout: float, deadline: _Deadline, write: Callable[[bytes], Any],
            limit: int | None = None,
            progress: DownloadProgress | None = None) -> tuple[int, int | None]:
    """Copy the body at *url* to *write* in the chunks the server sends; return (done, total).

    Reads take what has arrived (``read1``), so a server trickling bytes cannot keep one read
    busy past *timeout* nor the download past *deadline*.
    """
    deadline.check(url)
    try:
        with _open(url, timeout) as response:
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            done = 0
            if progress:
                progress(url, 0, total)
            while chunk := response.read1(_CHUNK):
                deadline.check(url)
                write(chunk)
                done += len(chunk)
                if limit is not None and done > limit:
                    break
                if progress:
                    progress(url, done, total)
    except (TimeoutError, OSError) as exc:
        raise ModelError(Message("cannot download {url}: {error}", url=url,
                                 error=str(exc))) from None
    return done, total


def fetch_index(url: str, *, timeout: float = 30.0,
                max_seconds: float = DEFAULT_MAX_SECONDS) -> list[IndexEntry]:
    """Download and parse the package index at *url*; keep translation packages for en/ru/zh.

    Relative download links are resolved against *url*, so a mirror can serve the index and
    its packages from one directory.
    """
    parts: list[bytes] = []
    _stream(url, timeout, _Deadline(max_seconds), parts.append, limit=_MAX_INDEX_BYTES)
    data = b"".join(parts)
    if len(data) > _MAX_INDEX_BYTES:
        raise ModelError(Message("package index at {url} is larger than {limit} bytes", url=url,
                                 limit=_MAX_INDEX_BYTES))
    try:
        items = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(Message("package index at {url} is not valid JSON: {error}", url=url,
                                 error=str(exc))) from None
    if not isinstance(items, list):
        raise ModelError(Message("package index at {url} is not a JSON list of packages", url=url))
    return [entry for item in items if (entry := _entry(item, url)) is not None]


def _entry(item: Any, index_url: str) -> IndexEntry | None:
    if not isinstance(item, dict) or item.get("type", "translate") != "translate":
        return None
    try:
        from_code = normalize(str(item.get("from_code") or ""))
        to_code = normalize(str(item.get("to_code") or ""))
    except LanguageError:
        return None  # a pair the toolkit does not handle (en->de, zt ...)
    links = item.get("links") or []
    if not isinstance(links, list):
        return None
    return IndexEntry(
        from_code=from_code, to_code=to_code,
        version=str(item.get("package_version", "") or ""),
        argos_version=str(item.get("argos_version", "") or ""),
        links=tuple(urllib.parse.urljoin(index_url, str(link)) for link in links if link),
        raw=item,
    )


def select_entry(entries: list[IndexEntry], from_code: str, to_code: str) -> IndexEntry:
    """The newest entry for the pair, or :class:`ModelError` naming the pairs that exist."""
    matches = [e for e in entries if (e.from_code, e.to_code) == (from_code, to_code)]
    if not matches:
        offered = sorted({e.pair for e in entries})
        if offered:
            raise ModelError(Message("the package index has no {source}->{target} package; it "
                                     "offers: {offered}", source=from_code, target=to_code,
                                     offered=", ".join(offered)))
        raise ModelError(Message("the package index has no {source}->{target} package",
                                 source=from_code, target=to_code))
    best = max(matches, key=lambda e: version_key(e.version))
    if not best.links:
        raise ModelError(Message("the package index lists {name} without a download link",
                                 name=best.name))
    return best


def download(entry: IndexEntry, target: Path, *, timeout: float = 60.0,
             progress: DownloadProgress | None = None,
             max_seconds: float = DEFAULT_MAX_SECONDS) -> str:
    """Stream the package to *target*, trying each link in turn; return the URL that worked.

    *timeout* bounds each read, *max_seconds* the whole download (all links together). A short
    read (fewer bytes than ``Content-Length``) is an error, so a dropped connection never
    produces a truncated archive that looks complete.
    """
    deadline = _Deadline(max_seconds)
    failures: list[str] = []
    for url in entry.links:
        try:
            _download_one(url, target, timeout, deadline, progress)
            return url
        except ModelError as exc:
            failures.append(exc.message)
    raise ModelError(Message("download failed: {errors}", errors=joined(failures, "; ")))


def _download_one(url: str, target: Path, timeout: float, deadline: _Deadline,
                  progress: DownloadProgress | None) -> None:
    with open(target, "wb") as out:
        done, total = _stream(url, timeout, deadline, out.write, progress=progress)
    if total is not None and done != total:
        raise ModelError(Message("cannot download {url}: connection closed after {done} of {total} "
                                 "bytes", url=url, done=done, total=total))
