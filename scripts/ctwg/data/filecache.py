"""Records kept between loads of the same data folder (`mkdocs serve` rebuilds after every save).

In: a data file (path and type), then its loaded record. Out: the same answers `loader.load_file`
and `validate.validate_record` give, from memory when the file is unchanged: a record is read,
parsed and checked again only when its file changed. "Unchanged" is the same size, change
time, modification time and inode, as long as the modification time is at least a second before
the file was last read (a file changed twice within the file system's clock tick could keep
its time: such a file is read again and compared byte for byte, as git does with "racy" files).
Checks that involve several files (links, duplicate ids) and the date of today are always
made afresh by the catalog (ctwg.data.catalog.build_catalog).
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import Any

from ..errors import DataError
from .loader import RawRecord, load_file
from .validate import validate_record

_SETTLED_NS = 1_000_000_000  # a file older than this when read can be trusted by its times


class FileCache:
    def __init__(self) -> None:
        # path -> (stat key, when read (ns), digest of the bytes, record, loading errors)
        self._loaded: dict[str, tuple[tuple, int, bytes, RawRecord | None, list[DataError]]] = {}
        # path -> (the record it was made from, model, errors)
        self._checked: dict[str, tuple[RawRecord, Any, list[DataError]]] = {}
        self.reads = 0  # files read again (for tests and the benchmark)
        self.linked: dict[str | None, Any] = {}  # each valid record's links, kept by the linker (linker.link)
        self._seen: set[str] = set()  # files asked for since the last forget_missing

    def load(self, path: Path, rtype: str) -> tuple[RawRecord | None, list[DataError]]:
        """`load_file(path, rtype)`, from memory while the file is unchanged."""
        name = str(path)
        self._seen.add(name)
        try:
            st = path.stat()
        except OSError:
            self._loaded.pop(name, None)
            return load_file(path, rtype)
        key = (rtype, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
        kept = self._loaded.get(name)
        if kept is not None and kept[0] == key and st.st_mtime_ns < kept[1] - _SETTLED_NS:
            return kept[3], list(kept[4])
        now = time.time_ns()
        try:
            digest = hashlib.sha256(path.read_bytes()).digest()
        except OSError:
            self._loaded.pop(name, None)
            return load_file(path, rtype)
        if kept is not None and kept[0][0] == rtype and kept[2] == digest:
            self._loaded[name] = (key, now, digest, kept[3], kept[4])
            return kept[3], list(kept[4])
        self.reads += 1
        rec, errs = load_file(path, rtype)
        self._loaded[name] = (key, now, digest, rec, list(errs))
        return rec, errs

    def validate(self, raw: RawRecord) -> tuple[Any | None, list[DataError]]:
        """`validate_record(raw)`, from memory for a record this cache loaded and already checked."""
        kept = self._checked.get(raw.path)
        if kept is not None and kept[0] is raw:
            return kept[1], list(kept[2])
        model, errs = validate_record(raw)
        self._checked[raw.path] = (raw, model, list(errs))
        return model, errs

    def forget_missing(self) -> None:
        """After a load of the whole folder: let go of the files it no longer has."""
        for name in [n for n in self._loaded if n not in self._seen]:
            del self._loaded[name]
        self._seen = set()
        live = {id(v[3]) for v in self._loaded.values()}
        for path in [p for p, v in self._checked.items() if id(v[0]) not in live]:
            del self._checked[path]
