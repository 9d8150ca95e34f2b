"""Shared fixtures: the real data folder and one strict build of the real site per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import DATA, build_site

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture(scope="session")
def catalog():
    from ctwg.data.catalog import build_catalog

    return build_catalog(DATA)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once with --strict into a temporary folder."""
    out = tmp_path_factory.mktemp("site") / "site"
    result = build_site(out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out
