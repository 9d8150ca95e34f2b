"""Command line: `python -m ctwg <command>`.

Commands: validate, schemas, build, write-pages, post-build, new, from-issue, templates, linkcheck. Each prints plain lines for
people and exits non-zero on a problem; data problems never show a traceback. The benchmark
and its synthetic catalogs are another package: `python -m ctwg_bench`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import settings
from .data import constants
from .errors import DataErrors


def _data_dirs(paths: list[str]) -> list[Path]:
    """Data folders for the given paths: a folder as is, a record file's data folder."""
    out: list[Path] = []
    for p in map(Path, paths or [str(settings.data_dir())]):
        if p.is_file() or p.suffix in (".yml", ".md"):
            p = p.resolve().parent.parent if p.resolve().parent.name in constants.RECORD_TYPES else p.resolve().parent
        if p.resolve() not in [d.resolve() for d in out]:
            out.append(p)
    return out


def cmd_validate(args: argparse.Namespace) -> int:
    from .data.catalog import build_catalog  # here, not at the top: `build` only starts MkDocs

    status = 0
    for data_dir in _data_dirs(args.paths):
        try:
            cat = build_catalog(data_dir, public=not args.preview)
        except DataErrors as exc:
            print(exc.report(), file=sys.stderr)
            status = 1
            continue
        counts = ", ".join(f"{n} {constants.RECORD_TYPES[t]['plural'].lower()}" for t, n in cat.counts().items())
        print(f"{data_dir}: OK: {sum(cat.counts().values())} records ({counts}); {len(cat.links)} links")
    return status


def cmd_schemas(args: argparse.Namespace) -> int:
    from .site.outputs.schemas import write_schemas

    stale = write_schemas(Path(args.out), check=args.check)
    if args.check and stale:
        for name in stale:
            print(f"{name}: out of date; run `make schemas` and commit the result", file=sys.stderr)
        return 1
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """`mkdocs build --strict` (or ProperDocs', BUILDER=properdocs) into a fresh folder; only a complete build replaces site/.

    Pagefind runs beside MkDocs (ctwg.perf.pagefind.HandedOver): MkDocs sends it every page as it
    goes. For a big site the search index is written once MkDocs has ended, so that the two
    never hold their peak memory at the same time.
    """
    import shutil
    import subprocess
    import tempfile

    from .errors import SearchIndexError
    from .perf.pagefind import HandedOver

    target = Path(args.site_dir).resolve()
    tmp = Path(tempfile.mkdtemp(prefix=".site-", dir=target.parent))
    env = dict(os.environ)
    if args.data:
        env["CTWG_DATA"] = str(Path(args.data).resolve())
    try:
        builder = settings.builder()
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    cmd = [sys.executable, "-m", builder, "build", "--strict", "--site-dir", str(tmp),
           "--config-file", str(Path(args.config or settings.ROOT / "mkdocs.yml").resolve())]
    search = None
    problem = ""
    try:
        search = HandedOver(tmp.parent / f"{tmp.name}.search.json")
        # --quiet is never passed to MkDocs: it would silence warnings, and strict mode only
        # fails on the warnings it sees. Quiet here means: show MkDocs' output only on failure.
        result = subprocess.run(cmd, env={**env, **search.env}, pass_fds=search.fds, capture_output=args.quiet,
                                text=True)
        if result.returncode != 0 and args.quiet:
            sys.stdout.write(result.stdout or "")
            sys.stderr.write(result.stderr or "")
        if result.returncode == 0:
            summary = search.write(tmp)
            if not args.quiet:
                print(f"Search index (Pagefind): {summary}")
        else:
            problem = "MkDocs stopped"
    except SearchIndexError as exc:
        problem = str(exc)
        print(problem[0].upper() + problem[1:], file=sys.stderr)
    finally:
        if search is not None:
            search.stop()
            search.state_file.unlink(missing_ok=True)
    if problem:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(target, ignore_errors=True)  # never leave an old or partial site to deploy
        print(f"Build failed: {target} was not produced.", file=sys.stderr)
        return 1
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)
    print(f"Built {target}")
    return 0


def _data_of(args: argparse.Namespace) -> Path:
    return Path(args.data) if args.data else settings.data_dir()


def _stopped(exc: Exception) -> int:
    """A command stopped by bad data, a clash or a failed search index: its message, exit 1."""
    text = exc.report() if isinstance(exc, DataErrors) else str(exc)
    print(text[:1].upper() + text[1:], file=sys.stderr)
    return 1


def cmd_write_pages(args: argparse.Namespace) -> int:
    """Every page as Markdown in a folder any MkDocs-like engine builds (ctwg.site.writeout); no MkDocs."""
    from .site.writeout import write_pages

    out = Path(args.out).resolve()
    try:
        n = write_pages(out, settings.ROOT, _data_of(args), args.preview)
    except (DataErrors, FileExistsError) as exc:
        return _stopped(exc)
    print(f"Wrote {n} pages to {out}/docs and {out}/mkdocs.yml; build that folder, then run "
          f"`python -m ctwg post-build <site folder>`")
    return 0


def cmd_post_build(args: argparse.Namespace) -> int:
    """Exports and feeds, the CSP and the search index, added to a built site folder."""
    from .errors import SearchIndexError
    from .site.writeout import post_build

    site = Path(args.site_dir).resolve()
    if not (site / "index.html").is_file():
        print(f"{site} is not a built site (no index.html)", file=sys.stderr)
        return 2
    try:
        summary = post_build(site, settings.ROOT, _data_of(args), args.preview)
    except (DataErrors, SearchIndexError) as exc:
        return _stopped(exc)
    print(f"{site}: open data, feeds, Content-Security-Policy and search index added ({summary})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ctwg", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check data files and report every problem")
    p.add_argument("paths", nargs="*", help="data folders or record files (default: data/)")
    p.add_argument("--preview", action="store_true", help="include drafts and scheduled records")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("schemas", help="write the JSON Schemas under data/schemas/")
    p.add_argument("--out", default=str(settings.DATA_DIR / "schemas"))
    p.add_argument("--check", action="store_true", help="fail if the committed schemas are stale")
    p.set_defaults(func=cmd_schemas)

    p = sub.add_parser("build", help="build the public site strictly (no site is left on failure)")
    p.add_argument("--site-dir", default="site")
    p.add_argument("--data", help="data folder (default: data/)")
    p.add_argument("--config", help="mkdocs.yml to use")
    p.add_argument("--quiet", action="store_true", help="print MkDocs' output only if the build fails")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("write-pages", help="write every page as Markdown into a folder that any MkDocs-like engine builds")
    p.add_argument("out", help="the folder to write (replaced)")
    p.add_argument("--data", help="data folder (default: data/)")
    p.add_argument("--preview", action="store_true", help="include drafts and scheduled records")
    p.set_defaults(func=cmd_write_pages)

    p = sub.add_parser("post-build", help="add the exports, feeds, CSP and search index to a built site folder")
    p.add_argument("site_dir")
    p.add_argument("--data", help="data folder (default: data/)")
    p.add_argument("--preview", action="store_true", help="a preview: drafts included, no CSP")
    p.set_defaults(func=cmd_post_build)

    # Commands that own their options live in their own modules.
    for name, (_module, text) in DELEGATED.items():
        p = sub.add_parser(name, help=text, add_help=False)
        p.add_argument("rest", nargs=argparse.REMAINDER)

    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in DELEGATED:  # these commands parse their own options
        import importlib

        return importlib.import_module(DELEGATED[argv[0]][0]).main(argv[1:])
    args = parser.parse_args(argv)
    return args.func(args)


# Commands that own their options live in their own modules: name -> (module, help).
DELEGATED = {
    "new": ("ctwg.authoring.newrecord", "start a new record file from the essentials"),
    "templates": ("ctwg.authoring.record_templates", "write the annotated record templates"),
    "linkcheck": ("ctwg.authoring.linkcheck", "check external links in the data (reports, never fails the site)"),
    "from-issue": ("ctwg.authoring.from_issue", "turn an issue-form answer into a checked record file"),
}
