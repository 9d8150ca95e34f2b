"""Data errors: the contributors' interface.

In: problems found by the loader, validator and linker. Out: one line each,
`path:line: field.path: message` (field left out when the problem is the whole file),
plus GitHub Actions annotations when running there.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True, order=True)
class DataError:
    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:"
        return f"{where} {self.field}: {self.message}" if self.field else f"{where} {self.message}"

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
            github = os.environ.get("GITHUB_ACTIONS") == "true"
        lines = [str(e) for e in self.errors]
        if github:
            lines += [e.annotation() for e in self.errors]
        n = len(self.errors)
        lines.append(f"{n} problem{'s' if n != 1 else ''} found; nothing was built.")
        return "\n".join(lines)


def suggest(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the nearest choice, or ''."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {match[0]!r}?)" if match else ""
