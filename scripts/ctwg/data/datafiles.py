"""Which files of the data folder are records: data folder -> (file, type) pairs, loaded.

In: a data folder. Out: its record files with their types (`iter_data_files`), with a
`DataError` for anything misplaced (a file outside a type folder, an unknown type folder,
a file that is not .yml, a hidden record file, a symbolic link); `load_tree` loads them all
(ctwg.data.loader parses each one).
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import DataError, suggest
from . import constants
from .loader import RawRecord, display_path, load_file


def _walk_files(folder: Path) -> list[tuple[Path, bool]]:
    """Every file and symbolic link under `folder` with whether it is a link, sorted as paths
    sort; links to folders are not followed (one directory read per folder, no stat per file)."""
    out: list[tuple[str, bool]] = []
    stack = [str(folder)]
    while stack:
        with os.scandir(stack.pop()) as found:
            for entry in found:
                link = entry.is_symlink()
                if not link and entry.is_dir():
                    stack.append(entry.path)
                else:
                    out.append((entry.path, link))
    out.sort(key=lambda item: item[0].split(os.sep))
    return [(Path(path), link) for path, link in out]


def _is_record_name(name: str, rtype: str) -> bool:
    return name.endswith(".yml") or (name.endswith(".md") and rtype == "news")


def _link_problem(path: Path, data_dir: Path) -> str:
    try:
        target = path.resolve()
    except (OSError, RuntimeError):
        target = None
    what = "folder" if path.is_dir() else "file"
    if target is None or not target.exists():
        return f"is a symbolic link to a {what} that does not exist; delete the link"
    if not target.is_relative_to(data_dir.resolve()):
        return (f"is a symbolic link to a {what} outside the data folder; data files are read only from the data "
                f"folder itself: copy the {what} here instead of linking to it")
    if what == "folder":
        return "is a symbolic link to a folder; its records are not read: move the files into this folder instead"
    return f"is a symbolic link to {display_path(target)}; a record file must be the file itself, not a link to another"


def iter_data_files(data_dir: Path) -> tuple[list[tuple[Path, str]], list[DataError]]:
    """The record files under data_dir with their type, and errors for anything misplaced.

    Hidden files and folders (names starting with '.') are skipped, except a hidden record
    file (`.x.yml`), which is refused: it would never be published. Symbolic links are refused."""
    files: list[tuple[Path, str]] = []
    errors: list[DataError] = []
    if not data_dir.is_dir():
        return files, [DataError(display_path(data_dir), 1, "", "the data folder does not exist")]
    for entry in sorted(data_dir.iterdir()):
        if entry.name.startswith(".") or entry.name in ("schemas", "README.md", "templates"):
            continue
        if entry.name == constants.GLOSSARY_FILE and entry.is_file() and not entry.is_symlink():
            continue  # the glossary: read by load_glossary
        if entry.is_symlink():
            errors.append(DataError(display_path(entry), 1, "", _link_problem(entry, data_dir)))
            continue
        if not entry.is_dir():
            errors.append(DataError(display_path(entry), 1, "", "records go in a folder per type, e.g. data/events/"))
            continue
        if entry.name not in constants.RECORD_TYPES:
            errors.append(DataError(display_path(entry), 1, "",
                                    f"unknown record type folder {entry.name!r}{suggest(entry.name, constants.RECORD_TYPES)}"))
            continue
        for f, link in _walk_files(entry):
            if f.name.startswith("."):
                if _is_record_name(f.name, entry.name) and f.is_file() and not link:
                    errors.append(DataError(display_path(f), 1, "",
                                            "the file name starts with '.', so the file is hidden and would be skipped; "
                                            f"rename it to {f.name.lstrip('.')} (or delete it)"))
                continue  # editors' backup and lock files
            if link:
                errors.append(DataError(display_path(f), 1, "", _link_problem(f, data_dir)))
                continue
            if not _is_record_name(f.name, entry.name):
                allowed = "'.yml' (or '.md' with front matter)" if entry.name == "news" else "'.yml'"
                errors.append(DataError(display_path(f), 1, "", f"unexpected file; data files end in {allowed}"))
                continue
            files.append((f, entry.name))
    return files, errors


def load_tree(data_dir: Path, load=None) -> tuple[list[RawRecord], list[DataError]]:
    """Every record file of data_dir loaded (by `load`, `load_file` by default: see data.filecache)."""
    load = load or load_file
    files, errors = iter_data_files(data_dir)
    records: list[RawRecord] = []
    for path, rtype in files:
        rec, errs = load(path, rtype)
        errors.extend(errs)
        # A file that could not be read still names a record: references to it are not "unknown".
        records.append(rec if rec is not None else RawRecord(rtype, display_path(path), {}, loaded=False))
    return records, errors
