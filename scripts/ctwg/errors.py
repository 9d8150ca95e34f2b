"""Errors: the contributors' interface, and the package's exceptions.

In: problems found by the loader, validator and linker. Out: one line each,
`path:line: field.path: message` (field left out when the problem is the whole file),
plus GitHub Actions annotations when running there. `SearchIndexError` is a build that
could not write its search index.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from . import settings


@dataclass(frozen=True, order=True)
class DataError:
    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        path, field, message = (_one_line(s) for s in (self.path, self.field, self.message))
        where = f"{path}:{self.line}:"
        return f"{where} {field}: {message}" if field else f"{where} {message}"

    def annotation(self) -> str:
        msg = f"{self.field}: {self.message}" if self.field else self.message
        msg = msg.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::error file={self.path},line={self.line}::{msg}"


class DataErrors(Exception):
    """Raised with every problem found, never just the first."""

    def __init__(self, errors: Iterable[DataError]):
        self.errors = sorted(set(errors))
        super().__init__(f"{len(self.errors)} data problem(s)")

    def report(self, github: bool | None = None) -> str:
        if github is None:
            github = settings.in_github_actions()
        lines = [str(e) for e in self.errors]
        if github:
            lines += [e.annotation() for e in self.errors]
        n = len(self.errors)
        lines.append(f"{n} problem{'s' if n != 1 else ''} found; nothing was built.")
        return "\n".join(lines)


_BREAKS = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029]")


def _one_line(text: str) -> str:
    """Control characters (a field name with a line break in it...) shown as escapes, so one problem is one line."""
    return _BREAKS.sub(lambda m: repr(m.group())[1:-1], text)


def suggest(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the nearest choice, or ''."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {match[0]!r}?)" if match else ""


def _name_key(text: str) -> str:
    """'CTTF', 'cttf', 'Counter-Terrorism Task Force' -> 'cttf', 'cttf', 'counterterrorismtaskforce'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^0-9a-z]", "", plain.lower())


def suggest_id(word: str, ids: Iterable[str], names: Mapping[str, Iterable[str]] | None = None) -> str:
    """' (did you mean 'x'?)' for an unknown id, or ''.

    `names` gives, for an id, the other names its record is known by (its name, short name and
    former names: `loader.RawRecord.names`). In this order: the id written in another case
    ('Japan'); the id of the record that has it as a name, short name or former name, in any case
    and with or without hyphens ('cttf', 'CTWG', 'Counter-Terrorism-Task-Force' -> 'ctwg'); the
    nearest id; the id of the nearest name ('cttff' -> 'ctwg').
    """
    ids = list(ids)
    lowered = word.strip().lower()
    if lowered in ids and lowered != word:
        return f" (did you mean {lowered!r}?)"
    key = _name_key(word)
    by_name: dict[str, list[str]] = {}
    for rid in ids:
        for name in (names or {}).get(rid, ()):
            if _name_key(name):
                by_name.setdefault(_name_key(name), [])
                if rid not in by_name[_name_key(name)]:
                    by_name[_name_key(name)].append(rid)
    if key and key in by_name:
        found = by_name[key][:3]
        return f" (did you mean {' or '.join(repr(f) for f in found)}?)"
    near = suggest(lowered, ids)
    if near or not key:
        return near
    close = difflib.get_close_matches(key, list(by_name), n=1, cutoff=0.75)
    return f" (did you mean {by_name[close[0]][0]!r}?)" if close else ""


class SearchIndexError(RuntimeError):
    """The search index (Pagefind) could not be written: the build stops."""


class ExportsError(RuntimeError):
    """The open-data exports and feeds could not be written: the build stops."""


class PageWriteError(RuntimeError):
    """The finished pages could not be written (ctwg.perf.pagewriter): the build stops."""
