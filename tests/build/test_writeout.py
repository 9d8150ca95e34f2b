"""The data-to-Markdown step stands alone (ctwg.site.writeout), and post-build finishes any built site.

`python -m ctwg write-pages OUT` must not import MkDocs; plain MkDocs building OUT, followed by
`python -m ctwg post-build`, must give the same site as `make build`: every page and export
byte for byte (build stamp masked), the CSP on every page, and the same search index content.
Two things are allowed to differ, and are checked otherwise: the sitemap lists the same
addresses in another order (the engine meets the pages in another order), and Pagefind numbers
the pages of its index in the order it meets them, so its index chunks and filter file
differ while every page's fragment (its text, title, kind, filters, headings) is identical.
Zensical builds OUT strictly too, and with post-build every page's content has the same links
as in `make build` (the theme around it is Zensical's own).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

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


def test_raw_html_in_the_written_pages_links_from_the_root(written):
    """The pages' Markdown gives raw HTML's internal hrefs from the site's root, which no engine
    rewrites (site.urls); a relative one would be read differently by MkDocs and Zensical."""
    out, _ = written
    relative = re.compile(r'<[A-Za-z][^<>]*\s(?:href|src)="(?![/#?]|[a-z][a-z0-9+.-]*:)([^"]*)"')
    found = [f"{p.relative_to(out / 'docs').as_posix()}: {m.group(1)}"
             for p in sorted((out / "docs").rglob("*.md")) for m in relative.finditer(p.read_text(encoding="utf-8"))]
    rooted = sum(p.read_text(encoding="utf-8").count(' href="/') for p in (out / "docs").rglob("*.md"))
    assert found == [] and rooted > 500, found[:20]


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


@pytest.fixture(scope="module")
def zensical_site(written, tmp_path_factory):
    """Zensical (Material's successor, pinned in requirements-dev.lock) building a copy of the
    written-out folder strictly, then post-build: (its stdout, the site folder)."""
    out, _ = written
    copy = tmp_path_factory.mktemp("zensical") / "out"
    shutil.copytree(out, copy)
    zensical = Path(sys.executable).with_name("zensical")
    result = subprocess.run([str(zensical), "build", "-f", str(copy / "mkdocs.yml"), "-s"], cwd=copy,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    site = copy / "site"
    built = run("-m", "ctwg", "post-build", str(site))
    assert built.returncode == 0, built.stdout + built.stderr
    return copy, site


def test_zensical_builds_the_written_folder_strictly(zensical_site):
    """Every page is built, strictly; post-build then adds what the plugin adds. What Zensical
    still loses is in docs/maintenance.md."""
    copy, site = zensical_site
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    wanted = sorted(p.relative_to(copy / "docs").with_suffix("").as_posix() for p in (copy / "docs").rglob("*.md"))
    assert len(pages) == len(wanted) and "fora/ctwg/index.html" in pages
    assert (site / "pagefind" / "pagefind.js").is_file() and (site / "api" / "v1" / "catalog.json").is_file()


class _ContentLinks(HTMLParser):
    """The internal hrefs (and srcs) in a page's content (Material's and Zensical's <article>),
    in order. The theme around it is each engine's own, so it is not compared."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article" and (self.depth or "md-content__inner" in (a.get("class") or "")):
            self.depth += 1
        if self.depth:
            self.links += [v for k, v in attrs if k in ("href", "src") and v is not None
                           and not re.match(r"[a-z][a-z0-9+.-]*:|//", v)]

    def handle_endtag(self, tag):
        if tag == "article" and self.depth:
            self.depth -= 1


def content_links(site: Path, rel: str) -> list[str]:
    """A page's internal links, with the two spellings that are each engine's own made alike
    (docs/maintenance.md): a link to the page itself, which MkDocs writes './' and Zensical
    '../<page>/', and the theme's link home on 404.html, '/.' in MkDocs and '/' in Zensical."""
    if not (site / rel).is_file():
        return ["(no such page)"]
    parser = _ContentLinks()
    parser.feed((site / rel).read_text(encoding="utf-8"))
    folder = urljoin(urljoin("http://h/sub/", rel), "./")
    out = []
    for href in parser.links:
        path, mark, rest = re.match(r"([^?#]*)([?#]?)(.*)", href).groups()
        if path and not path.startswith("/") and urljoin(folder, path) == folder:
            path = "./"
        elif rel == "404.html" and path.endswith("/."):
            path = path[:-1]
        out.append(path + mark + rest)
    return out


def test_zensical_and_mkdocs_give_every_page_the_same_links(built_site, zensical_site):
    """Built with MkDocs (the plugin) and with Zensical (the written-out folder, then post-build),
    every page's content links to the same places, spelled the same. Zensical rewrites relative
    hrefs in raw HTML as if they were relative to the page's Markdown file, so the site writes
    raw HTML's hrefs from the root and makes them relative on the finished page (site.urls)."""
    _, site = zensical_site
    pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")
                   if "pagefind" not in p.parts)
    assert len(pages) > 250
    differing, total = [], 0
    for rel in pages:
        ours, theirs = content_links(built_site, rel), content_links(site, rel)
        total += len(ours)
        if ours != theirs:
            pairs = [(a, b) for a, b in zip(ours, theirs, strict=False) if a != b] or [(len(ours), len(theirs))]
            differing.append(f"{rel}: {pairs[0][0]} != {pairs[0][1]} ({len(pairs)} differ)")
    assert total > 5000
    assert differing == [], f"{len(differing)} pages differ:\n" + "\n".join(differing[:20])
