"""The preview notices saved files through inotify (ctwg.mkdocs_plugin.watching): a write asks
for a rebuild at once, and reading a file (as every build does) does not."""

from __future__ import annotations

import threading
import time

import pytest

from ctwg.mkdocs_plugin.watching import _inotify_observer, use_inotify


class FakeServer:
    """The parts of MkDocs' LiveReloadServer that use_inotify uses."""

    def __init__(self) -> None:
        self.observer = object()
        self._watched_paths: dict[str, int] = {}
        self._watch_refs: dict = {}
        self._rebuild_cond = threading.Condition()
        self._want_rebuild = False

    def wanted(self, timeout: float) -> bool:
        with self._rebuild_cond:
            return self._rebuild_cond.wait_for(lambda: self._want_rebuild, timeout)


@pytest.fixture()
def server(tmp_path):
    if _inotify_observer() is None:
        pytest.skip("no inotify on this system: MkDocs' polling stays")
    server = FakeServer()
    server._watched_paths[str(tmp_path / "docs")] = 1  # watched before on_serve, as MkDocs does
    (tmp_path / "docs").mkdir()
    (tmp_path / "data" / "events").mkdir(parents=True)
    (tmp_path / "data" / "events" / "a.yml").write_text("id: a\n", encoding="utf-8")
    assert use_inotify(server)
    server.watch(str(tmp_path / "data"))  # watched after, through the replaced watch()
    server.observer.start()
    time.sleep(0.2)
    yield server
    server.observer.stop()
    server.observer.join(timeout=5)


def test_a_save_asks_for_a_rebuild_at_once(server, tmp_path):
    start = time.monotonic()
    (tmp_path / "data" / "events" / "a.yml").write_text("id: a\nname: A\n", encoding="utf-8")
    assert server.wanted(2), "the save was not noticed"
    assert time.monotonic() - start < 1


def test_a_file_read_is_not_a_change(server, tmp_path):
    (tmp_path / "data" / "events" / "a.yml").read_text(encoding="utf-8")
    assert not server.wanted(0.5)


def test_the_folders_watched_before_are_watched_too(server, tmp_path):
    (tmp_path / "docs" / "new.md").write_text("# New\n", encoding="utf-8")
    assert server.wanted(2)
