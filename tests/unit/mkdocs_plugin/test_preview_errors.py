"""The preview's problem page (ctwg.mkdocs_plugin.preview_errors) around a stand-in for MkDocs' server.

tests/build/test_serve.py runs the real `mkdocs serve`; this checks the wrapping on its own:
a failed rebuild is caught and shown on every address, the reload poll passes through, and a
successful rebuild serves the site again.
"""

from __future__ import annotations

import threading

from mkdocs.exceptions import Abort

from ctwg.errors import DataError
from ctwg.mkdocs_plugin.preview_errors import PreviewErrors, error_page


class FakeServer:
    """What the wrapping uses of MkDocs' LiveReloadServer."""

    def __init__(self, builder):
        self.builder = builder
        self.app = lambda environ, start_response: (start_response("200 OK", []), [b"the site"])[1]
        self._epoch_cond = threading.Condition()
        self._visible_epoch = self._wanted_epoch = 7
        self._watched_paths = {"/data": 1}

    def set_app(self, app):
        self.app = app

    def get_app(self):
        return self.app

    def _inject_js_into_html(self, content, epoch):
        return content + b"<script>livereload(%d)</script>" % epoch


def _get(server, path):
    status = []
    body = b"".join(server.app({"PATH_INFO": path}, lambda s, h: status.append(s)))
    return status[0], body.decode("utf-8")


def test_a_data_problem_is_shown_on_every_address_until_fixed(capsys):
    errors = PreviewErrors()
    outcome = {"fail": True}

    def build():
        if outcome["fail"]:
            errors.data_problems([DataError("data/events/x.yml", 4, "kind", "'seminar' is not allowed")])
            raise Abort("\n1 problem found; nothing was built.")

    server = errors.install(FakeServer(build))
    server.builder()  # the rebuild fails, but is caught
    for path in ("/", "/events/x/", "/no/such/page/", "/assets/site.css"):
        status, body = _get(server, path)
        assert status == "200 OK"
        assert "<code>data/events/x.yml:4: kind: 'seminar' is not allowed</code>" in body
        assert body.endswith("<script>livereload(7)</script>")  # reloads after the next build
    assert _get(server, "/livereload/7/1")[1] == "the site"  # the reload poll is MkDocs' own
    terminal = capsys.readouterr().err
    assert terminal.count("data/events/x.yml:4: kind: 'seminar' is not allowed") == 1
    outcome["fail"] = False
    server.builder()
    assert _get(server, "/events/x/")[1] == "the site"


def test_another_build_error_is_shown_with_the_warnings_before_it():
    errors = PreviewErrors()

    def build():
        import logging

        logging.getLogger("mkdocs.commands.build").warning("Doc file 'about.md' contains a broken link")
        raise Abort("Aborted with 1 warnings in strict mode!")

    server = errors.install(FakeServer(build))
    server.builder()
    body = _get(server, "/about/")[1]
    assert "<h1>The preview could not be rebuilt</h1>" in body
    assert body.index("contains a broken link") < body.index("Aborted with 1 warnings in strict mode!")
    assert "make validate" not in body  # not a data problem


def test_the_page_is_plain_html_with_nothing_from_elsewhere():
    page = error_page(["data/a.yml:1: name: <b>is empty</b>"])
    assert "&lt;b&gt;is empty&lt;/b&gt;" in page  # the problem's text is text
    for outside in ("<link", "src=", "http://", "https://", "@import", "url("):
        assert outside not in page
