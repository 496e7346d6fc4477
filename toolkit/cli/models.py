"""``toolkit models``: list, install, remove and verify Argos translation packages.

A thin layer over :mod:`toolkit.mt.store` and :mod:`toolkit.mt.verify`; the network is used
only by ``toolkit models install FROM TO``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from toolkit.cli.common import (
    NumberRange,
    echo_json,
    handle_errors,
    json_option,
    stderr_is_tty,
    table,
)
from toolkit.cli.localized import LocalizedGroup
from toolkit.errors import ModelError
from toolkit.i18n import N_, _, localized, padded
from toolkit.mt.index import DEFAULT_MAX_SECONDS
from toolkit.mt.package import demo_notice, demos_notice, tree_size

if TYPE_CHECKING:
    from toolkit.mt.package import Package

EXIT_FAILED = 1
"""``verify``: a package failed (usage errors exit 2, like every command)."""


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB"):
        if n < 1000:
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000  # type: ignore[assignment]
    return f"{n:.1f} GB"


def _note(text: str) -> None:
    click.echo(text, err=True)


@click.group(cls=LocalizedGroup)
def models() -> None:
    """List, install, remove and verify translation packages (Argos Translate format).

    Packages live in Argos Translate's packages directory (override with ARGOS_PACKAGES_DIR),
    so models installed with argospm work here too. Small demo packages ship with the toolkit
    so it works out of the box; install full packages for real work.

    \b
    Examples:
      toolkit models list
      toolkit models install translate-en_ru-1_9.argosmodel      # offline
      toolkit models install en ru                               # from the Argos index
      toolkit models verify
      toolkit models remove en ru
    """


@models.command("list")
@json_option
@handle_errors
def list_cmd(as_json: bool) -> None:
    """List installed packages and the bundled demo packages.

    Columns: language pair, version, size on disk, kind (full, demo, or broken: a directory
    that is not a usable package, listed with the reason) and path. A pair with only a demo
    package gets a note on stderr saying how to install a full one.

    \b
    Examples:
      toolkit models list
      toolkit models list --json
      ARGOS_PACKAGES_DIR=/opt/argos toolkit models list
    """
    from toolkit.mt import store

    found, problems = store.inventory()
    where = store.packages_dir()
    if as_json:
        echo_json({
            "packages_dir": str(where),
            "packages": [p.to_dict() for p in found],
            "broken": [b.to_dict() for b in problems],
        })
        return
    if found or problems:
        rows = [[p.pair, p.version or "-", _size(p.size_bytes), p.kind, str(p.path)]
                for p in found]
        rows += [["?", "-", _size(tree_size(b.path)), "broken", str(b.path)] for b in problems]
        click.echo(table(rows, [N_("PAIR"), N_("VERSION"), N_("SIZE"), N_("KIND"), N_("PATH")]))
        for broken in problems:
            click.echo(_("broken (not used): {path}: {reason}").format(
                path=broken.path, reason=broken.reason))
    else:
        click.echo(_("No packages installed."))
    click.echo(_("Packages directory: {path}").format(path=where))
    demos = _demo_only(found)
    if demos:
        _note(demos_notice(demos))


def _reverse(pkg: Package, installed: list[Package]) -> Package | None:
    """The package among *installed* that would translate *pkg*'s output back, for verify's
    round trip."""
    from toolkit.errors import LanguageError
    from toolkit.mt import store

    try:
        return store.find_package(pkg.to_code, pkg.from_code, among=installed)
    except LanguageError:
        return None


def _demo_only(found: list[Package]) -> list[Package]:
    """The demo package of each pair that has no full package."""
    full = {(p.from_code, p.to_code) for p in found if not p.demo}
    seen: set[tuple[str, str]] = set()
    out = []
    for p in found:
        key = (p.from_code, p.to_code)
        if p.demo and key not in full and key not in seen:
            seen.add(key)
            out.append(p)
    return out


class _Progress:
    """Download progress on stderr, only when stderr is a terminal."""

    def __init__(self) -> None:
        self.enabled = stderr_is_tty()
        self.url: str | None = None

    def __call__(self, url: str, done: int, total: int | None) -> None:
        if not self.enabled:
            return
        if url != self.url:
            if self.url is not None:
                click.echo("", err=True)
            self.url = url
        shown = f"{_size(done)} / {_size(total)} ({100 * done // total}%)" if total else \
            _size(done)
        click.echo("\r" + _("downloading {name}: {shown}").format(
            name=url.rsplit("/", 1)[-1], shown=shown) + "   ", err=True, nl=False)

    def finish(self) -> None:
        if self.enabled and self.url is not None:
            click.echo("", err=True)


@models.command()
@click.argument("source", metavar="FILE | FROM")
@click.argument("to_code", metavar="[TO]", required=False)
@click.option("--sha256", metavar="HEX", help="Refuse the archive unless its SHA-256 matches.")
@click.option("--index-url", metavar="URL",
              help="Package index (index.json, or a base URL it is under). Default: "
                   "ARGOS_PACKAGE_INDEX, else the official Argos index.")
@click.option("--timeout", type=NumberRange(min=0.1), default=60.0, show_default=True,
              help="Seconds to wait for the server to send anything (online installs).")
@click.option("--max-time", type=NumberRange(min=0.1), default=DEFAULT_MAX_SECONDS,
              show_default=True,
              help="Seconds a whole download may take (online installs).")
@click.option("--dry-run", is_flag=True,
              help="Check the archive (or look the package up in the index) and install "
                   "nothing.")
@json_option
@handle_errors
def install(source: str, to_code: str | None, sha256: str | None, index_url: str | None,
            timeout: float, max_time: float, dry_run: bool, as_json: bool) -> None:
    """Install a package from an .argosmodel file (offline) or from the Argos index (online).

    Before anything is installed the archive is checked: one top folder, no unsafe paths
    (../, absolute, NUL, symlinks), no name twice, not a zip bomb, a valid metadata.json, and
    the engine loads it exactly as it will to translate (CTranslate2 model/ and SentencePiece
    tokenizer). From the index, it must also hold the language pair asked for. It is
    extracted inside the packages directory and moved into place only when all of that
    passes, so a failure changes nothing. An installed package for the same pair is
    replaced. Only `install FROM TO` uses the network.

    \b
    Examples:
      toolkit models install translate-en_ru-1_9.argosmodel
      toolkit models install translate-en_ru-1_9.argosmodel --sha256 3f5a...
      toolkit models install en ru
      toolkit models install en zh --index-url https://mirror.example/argos/index.json
      toolkit models install translate-zh_en-1_9.argosmodel --dry-run
    """
    from toolkit.mt import store

    if to_code is None:
        if index_url:
            raise ModelError(_("--index-url only applies to `toolkit models install FROM TO`"))
        archive = Path(source)
        if not archive.exists() and len(source) <= 7 and "." not in source:
            raise ModelError(_("no such file {file!r}; to download from the package index "
                               "give two language codes, e.g. `toolkit models install en ru`"
                               ).format(file=source))
        if dry_run:
            info = store.verify_archive(archive, sha256=sha256)
            _report({"would_install": info.to_dict()}, as_json,
                     _("OK: {archive} holds {pair} {version} ({kind}); it would be installed "
                       "into {path}").format(archive=archive, pair=info.pair,
                                             version=info.version, kind=info.kind,
                                             path=store.packages_dir() / info.name))
            return
        _install(lambda: store.install_archive(archive, sha256=sha256), as_json)
        return

    if dry_run:
        entry = store.resolve_index_entry(source, to_code, index_url=index_url,
                                          timeout=timeout, max_seconds=max_time)
        _report({"would_install": {"pair": entry.pair, "version": entry.version,
                                   "name": entry.name, "links": list(entry.links)}},
                as_json, _("{pair} {version} would be downloaded from {url}").format(
                    pair=entry.pair, version=entry.version, url=entry.links[0]))
        return
    progress = _Progress()
    try:
        _install(lambda: store.install_from_index(
            source, to_code, index_url, sha256=sha256, timeout=timeout, progress=progress,
            max_seconds=max_time),
            as_json)
    finally:
        progress.finish()


def _install(run: Any, as_json: bool) -> None:
    from toolkit.mt import store

    before = store.installed_packages(include_demo=False)
    pkg: Package = run()
    replaced = [p for p in before if (p.from_code, p.to_code) == (pkg.from_code, pkg.to_code)
                and not (p.path == pkg.path and p.version == pkg.version)]
    text = _("Installed {pair} {version} ({kind}) into {path}").format(
        pair=pkg.pair, version=pkg.version, kind=pkg.kind, path=pkg.path)
    if replaced:
        text += "\n" + _("Replaced {packages}").format(
            packages=", ".join(f"{p.pair} {p.version}" for p in replaced))
    _report({"installed": pkg.to_dict(), "replaced": [p.to_dict() for p in replaced]},
            as_json, text)


def _report(data: dict[str, Any], as_json: bool, text: str) -> None:
    if as_json:
        echo_json(data)
    else:
        click.echo(text)


@models.command()
@click.argument("from_code", metavar="FROM")
@click.argument("to_code", metavar="TO")
@json_option
@handle_errors
def remove(from_code: str, to_code: str, as_json: bool) -> None:
    """Remove the installed package for a language pair.

    The bundled demo packages ship with the toolkit and cannot be removed; after removing a
    full package, that pair falls back to its demo package, if any.

    \b
    Examples:
      toolkit models remove en ru
      toolkit models remove zh-Hans en --json
    """
    from toolkit.mt import store

    pkg = store.remove_package(from_code, to_code)
    fallback = store.find_package(pkg.from_code, pkg.to_code)
    data: dict[str, Any] = {"removed": {"pair": pkg.pair, "version": pkg.version,
                                        "path": str(pkg.path)},
                            "now_using": fallback.to_dict() if fallback else None}
    text = _("Removed {pair} {version} ({path})").format(
        pair=pkg.pair, version=pkg.version, path=pkg.path)
    _report(data, as_json, text)
    if fallback is not None and fallback.demo and not as_json:
        _note(demo_notice(fallback))


@models.command()
@click.argument("from_code", metavar="[FROM", required=False)
@click.argument("to_code", metavar="TO]", required=False)
@json_option
@handle_errors
def verify(from_code: str | None, to_code: str | None, as_json: bool) -> None:
    """Load each package, translate a sentence with it and check the translation.

    Checked: the translation has words, is in the target language's script, is not a copy of
    the input, does not repeat itself, and, where the reverse package is installed, comes back
    close to the source (a round trip). Each check is listed with what it measured.

    Exit code 0 when every package works, 1 when any fails, 2 on bad usage. With FROM TO,
    only the packages for that pair are checked.

    \b
    Examples:
      toolkit models verify
      toolkit models verify en ru
      toolkit models verify --json
    """
    from toolkit.langs import normalize
    from toolkit.mt import store
    from toolkit.mt.verify import verify_package

    installed = store.installed_packages()
    chosen = installed
    if from_code is not None:
        if to_code is None:
            raise ModelError(_("give both FROM and TO, or neither"))
        pair = (normalize(from_code), normalize(to_code))
        chosen = [p for p in chosen if (p.from_code, p.to_code) == pair]
        if not chosen:
            raise ModelError(_("no {source}->{target} package installed; see "
                               "`toolkit models list`").format(source=pair[0], target=pair[1]))
    if not chosen:
        raise ModelError(_("no packages to verify"))
    results = [verify_package(p, reverse=_reverse(p, installed)) for p in chosen]
    ok = all(r.ok for r in results)
    if as_json:
        echo_json({"ok": ok, "results": [r.to_dict() for r in results]})
    else:
        passed, failed = padded([_("OK"), _("FAIL")])
        for r in results:
            click.echo("  ".join([passed if r.ok else failed, r.package.pair,
                                  r.package.version or "-", r.package.kind,
                                  f"{r.seconds:.1f}s", str(r.package.path)]))
            if r.output is not None:
                click.echo(f"      {r.source} -> {r.output}")
            if r.back is not None:
                click.echo("      " + _("back: {text}").format(text=r.back))
            for check in r.checks:
                click.echo(f"      {passed.lower() if check.ok else failed}  "
                           f"{localized(check.name)}: {localized(check.detail)}")
            if r.error and not r.checks:
                click.echo(f"      {failed}  {localized(r.error)}")
    if not ok:
        click.get_current_context().exit(EXIT_FAILED)

