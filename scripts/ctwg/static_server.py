"""A static host on 127.0.0.1: serve a built site folder as a web host would.

In: a folder (a built site). Out: its base URL, served by a thread until the `with` block
ends. Folders answer with their index.html (a folder URL without its slash is redirected),
a missing file with the site's 404.html, and text, JSON, JavaScript and SVG are sent gzipped
when the browser accepts it, as static hosts do. The benchmark and the browser tests use it;
it only ever listens on 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import re
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

_COMPRESSIBLE = re.compile(r"^(text/|application/(javascript|json|xml|atom\+xml|manifest\+json)|image/svg)")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    cache: dict[tuple[str, float], bytes] = {}
    lock = threading.Lock()

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: N802
        self._serve(body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._serve(body=False)

    def _serve(self, body: bool) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                self.send_response(301)
                self.send_header("Location", self.path.split("?")[0] + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path = path / "index.html"
        status = 200
        if not path.is_file():
            status, path = 404, Path(self.directory) / "404.html"
            if not path.is_file():
                self.send_error(404)
                return
        ctype = self.guess_type(str(path))
        if path.suffix == ".wasm":
            ctype = "application/wasm"
        data = path.read_bytes()
        encoding = None
        if "gzip" in self.headers.get("Accept-Encoding", "") and _COMPRESSIBLE.match(ctype):
            key = (str(path), path.stat().st_mtime)
            with self.lock:
                packed = self.cache.get(key)
            if packed is None:
                packed = gzip.compress(data, compresslevel=6, mtime=0)
                with self.lock:
                    self.cache[key] = packed
            data, encoding = packed, "gzip"
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=600")
        if encoding:
            self.send_header("Content-Encoding", encoding)
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if body:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(data)


@contextlib.contextmanager
def serve_dir(directory: Path, handler_class: type | None = None) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 (a free port); yield its base URL ending in '/'.
    The default handler compresses with gzip, as static hosts do (the browser tests pass a
    plain one)."""
    handler = partial(handler_class or GzipHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=f"serve {directory}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        GzipHandler.cache.clear()
