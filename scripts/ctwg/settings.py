"""Settings: the one place the environment is read.

In: environment variables (and the repository's layout). Out: plain values for the rest of
the package. Nothing else in `ctwg` reads `os.environ` for a setting; the Pagefind hand-over
between `ctwg build` and MkDocs (ctwg.perf) is process plumbing, not a setting, and stays there.

| variable | default | meaning |
| --- | --- | --- |
| CTWG_DATA | data/ beside mkdocs.yml | the data folder to build from |
| BUILDER | mkdocs | the site builder: `mkdocs`, or `properdocs` (the MkDocs 1.6 fork) |
| CTWG_PREVIEW | unset | `1`: a build shows drafts and scheduled records, as `serve` does |
| GITHUB_SHA | unset | the commit CI builds (else `git rev-parse HEAD`) |
| GITHUB_ACTIONS | unset | `true`: errors are also printed as GitHub annotations |
| GITHUB_STEP_SUMMARY | unset | a file the link check appends its Markdown report to |

SITE_URL and EDIT_BASE are read by mkdocs.yml itself (`!ENV`).
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data"


def data_dir(root: Path | None = None) -> Path:
    """The data folder: CTWG_DATA, else data/ in `root` (the folder of mkdocs.yml; default: the repository)."""
    given = os.environ.get("CTWG_DATA")
    if given:
        return Path(given)
    return (root / "data") if root is not None else DATA_DIR


BUILDERS = ("mkdocs", "properdocs")


def builder() -> str:
    """The program that builds the site (`python -m <builder> build`): BUILDER, default mkdocs."""
    name = os.environ.get("BUILDER") or "mkdocs"
    if name not in BUILDERS:
        raise ValueError(f"BUILDER={name!r}: use one of {', '.join(BUILDERS)}")
    return name


def preview_forced() -> bool:
    return os.environ.get("CTWG_PREVIEW") == "1"


def ci_commit() -> str:
    return os.environ.get("GITHUB_SHA", "")


def in_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def step_summary_path() -> str:
    return os.environ.get("GITHUB_STEP_SUMMARY", "")
