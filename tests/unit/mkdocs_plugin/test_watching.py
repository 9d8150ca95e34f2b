"""The preview notices saved files through inotify (ctwg.mkdocs_plugin.watching): with MkDocs'
own server and handlers, a write asks for a rebuild at once, and reading a file (as every build
does) does not."""

from __future__ import annotations

import time

import pytest
from mkdocs.livereload import LiveReloadServer

from ctwg.mkdocs_plugin.watching import _inotify_observer, use_inotify


def _wanted(server, timeout: float) -> bool:
    with server._rebuild_cond:
        return server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout)


@pytest.fixture()
def server(tmp_path):
    """MkDocs' own preview server (never bound to a port), watching as `mkdocs serve` does."""
    if _inotify_observer() is None:
        pytest.skip("no inotify on this system: MkDocs' polling stays")
    (tmp_path / "docs").mkdir()
    (tmp_path / "data" / "events").mkdir(parents=True)
    (tmp_path / "data" / "events" / "a.yml").write_text("id: a\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    server.watch(str(tmp_path / "docs"))  # watched before on_serve, as MkDocs does
    assert use_inotify(server)
    server.watch(str(tmp_path / "data"))  # watched after, with the server's own watch()
    server.observer.start()
    time.sleep(0.2)
    yield server
    server.observer.stop()
    server.observer.join(timeout=5)


def test_a_save_asks_for_a_rebuild_at_once(server, tmp_path):
    start = time.monotonic()
    (tmp_path / "data" / "events" / "a.yml").write_text("id: a\nname: A\n", encoding="utf-8")
    assert _wanted(server, 2), "the save was not noticed"
    assert time.monotonic() - start < 1


def test_a_file_read_is_not_a_change(server, tmp_path):
    (tmp_path / "data" / "events" / "a.yml").read_text(encoding="utf-8")
    assert not _wanted(server, 0.5)


def test_the_folders_watched_before_are_watched_too(server, tmp_path):
    (tmp_path / "docs" / "new.md").write_text("# New\n", encoding="utf-8")
    assert _wanted(server, 2)
