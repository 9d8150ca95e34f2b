"""The finished pages, written by a child process while MkDocs renders the next ones.

In: each page as the theme renders it, and the file it goes to. Out: that file, holding the
page as `ctwg.site.outputs.html_fixes.finished_page` finishes it (valid HTML, its place in the
sidebar, the glossary's marks, its Content-Security-Policy), encoded as MkDocs encodes a page.

MkDocs renders on one core, and finishing and writing a page took an eighth of its time at
x10 (2,800 pages: marks, fixes and policy 1.0 s, writing the files 2.0 s). Under `build`, the
plugin hands each page to this writer, which does both on the other core, and gives MkDocs an
empty page, which it does not write (it would log "Page skipped": `PageWriter` keeps that line
out of the log). The child is a new Python process running `child`, not a fork: a copy of
MkDocs' memory would count again in the build's peak.

The pipe carries, first, the glossary's terms and whether the build is a preview (pickled),
then each page as a header line (`<length> <address>\t<path>`, the path relative to the site folder)
and the page's UTF-8 bytes. At the end of its input the child exits; a failure is written
to its error output, and `finish` turns it (or any exit but 0) into a stopped build.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import pickle
import subprocess
import sys
from pathlib import Path

from ..errors import PageWriteError

_CHILD = "import sys; from ctwg.perf.pagewriter import child; sys.exit(child(sys.argv[1]))"
_PIPE_SIZE = 1 << 20  # a larger pipe: MkDocs hands pages on without waiting while the child is busy


class _NoSkippedLines(logging.Filter):
    """MkDocs logs 'Page skipped: ... Generated empty output.' for each page it does not write."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Page skipped: ")


class PageWriter:
    """`build`: a child process finishes and writes every page; `write` hands it one."""

    def __init__(self, site_dir: Path, terms: list, preview: bool) -> None:
        self.site_dir = Path(site_dir)
        self.proc = subprocess.Popen([sys.executable, "-c", _CHILD, str(self.site_dir)],
                                     stdin=subprocess.PIPE, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
        with contextlib.suppress(OSError, AttributeError):
            fcntl.fcntl(self.proc.stdin.fileno(), fcntl.F_SETPIPE_SZ, _PIPE_SIZE)
        self.filter = _NoSkippedLines()
        logging.getLogger("mkdocs.commands.build").addFilter(self.filter)
        self._send(pickle.dumps((list(terms), preview)))

    def _send(self, data: bytes, header: bytes | None = None) -> None:
        try:
            self.proc.stdin.write(header or f"{len(data)} -\n".encode())
            self.proc.stdin.write(data)
        except (BrokenPipeError, OSError):
            self.finish()  # raises with the child's message
            raise PageWriteError("the page writer stopped") from None

    def write(self, dest_path: str, html: str, page_url: str) -> None:
        """Hand on one page (`dest_path` relative to the site folder, as MkDocs' File.dest_path;
        `page_url` its address, as Page.url: its links from the site's root are made relative to it)."""
        data = html.encode("utf-8", errors="surrogatepass")
        self._send(data, f"{len(data)} {page_url}\t{dest_path}\n".encode())

    def finish(self) -> None:
        """Wait until every page is written; a failure raises PageWriteError."""
        logging.getLogger("mkdocs.commands.build").removeFilter(self.filter)
        with contextlib.suppress(OSError):
            self.proc.stdin.close()
        message = self.proc.stderr.read().decode(errors="replace").strip()
        self.proc.stderr.close()
        if self.proc.wait() != 0:
            raise PageWriteError(f"The pages could not be written: {message or 'the page writer stopped'}")

    def cancel(self) -> None:
        logging.getLogger("mkdocs.commands.build").removeFilter(self.filter)
        with contextlib.suppress(OSError):
            self.proc.kill()
            self.proc.wait()
            self.proc.stdin.close()
            self.proc.stderr.close()


def _read_exactly(stream, n: int) -> bytes:
    data = stream.read(n)
    if len(data) != n:
        raise EOFError("a page was cut short")
    return data


def _write_pages(site_dir: str) -> None:
    from ..site.outputs.abbreviations import Marker
    from ..site.outputs.html_fixes import finished_page

    source = sys.stdin.buffer
    head = source.readline()
    terms, preview = pickle.loads(_read_exactly(source, int(head.split()[0])))
    marker = Marker(terms)
    root = Path(site_dir)
    made: set[Path] = set()
    while head := source.readline():
        size, _, where = head.decode().rstrip("\n").partition(" ")
        page_url, _, dest = where.partition("\t")
        html = _read_exactly(source, int(size)).decode("utf-8", errors="surrogatepass")
        out = finished_page(html, preview, marker, page_url).encode("utf-8", errors="xmlcharrefreplace")  # as MkDocs writes
        path = root / dest
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(out)


def child(site_dir: str) -> int:
    """The child process: every page from its input, finished and written; 1 and a line on failure."""
    try:
        _write_pages(site_dir)
        return 0
    except Exception as exc:  # noqa: BLE001 - every failure must reach the parent, in one line
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
