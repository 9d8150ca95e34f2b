"""The data-to-Markdown step stands alone (ctwg.site.writeout), and post-build finishes any built site.

`python -m ctwg write-pages OUT` must not import MkDocs; plain MkDocs building OUT, followed by
`python -m ctwg post-build`, must give the same site as `make build`: every page and export
byte for byte (build stamp masked), the CSP on every page, and the same search index content.
Two things are allowed to differ, and are checked otherwise: the sitemap lists the same
addresses in another order (the engine meets the pages in another order), and Pagefind numbers
the pages of its index in the order it meets them, so its index chunks and filter file
differ while every page's fragment (its text, title, kind, filters, headings) is identical.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from helpers import ROOT, site_differences


def run(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=900, **kw)


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("writeout") / "out"
    probe = ("import sys; from ctwg.cli import main; code = main(['write-pages', sys.argv[1]]); "
             "print('MKDOCS-IMPORTED' if any(m == 'mkdocs' or m.startswith(('mkdocs.', 'material')) for m in sys.modules) "
             "else 'NO-MKDOCS'); sys.exit(code)")
    result = run("-c", probe, str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    return out, result.stdout


@pytest.fixture(scope="module")
def finished(written, tmp_path_factory):
    out, _ = written
    site = tmp_path_factory.mktemp("writeout-site") / "site"
    result = run("-m", "mkdocs", "build", "--strict", "-q", "-f", str(out / "mkdocs.yml"), "-d", str(site),
                 env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    result = run("-m", "ctwg", "post-build", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_write_pages_does_not_import_mkdocs(written):
    out, stdout = written
    assert "NO-MKDOCS" in stdout
    assert (out / "docs" / "fora" / "ctwg.md").is_file() and (out / "docs" / "explore" / "filters.json").is_file()
    config = (out / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks" not in config and "macros" not in config
    assert "{{" not in (out / "docs" / "index.md").read_text(encoding="utf-8")  # macros rendered


def test_the_written_folder_plus_post_build_is_the_site(built_site, finished):
    differences = [d for d in site_differences(built_site, finished)
                   if not re.search(r"sitemap\.xml|pagefind/(index/|filter/)", d)]
    assert differences == []
    sitemap = re.compile(r"<loc>([^<]*)</loc>")
    ours, theirs = ((s / "sitemap.xml").read_text(encoding="utf-8") for s in (built_site, finished))
    assert sorted(sitemap.findall(ours)) == sorted(sitemap.findall(theirs))
    fragments = [sorted(p.name for p in (s / "pagefind" / "fragment").iterdir()) for s in (built_site, finished)]
    assert fragments[0] == fragments[1] and len(fragments[0]) > 100  # same pages, same content (content-addressed)
    counts = [json.loads((s / "pagefind" / "pagefind-entry.json").read_text())["languages"]["en"]["page_count"]
              for s in (built_site, finished)]
    assert counts[0] == counts[1]


def test_post_build_adds_the_csp_to_every_page(finished):
    pages = [p for p in finished.rglob("*.html") if "pagefind" not in p.parts]
    assert pages and all('http-equiv="Content-Security-Policy"' in p.read_text(encoding="utf-8") for p in pages)


def test_post_build_refuses_a_folder_that_is_not_a_site(tmp_path):
    result = run("-m", "ctwg", "post-build", str(tmp_path))
    assert result.returncode == 2 and "is not a built site" in result.stderr


def test_zensical_builds_the_written_folder_strictly(written, tmp_path):
    """Zensical (Material's successor, pinned in requirements-dev.lock) reads the written-out
    mkdocs.yml and builds every page strictly; post-build then adds what the plugin adds.
    What it still loses is in docs/maintenance.md (it rewrites relative links in raw HTML)."""
    import shutil
    from pathlib import Path

    out, _ = written
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    zensical = Path(sys.executable).with_name("zensical")
    result = subprocess.run([str(zensical), "build", "-f", str(copy / "mkdocs.yml"), "-s"], cwd=copy,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    site = copy / "site"
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    wanted = sorted(p.relative_to(copy / "docs").with_suffix("").as_posix() for p in (copy / "docs").rglob("*.md"))
    assert len(pages) == len(wanted) and "fora/ctwg/index.html" in pages
    result = run("-m", "ctwg", "post-build", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "pagefind" / "pagefind.js").is_file() and (site / "api" / "v1" / "catalog.json").is_file()
