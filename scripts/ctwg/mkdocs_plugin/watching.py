"""`mkdocs serve` only: notice saved files at once, without polling the whole data folder.

MkDocs' preview server finds changes by polling: twice a second it lists and stats every
watched file, on the same Python lock as the rebuilds. At x100 the data folder holds 27,500
files, and each poll takes a good part of a core and adds up to half a second before a save is
seen. Where the system offers it (Linux's inotify), `use_inotify(server)` has the server told
of each change instead: the same folders are watched by the server's own handlers, which get
the events that change a file (created, written, deleted, moved); files only read (by the
build itself) are not changes. Elsewhere MkDocs' polling stays.
"""

from __future__ import annotations

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

CHANGES = {EVENT_TYPE_CREATED, EVENT_TYPE_MODIFIED, EVENT_TYPE_DELETED, EVENT_TYPE_MOVED, EVENT_TYPE_CLOSED}


class _ChangesOnly(FileSystemEventHandler):
    """Hands on to MkDocs' handler the events that change a file, not those of a file read."""

    def __init__(self, handler: FileSystemEventHandler) -> None:
        super().__init__()
        self.handler = handler

    def dispatch(self, event: FileSystemEvent) -> None:
        if event.event_type in CHANGES:
            self.handler.dispatch(event)


def _inotify_observer() -> Any | None:
    """A working inotify observer whose watches pass on changes only, or None (not Linux, or no
    inotify in this container)."""
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

    class ChangesObserver(InotifyObserver):
        def schedule(self, event_handler, path, *, recursive=False, **kwargs):  # type: ignore[override]
            return super().schedule(_ChangesOnly(event_handler), path, recursive=recursive, **kwargs)

    return ChangesObserver()


def use_inotify(server: Any) -> bool:
    """Swap the server's polling observer (not started yet) for inotify; False: polling stays.

    The server's own `watch` and handlers stay: the folders it watches already move to the new
    observer with their handlers, and those it watches later are scheduled on it."""
    old = getattr(server, "observer", None)
    if not hasattr(server, "_watch_refs") or not hasattr(old, "_handlers"):  # pragma: no cover - not MkDocs 1.6's
        return False
    observer = _inotify_observer()
    if observer is None:
        return False
    for path, watch in list(server._watch_refs.items()):
        for handler in old._handlers.get(watch, ()):
            server._watch_refs[path] = observer.schedule(handler, path, recursive=watch.is_recursive)
    server.observer = observer
    return True
