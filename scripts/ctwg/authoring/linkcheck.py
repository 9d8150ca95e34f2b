"""Link check: is every external `url` in the data still there?

In: a data folder (default: data/, or $CTWG_DATA). Out: one line per link that failed,
`path:line: url: problem: address`, a summary line, a Markdown report appended to
$GITHUB_STEP_SUMMARY when that is set, and `::warning` annotations in GitHub Actions.

Link rot is reported, never fatal: the exit status is 0 whatever the links say. It is
non-zero only when the check itself cannot run (the data does not load, bad options).

Each address is asked for with HEAD first and, when HEAD fails in any way (many servers
refuse it), with GET. Every request has its own timeout and the whole check has a time
budget: addresses not reached within it are listed as not checked, not as broken.
"""

from __future__ import annotations

import argparse
import concurrent.futures as futures
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .. import settings

USER_AGENT = "Mozilla/5.0 (compatible; ctwg-linkcheck/1.0; link check of a static site's sources)"
# Answers that mean "the server would not tell us", not "the page is gone".
BLOCKED = {401, 403, 429}


@dataclass(frozen=True)
class Link:
    url: str
    path: str
    line: int
    record: str
    field: str


@dataclass(frozen=True)
class Result:
    url: str
    ok: bool
    problem: str = ""  # e.g. "404 Not Found", "timed out", "not checked (time budget used up)"
    blocked: bool = False  # the server refused to answer a robot: may well be fine in a browser


def collect(catalog: Any) -> list[Link]:
    """Every `url` field of every record (nested ones included), with its file and line."""
    out: list[Link] = []
    for entry in sorted(catalog.entries.values(), key=lambda e: (e.path, e.id)):
        for loc, url in _urls(entry.model, ()):
            out.append(Link(url, entry.path, entry.raw.line_of(loc), entry.id, ".".join(map(str, loc))))
    return out


def _urls(value: Any, loc: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            item = getattr(value, name)
            if name == "url" and isinstance(item, str) and item:
                yield loc + (name,), item
            else:
                yield from _urls(item, loc + (name,))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _urls(item, loc + (i,))


class _KeepMethodRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects with the same method: urllib turns a redirected HEAD into a GET."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: N802 (urllib's name)
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and req.get_method() == "HEAD":
            new.method = "HEAD"
        return new


_OPENER = urllib.request.build_opener(_KeepMethodRedirects())


def _ask(url: str, method: str, timeout: float) -> tuple[int | None, str]:
    """(HTTP status or None, problem text or '')."""
    req = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with _OPENER.open(req, timeout=timeout) as resp:
            if method == "GET":
                resp.read(1024)  # enough to know the body starts; never the whole page
            return resp.status, ""
    except urllib.error.HTTPError as exc:
        return exc.code, f"{exc.code} {exc.reason}".strip()
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            return None, "timed out"
        return None, f"could not connect ({reason})"
    except TimeoutError:
        return None, "timed out"
    except (OSError, ValueError) as exc:  # connection reset, bad status line, malformed address...
        return None, f"could not connect ({exc.__class__.__name__}: {exc})"


def check_url(url: str, timeout: float = 10.0) -> Result:
    status, problem = _ask(url, "HEAD", timeout)
    if status is not None and status < 400:
        return Result(url, True)
    if problem != "timed out":  # HEAD refused or failed: ask again the ordinary way
        status, problem = _ask(url, "GET", timeout)
        if status is not None and status < 400:
            return Result(url, True)
    return Result(url, False, problem or f"HTTP {status}", blocked=status in BLOCKED)


def check_all(urls: list[str], timeout: float, budget: float, workers: int) -> dict[str, Result]:
    """Check each distinct address once, in parallel, within `budget` seconds overall."""
    results: dict[str, Result] = {}
    deadline = time.monotonic() + budget
    pool = futures.ThreadPoolExecutor(max_workers=max(1, workers))
    try:
        jobs = {pool.submit(check_url, u, timeout): u for u in urls}
        try:
            for job in futures.as_completed(jobs, timeout=max(0.0, deadline - time.monotonic())):
                results[jobs[job]] = job.result()
        except futures.TimeoutError:
            pass
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    for u in urls:
        results.setdefault(u, Result(u, False, f"not checked (the {budget:g} s time budget was used up)"))
    return results


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_report(links: list[Link], results: dict[str, Result]) -> str:
    failed = [ln for ln in links if not results[ln.url].ok]
    distinct = len({ln.url for ln in links})
    lines = ["## External links", ""]
    if not failed:
        lines.append(f"All {distinct} external addresses answered. :white_check_mark:")
        return "\n".join(lines) + "\n"
    lines += [
        f"{len({ln.url for ln in failed})} of {distinct} external addresses did not answer as expected. "
        "This never blocks publishing: fix the record (or find where the document moved) when you can.",
        "",
        "| Record | Link | Problem |",
        "| --- | --- | --- |",
    ]
    for ln in failed:
        r = results[ln.url]
        problem = r.problem + (" (the server refuses robots; check it in a browser)" if r.blocked else "")
        lines.append(f"| `{_md(ln.path)}:{ln.line}` ({_md(ln.record)}) | <{_md(ln.url)}> | {_md(problem)} |")
    return "\n".join(lines) + "\n"


def _annotation(ln: Link, r: Result) -> str:
    msg = f"{ln.field}: {r.problem}: {ln.url}".replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::warning file={ln.path},line={ln.line},title=Link check::{msg}"


def main(argv: list[str] | None = None) -> int:
    from ..data.catalog import build_catalog
    from ..errors import DataErrors

    parser = argparse.ArgumentParser(
        prog="python -m ctwg linkcheck",
        description="Check every external `url` in the data. Broken links are reported; the exit status stays 0.",
    )
    parser.add_argument("--data", help="data folder (default: data/, or $CTWG_DATA)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per request (default: 10)")
    parser.add_argument("--budget", type=float, default=300.0,
                        help="seconds for the whole check; addresses not reached are listed as not checked "
                             "(default: 300)")
    parser.add_argument("--workers", type=int, default=8, help="requests at once (default: 8)")
    parser.add_argument("--offline", action="store_true",
                        help="list the addresses that would be checked, with file and line; no network")
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--"]:  # `python -m ctwg linkcheck -- --offline`: the `--` only shields the options
        argv = argv[1:]
    args = parser.parse_args(argv)

    data_dir = Path(args.data) if args.data else settings.data_dir()
    try:
        # Drafts and scheduled records included: their links will be public one day.
        catalog = build_catalog(data_dir, public=False)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        print("Link check not run: the data has problems (see above).", file=sys.stderr)
        return 1

    links = collect(catalog)
    urls = list(dict.fromkeys(ln.url for ln in links))
    if args.offline:
        for ln in links:
            print(f"{ln.path}:{ln.line}: {ln.field}: {ln.url}")
        print(f"{len(links)} links ({len(urls)} distinct addresses) in {data_dir}; none checked (--offline).")
        return 0

    started = time.monotonic()
    results = check_all(urls, args.timeout, args.budget, args.workers)
    github = settings.in_github_actions()
    failed = [ln for ln in links if not results[ln.url].ok]
    for ln in failed:
        r = results[ln.url]
        print(f"{ln.path}:{ln.line}: {ln.field}: {r.problem}: {ln.url}")
        if github:
            print(_annotation(ln, r))
    bad = {ln.url for ln in failed}
    blocked = {u for u in bad if results[u].blocked}
    print(f"Checked {len(urls)} distinct addresses ({len(links)} links) in {time.monotonic() - started:.1f} s: "
          f"{len(bad)} failed" + (f", of which {len(blocked)} refused robots (check those in a browser)" if blocked
                                  else "") + ". Link rot never fails this check.")

    summary = settings.step_summary_path()
    if summary:
        with open(summary, "a", encoding="utf-8") as fh:
            fh.write(markdown_report(links, results))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
