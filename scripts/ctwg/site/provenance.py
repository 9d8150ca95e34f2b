"""Provenance from git: when each data file last changed, and what the build is built from.

In: the data folder and the repository (git, when there is one). Out: `git_dates`
({data file as shown to people: YYYY-MM-DD of its last commit}, one `git log` pass) for the
"Last updated" line of record pages, and `build_info` (commit and build time) for the footer.
No git, no repository: empty answers, never an error.
"""

from __future__ import annotations

import datetime as _dt
import os
import subprocess
from pathlib import Path

from .. import settings


def _git(args: list[str], cwd: Path) -> str:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def git_dates(data_dir: Path) -> dict[str, str]:
    """Last commit date of every data file, from one `git log` pass: {display path: YYYY-MM-DD}."""
    top = _git(["rev-parse", "--show-toplevel"], data_dir).strip()
    if not top:
        return {}
    out: dict[str, str] = {}
    date = ""
    for line in _git(["log", "--format=@%cs", "--name-only", "--", "."], data_dir).splitlines():
        if line.startswith("@"):
            date = line[1:]
        elif line and date:
            path = os.path.relpath(Path(top) / line)
            out.setdefault(path, date)
    return out


def build_info(root: Path) -> dict[str, str]:
    commit = settings.ci_commit() or _git(["rev-parse", "HEAD"], root).strip()
    dirty = bool(_git(["status", "--porcelain", "--untracked-files=no"], root).strip())
    return {
        "commit": (commit[:12] + ("+changes" if dirty else "")) if commit else "unknown",
        "date": _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }
