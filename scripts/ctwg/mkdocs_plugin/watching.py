"""`mkdocs serve` only: notice saved files at once, without polling the whole data folder.

MkDocs' preview server finds changes by polling: twice a second it lists and stats every
watched file, on the same Python lock as the rebuilds. At x100 the data folder holds 27,500
files, and each poll takes a good part of a core and adds up to half a second before a save is
seen. Where the system offers it (Linux's inotify), `use_inotify(server)` has the server told
of each change instead: the same folders are watched, and a change to a file (created,
written, deleted, moved) asks for a rebuild exactly as MkDocs' own watcher does. Files only
read (by the build itself) are not changes. Elsewhere MkDocs' polling stays.
"""

from __future__ import annotations

import logging
import os
import tempfile
from typing import Any

from watchdog.events import (
    EVENT_TYPE_CLOSED,
    EVENT_TYPE_CREATED,
    EVENT_TYPE_DELETED,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_MOVED,
    FileSystemEvent,
    FileSystemEventHandler,
)

LOG = logging.getLogger("mkdocs.ctwg")
CHANGES = {EVENT_TYPE_CREATED, EVENT_TYPE_MODIFIED, EVENT_TYPE_DELETED, EVENT_TYPE_MOVED, EVENT_TYPE_CLOSED}


def _inotify_observer() -> Any | None:
    """A working inotify observer, or None (not Linux, or no inotify in this container)."""
    try:
        from watchdog.observers.inotify import InotifyObserver
    except ImportError:  # pragma: no cover - not Linux
        return None
    try:
        with tempfile.TemporaryDirectory() as folder:
            probe = InotifyObserver()
            probe.schedule(FileSystemEventHandler(), folder, recursive=True)
            probe.start()
            probe.stop()
            probe.join(timeout=5)
    except OSError:
        return None
    return InotifyObserver()


def use_inotify(server: Any) -> bool:
    """Swap the server's polling observer (not started yet) for inotify; False: polling stays."""
    needed = ("observer", "_watched_paths", "_watch_refs", "_rebuild_cond")
    if not all(hasattr(server, name) for name in needed):  # pragma: no cover - not MkDocs 1.6's server
        return False
    observer = _inotify_observer()
    if observer is None:
        return False

    def changed(event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type not in CHANGES:
            return
        with server._rebuild_cond:
            server._want_rebuild = True
            server._rebuild_cond.notify_all()

    handler = FileSystemEventHandler()
    handler.on_any_event = changed  # type: ignore[method-assign]
    for path in server._watched_paths:
        server._watch_refs[path] = observer.schedule(handler, path, recursive=True)
    server.observer = observer

    def watch(path: str, func: None = None, *, recursive: bool = True) -> None:
        """MkDocs' LiveReloadServer.watch, with this observer and handler."""
        if func is not None:
            raise TypeError("Plugins can no longer pass a 'func' parameter to watch().")
        path = os.path.abspath(path)
        if path in server._watched_paths:
            server._watched_paths[path] += 1
            return
        server._watched_paths[path] = 1
        server._watch_refs[path] = observer.schedule(handler, path, recursive=recursive)

    server.watch = watch
    return True
