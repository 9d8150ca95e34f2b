"""Shared fixtures: the real data folder and one strict build of the real site per session."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def build_site(out: Path, data: Path | None = None, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, **(extra_env or {})}
    cmd = [sys.executable, "-m", "ctwg", "build", "--site-dir", str(out), "--quiet"]
    if data:
        cmd += ["--data", str(data)]
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def catalog():
    from ctwg.catalog import build_catalog

    return build_catalog(DATA)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once with --strict into a temporary folder."""
    out = tmp_path_factory.mktemp("site") / "site"
    result = build_site(out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out
