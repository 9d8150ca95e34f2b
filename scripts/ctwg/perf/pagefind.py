"""Pagefind as a service beside MkDocs: pages in as they are ready -> site/pagefind/.

In: each page's searchable part (ctwg.site.outputs.search.searchable_part). Out: `pagefind/`
in the site, Pagefind's index split into small pieces, so that a reader downloads only what
a query needs. Pagefind is the `pagefind` package from PyPI with its `pagefind_bin` binary,
pinned in requirements.lock.

Pagefind runs as a service (`pagefind --service`, the interface its own Python and Node
wrappers use). MkDocs builds in two passes: it turns every page's Markdown into HTML, then
renders the theme around each page and writes it. In the first, each page's searchable part
goes to Pagefind as soon as it is ready; Pagefind parses it on the other core. After the
first, Pagefind writes the index while MkDocs is busy with the second. (The `pagefind` package's own asyncio client
is not used: it reads one answer per 0.1 s, which would make a build of 1,500 pages wait
2.5 minutes.)

Any failure stops the build: a site without its search is not published.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
import subprocess
import threading
from pathlib import Path

from ..errors import SearchIndexError
from ..site.outputs.search import BUNDLE, CONFIG, SLIM_HEAD, tidy_bundle

TIMEOUT = 1800  # seconds to wait for an answer; x100 (14,600 pages) needs well under a minute

# Pagefind writing the index holds about 70 KB per page at its peak (measured: 1 GB for
# 14,600 pages), on top of the ~50 KB per page it keeps while pages come in. Up to this many
# pages it writes while MkDocs renders the theme (a second saved at 1,500 pages, for a few
# hundred MB at most); above it, under `ctwg build`, it writes once MkDocs has ended, so that
# MkDocs' peak and Pagefind's never add up (x100: 1.5 GB together, 1.0 GB apart).
OVERLAP_MAX_PAGES = 5000
# `ctwg build` runs Pagefind itself and hands its pipes to MkDocs in this variable (JSON: the
# two file descriptors and where MkDocs leaves the index's state).
HANDOFF = "CTWG_PAGEFIND_HANDOFF"


def start_pagefind() -> subprocess.Popen:
    """Start `pagefind --service` (the pinned pagefind_bin binary) with pipes to talk to it."""
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None:
        raise SearchIndexError("the search index (Pagefind) could not run: its program is not installed "
                               "(run `make serve` or `make test` to install the pinned packages)")
    try:
        return subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except OSError as exc:
        raise SearchIndexError(f"the search index (Pagefind) could not run: {exc}") from None


class PagefindService:
    """Talks to one `pagefind --service` process: requests go to its stdin, answers come from its stdout.

    Each message is base64-encoded JSON followed by a comma, both ways. A thread reads the
    answers as they come so that Pagefind never waits on a full pipe. `proc` is None when the
    process belongs to someone else (`ctwg build`, see HANDOFF) and only its pipes are ours.
    """

    def __init__(self, stdin, stdout, proc: subprocess.Popen | None = None, last_id: int = 0) -> None:
        self.stdin, self.stdout, self.proc = stdin, stdout, proc
        self.answers: dict[int, dict] = {}
        self.errors: list[str] = []
        self.indexed = 0
        self.last_id = last_id
        self.ended = False
        self.cond = threading.Condition()
        self.stopping = threading.Event()
        self.reader = threading.Thread(target=self._read, name="pagefind-answers", daemon=True)
        self.reader.start()

    @classmethod
    def spawn(cls) -> PagefindService:
        proc = start_pagefind()
        return cls(proc.stdin, proc.stdout, proc)

    def _read(self) -> None:
        # Raw reads of the descriptor, checking `stopping` between them: after a handoff the
        # pipe is someone else's, and no answer may be read here any more.
        buf = b""
        fd = self.stdout.fileno()
        while not self.stopping.is_set():
            try:
                ready, _, _ = select.select([fd], [], [], 0.1)
                chunk = os.read(fd, 1 << 16) if ready else None
            except (OSError, ValueError):
                chunk = b""
            if chunk is None:
                continue
            if not chunk:
                break
            buf += chunk
            *messages, buf = buf.split(b",")
            for raw in messages:
                self._answer(raw)
        with self.cond:
            self.ended = True
            self.cond.notify_all()

    def _answer(self, raw: bytes) -> None:
        try:
            msg = json.loads(base64.b64decode(raw))
            payload, mid = msg["payload"], msg.get("message_id")
        except (ValueError, KeyError, TypeError):
            payload, mid = {"type": "Error", "message": f"unreadable answer {raw[:80]!r}"}, None
        with self.cond:
            if payload.get("type") == "Error":
                self.errors.append(str(payload.get("message")))
            elif payload.get("type") == "IndexedFile":
                self.indexed += 1
            if payload.get("type") != "IndexedFile" and mid is not None:
                self.answers[mid] = payload  # page answers are only counted
            self.cond.notify_all()

    def send(self, payload: dict) -> int:
        """Send a request without waiting; its answer is kept under the returned number."""
        self.last_id += 1
        data = base64.b64encode(json.dumps({"message_id": self.last_id, "payload": payload}).encode()) + b","
        try:
            self.stdin.write(data)
            self.stdin.flush()
        except (BrokenPipeError, OSError, ValueError) as exc:
            with self.cond:
                self.errors.append(f"Pagefind stopped ({exc})")
        return self.last_id

    def wait(self, mid: int, timeout: float = TIMEOUT) -> dict:
        with self.cond:
            if not self.cond.wait_for(lambda: mid in self.answers or self.ended or
                                      (self.errors and mid not in self.answers), timeout):
                raise SearchIndexError(f"the search index (Pagefind) gave no answer in {timeout:.0f} s")
            if mid in self.answers:
                return self.answers[mid]
        raise SearchIndexError("the search index (Pagefind) failed:\n" + "\n".join(self.errors or ["it stopped"]))

    def wait_indexed(self, pages: int, timeout: float = TIMEOUT) -> None:
        """Wait until Pagefind has answered for every page sent."""
        with self.cond:
            done = self.cond.wait_for(lambda: self.indexed + len(self.errors) >= pages or self.ended, timeout)
            indexed, errors = self.indexed, list(self.errors)
        if not done or errors or indexed != pages:
            raise SearchIndexError(f"the search index (Pagefind) failed: {indexed} of {pages} pages indexed"
                                   + "".join(f"\n{e}" for e in errors))

    def close(self) -> None:
        if self.proc is None:  # not ours to stop: stop reading, and leave the pipes to their owner
            self.stopping.set()
            self.reader.join()
            return
        with contextlib.suppress(OSError):
            self.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.reader.join(timeout=10)


class SearchIndexer:
    """Builds site/pagefind/ for one build.

    `reset` starts Pagefind at the start of the build. As MkDocs turns each page's Markdown
    into HTML, `add` sends the page's searchable part (its article, not the theme around it);
    once every page is in, `start` asks Pagefind to write the index into the site, on the
    other core while MkDocs renders the theme around each page. `finish` waits for it, checks
    that every page sent was indexed and tidies up.

    Under `ctwg build` (HANDOFF in the environment) Pagefind belongs to `ctwg build`. For a
    site of more than OVERLAP_MAX_PAGES pages the index is written only once MkDocs has ended
    (`handoff`, then HandedOver.write), so that the two never hold their peak memory at once.
    """

    def __init__(self) -> None:
        self.service: PagefindService | None = None
        self.index_id: int | None = None
        self.bundle: Path | None = None
        self.write_id: int | None = None
        self.pages = 0

    @property
    def handing_over(self) -> bool:
        return bool(os.environ.get(HANDOFF))

    def reset(self) -> None:
        self.cleanup()
        self.pages = 0
        if self.handing_over:
            given = json.loads(os.environ[HANDOFF])
            self.service = PagefindService(os.fdopen(given["stdin"], "wb", closefd=False),
                                           os.fdopen(given["stdout"], "rb", closefd=False))
        else:
            self.service = PagefindService.spawn()
        answer = self.service.wait(self.service.send({"type": "NewIndex", "config": CONFIG}), timeout=120)
        self.index_id = answer["index_id"]

    def add(self, dest_path: str, body: str) -> None:
        """Index a page MkDocs writes to `dest_path`, from its searchable part (`searchable_part`)."""
        if self.service is None:
            raise SearchIndexError("the search index was not started (no build is running)")
        # file_path (not read from disk): Pagefind turns it into the URL as its CLI would.
        self.service.send({"type": "AddFile", "index_id": self.index_id, "file_path": dest_path,
                           "url": None, "file_contents": SLIM_HEAD + body + "</body></html>"})
        self.pages += 1

    def indexed(self) -> None:
        """Wait until Pagefind has indexed every page sent (it indexes them while it reads on: a
        request to write the index at once after the last page can find some still being indexed)."""
        if self.service is None:
            raise SearchIndexError("the search index was not started (no build is running)")
        self.service.wait_indexed(self.pages)

    def start(self, site_dir: Path) -> None:
        if self.service is None:
            raise SearchIndexError("the search index has no pages (no build is running)")
        if self.handing_over and self.pages > OVERLAP_MAX_PAGES:
            return  # a big site: `ctwg build` asks for the index once MkDocs has ended
        self.bundle = Path(site_dir).resolve() / BUNDLE
        if self.bundle.exists():
            shutil.rmtree(self.bundle)
        self.write_id = self.service.send({"type": "WriteFiles", "index_id": self.index_id,
                                           "output_path": str(self.bundle)})

    def finish(self) -> str:
        """Wait for Pagefind to write the index; return a summary line. Raises SearchIndexError."""
        if self.handing_over and self.write_id is None:
            return self.handoff()
        if self.service is None or self.bundle is None or self.write_id is None:
            raise SearchIndexError("the search index was not started")
        try:
            self.service.wait(self.write_id)
            self.service.wait_indexed(self.pages, timeout=0)
        finally:
            # Pagefind answers before its last file is on disk: its process must have ended
            # before the files the site does not use are removed (else one comes back, or is left empty).
            self.cleanup()
        summary = tidy_bundle(self.bundle, self.pages)
        if self.handing_over:
            self._note({"written": True, "pages": self.pages})
        return summary

    def _note(self, state: dict) -> None:
        Path(json.loads(os.environ[HANDOFF])["state"]).write_text(json.dumps(state), encoding="utf-8")

    def handoff(self) -> str:
        """`ctwg build`: check every page is indexed, then tell it how to ask for the index."""
        if self.service is None:
            raise SearchIndexError("the search index was not started")
        try:
            self.service.wait_indexed(self.pages)
            self._note({"index_id": self.index_id, "last_id": self.service.last_id, "pages": self.pages})
        finally:
            self.cleanup()
        return f"{self.pages} pages indexed; the index is written once MkDocs has ended"

    def cleanup(self) -> None:
        if self.service is not None:
            self.service.close()
            self.service = None
        self.index_id = self.write_id = None


class HandedOver:
    """`ctwg build`'s side: Pagefind runs beside MkDocs; the index is written after MkDocs ends.

    MkDocs (the hook, through HANDOFF) creates the index and sends it every page, while its
    own memory is at its peak; Pagefind writing the index needs the most memory of all, so it
    waits until MkDocs has ended and given its memory back.
    """

    def __init__(self, state_file: Path) -> None:
        self.proc = start_pagefind()
        self.state_file = state_file
        self.fds = (self.proc.stdin.fileno(), self.proc.stdout.fileno())
        self.env = {HANDOFF: json.dumps({"stdin": self.fds[0], "stdout": self.fds[1], "state": str(state_file)})}

    def write(self, site_dir: Path) -> str:
        """Ask Pagefind for the index of the pages MkDocs sent; raises SearchIndexError."""
        try:
            state = json.loads(self.state_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise SearchIndexError("the search index (Pagefind) was not handed over by MkDocs") from None
        if state.get("written"):  # a small site: written while MkDocs ran
            return f"Indexed {state['pages']} pages"
        service = PagefindService(self.proc.stdin, self.proc.stdout, self.proc, last_id=state["last_id"])
        bundle = Path(site_dir).resolve() / BUNDLE
        try:
            service.wait(service.send({"type": "WriteFiles", "index_id": state["index_id"],
                                       "output_path": str(bundle)}))
        finally:
            service.close()
        return tidy_bundle(bundle, state["pages"])

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
