"""`mkdocs serve` only: a failed rebuild shows its problems on every page, which reloads once they are fixed.

Left alone, MkDocs' preview server answers no request after a failed rebuild (each one waits for
a build that never finishes) and the error is somewhere in the terminal. The plugin's on_serve
calls `install(server)`, which wraps two things of the server (MkDocs' LiveReloadServer):

- its builder: a failed rebuild is caught; its problems are kept and printed once in the
  terminal (data problems as `path:line: field: message`, the lines `make validate` prints;
  another build error as its message, after the warnings logged during the build), and the
  rebuild counts as done, so waiting requests are answered and open pages reload;
- its web application: while problems are kept, every request except the reload poll gets the
  error page (`error_page`: plain HTML, no request to anything, MkDocs' reload script added), so
  the page in the browser comes back by itself when the next rebuild succeeds.

The plugin hands over data problems with `data_problems` before it stops the build. The first
build of `serve` cannot be wrapped (MkDocs runs it before on_serve): with data problems the
plugin builds nothing and calls `first_build_failed`, so the pages show them all the same
(another error there stops `serve`, as before). `mkdocs build` never uses any of this: a
problem stops it with a non-zero exit and no site.
"""

from __future__ import annotations

import html
import logging
import sys
import traceback
from collections.abc import Callable, Iterable
from typing import Any

from mkdocs.exceptions import Abort, BuildError

from ..errors import DataError

LOG = logging.getLogger("mkdocs.ctwg")


class _Collect(logging.Handler):
    """The warnings and errors MkDocs logs during one build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


class PreviewErrors:
    def __init__(self) -> None:
        self.problems: list[str] = []  # shown on every page while not empty
        self.in_data = False  # the problems shown are data problems (not another build error)
        self.data: list[str] | None = None  # the data problems of the build under way
        self.server: Any = None

    @property
    def installed(self) -> bool:
        return self.server is not None

    def data_problems(self, errors: Iterable[DataError]) -> None:
        """The build is about to stop on these data problems (called by the plugin's on_config)."""
        self.data = [str(e) for e in errors]

    def first_build_failed(self) -> None:
        """The first build had data problems (before the server exists): show them once it does.

        They are printed when the server is installed: an error logged during a build would make
        strict mode stop it."""
        self.problems, self.in_data = list(self.data or []), True

    # -- the builder ---------------------------------------------------------

    def install(self, server: Any) -> Any:
        self.server = server
        if self.problems:  # the first build's
            self._failed(None, [])
        server.builder = self._wrap_builder(server.builder)
        server.set_app(self._wrap_app(server.get_app()))
        return server

    def _wrap_builder(self, build: Callable[[], None]) -> Callable[[], None]:
        def rebuild() -> None:
            self.data = None
            collect = _Collect()
            logger = logging.getLogger("mkdocs")
            logger.addHandler(collect)
            try:
                build()
            except Exception as exc:  # mkdocs' Abort is one too (a SystemExit and an Exception)
                self.problems = self._failed(exc, collect.lines)
            else:
                if self.problems:
                    LOG.info("The problems are fixed: the preview shows the site again.")
                self.problems = []
            finally:
                logger.removeHandler(collect)

        return rebuild

    def _failed(self, exc: Exception | None, warnings: list[str]) -> list[str]:
        """The lines to show for a failed rebuild; printed once in the terminal."""
        if self.data:
            lines = self.data
            what = f"{len(lines)} problem{'s' if len(lines) != 1 else ''} in the data"
        elif isinstance(exc, (Abort, BuildError)):  # the warnings were printed as they came
            lines = [*warnings, *str(exc).strip().splitlines()]
            what = "the build stopped"
        else:  # a fault in the code, not in the data: the terminal gets the details
            traceback.print_exc()
            lines = [*warnings, f"{type(exc).__name__}: {exc}", "(the details are in the terminal)"]
            what = "the build stopped"
        self.in_data = bool(self.data)
        LOG.error("The preview cannot be built (%s); every page shows the lines below until they are fixed:", what)
        if self.data:
            print("\n".join(lines), file=sys.stderr, flush=True)
        elif isinstance(exc, (Abort, BuildError)):
            print(str(exc).strip(), file=sys.stderr, flush=True)
        return lines

    # -- the web application ---------------------------------------------------

    def _wrap_app(self, app: Callable[..., Iterable[bytes]]) -> Callable[..., Iterable[bytes]]:
        def serve(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
            if environ.get("PATH_INFO", "").startswith("/livereload/"):
                return app(environ, start_response)
            epoch = self._wait_for_build()
            problems = self.problems
            if not problems:
                return app(environ, start_response)
            body = error_page(problems, data=self.in_data).encode("utf-8")
            inject = getattr(self.server, "_inject_js_into_html", None)
            if epoch is not None and inject is not None and getattr(self.server, "_watched_paths", None):
                body = inject(body, epoch)  # MkDocs' reload script: the page reloads after the next build
            # 200, not 5xx: MkDocs logs every other answer as a warning, and the terminal has the lines already.
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                      ("Content-Length", str(len(body))), ("Cache-Control", "no-store")])
            return [body]

        return serve

    def _wait_for_build(self) -> int | None:
        """Wait for a rebuild under way, as the server does before it serves a file; the site's version."""
        server = self.server
        cond = getattr(server, "_epoch_cond", None)
        if cond is None:  # pragma: no cover - another server than MkDocs' 1.6 (or ProperDocs')
            return None
        with cond:
            cond.wait_for(lambda: server._visible_epoch == server._wanted_epoch)
            return server._visible_epoch


_STYLE = """
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}
main{max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.5rem;color:#a00}
ul{padding:0;list-style:none}
li{margin:.5rem 0;padding:.5rem .75rem;background:#fdf0f0;border-left:4px solid #a00}
code{font:15px/1.4 ui-monospace,monospace;white-space:pre-wrap;overflow-wrap:anywhere}
@media (prefers-color-scheme:dark){body{color:#eee;background:#121212}h1{color:#f88}
li{background:#2a1616;border-color:#f66}}
"""


_DATA_NOTE = ("Each line reads <code>file:line: field: message</code>. The same lines are in the terminal where "
              "<code>make serve</code> runs, and <code>make validate</code> prints them too.")
_BUILD_NOTE = "The same lines are in the terminal where <code>make serve</code> runs."


def error_page(problems: list[str], data: bool = True) -> str:
    """The page the preview shows in place of every page while a rebuild has failed."""
    n = len(problems)
    if data:
        title = f"{n} problem{'s' if n != 1 else ''} in the data"
        lead = (f"The preview was not updated: fix {'each line' if n != 1 else 'the line'} below and save the "
                "file. This page reloads by itself when the problems are fixed.")
    else:
        title = "The preview could not be rebuilt"
        lead = "The build stopped. Fix the problem below and save: this page reloads by itself when it is fixed."
    items = "\n".join(f"<li><code>{html.escape(p, quote=False)}</code></li>" for p in problems)
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}: preview</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n<main>\n"
        f"<h1>{html.escape(title)}</h1>\n<p>{html.escape(lead)}</p>\n<ul>\n{items}\n</ul>\n"
        f"<p>{_DATA_NOTE if data else _BUILD_NOTE}</p>\n"
        "</main>\n</body>\n</html>\n"
    )
