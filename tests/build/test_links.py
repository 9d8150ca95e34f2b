"""Internal link checker over a built site (no browser, nothing fetched).

Every site-relative URL in <a href>, <link href>, <script src>, <img src> (and the same
attributes on <area>, <source>, <iframe>, SVG <a>/<image>/<use>) must resolve to a file of
the built site, and every #fragment to an element id (or <a name>) on the target page.
External http(s) links are listed, never fetched. The same checker runs over the real site
(it must be clean) and over tests/fixtures/broken_site (it must report the breakage).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
import pytest

from helpers import BROKEN_SITE  # noqa: E402

# (tag, attribute) pairs that point at something the page uses or links to.
LINK_ATTRS = {
    "a": ("href", "{http://www.w3.org/1999/xlink}href", "xlink:href"),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src",),
    "source": ("src",),
    "iframe": ("src",),
    "image": ("href", "{http://www.w3.org/1999/xlink}href", "xlink:href"),
    "use": ("href", "{http://www.w3.org/1999/xlink}href", "xlink:href"),
}
# Schemes that are not pages of this site and are not fetched either.
OTHER_SCHEMES = {"mailto", "tel", "data", "blob", "about"}
SITE_ORIGIN = "http://site.invalid"  # only to resolve relative URLs; never fetched


@dataclass
class LinkReport:
    pages: int = 0
    links: int = 0
    broken: list[tuple[str, str, str]] = field(default_factory=list)  # (page, url, reason)
    external: set[str] = field(default_factory=set)

    def summary(self) -> str:
        return "\n".join(f"{page}: {url}  ({why})" for page, url, why in self.broken)


def html_pages(site: Path) -> Iterator[Path]:
    yield from sorted(site.rglob("*.html"))


@cache
def _ids(path: Path) -> frozenset[str]:
    """Every fragment target on a page: id attributes and <a name>."""
    doc = lxml.html.parse(str(path)).getroot()
    if doc is None:
        return frozenset()
    ids = {el.get("id") for el in doc.iter() if isinstance(el.tag, str) and el.get("id")}
    ids |= {el.get("name") for el in doc.iter("a") if el.get("name")}
    return frozenset(ids)


def _page_url(site: Path, page: Path) -> str:
    """The URL path a page is served at, e.g. /fora/ctwg/ for fora/ctwg/index.html."""
    rel = page.relative_to(site).as_posix()
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def _target_file(site: Path, url_path: str) -> Path | None:
    """The file that a server of the built site would send for this URL path, or None."""
    rel = unquote(url_path).lstrip("/")
    candidate = site / rel
    try:
        candidate.resolve().relative_to(site.resolve())
    except ValueError:
        return None  # escapes the site
    if url_path.endswith("/") or candidate.is_dir():
        index = candidate / "index.html"
        return index if index.is_file() else None
    return candidate if candidate.is_file() else None


def check_links(site: Path) -> LinkReport:
    site = site.resolve()
    report = LinkReport()
    for page in html_pages(site):
        report.pages += 1
        base = _page_url(site, page)
        doc = lxml.html.parse(str(page)).getroot()
        if doc is None:
            continue
        for el in doc.iter():
            if not isinstance(el.tag, str):
                continue
            tag = el.tag.rsplit("}", 1)[-1].lower()
            for attr in LINK_ATTRS.get(tag, ()):
                url = el.get(attr)
                if url is None:
                    continue
                url = url.strip()
                report.links += 1
                where = page.relative_to(site).as_posix()
                if url == "":
                    report.broken.append((where, url, f"empty {attr} on <{tag}>"))
                    continue
                parts = urlsplit(url)
                if url.startswith("//"):
                    report.broken.append((where, url, "protocol-relative URL: points to another host"))
                    continue
                if parts.scheme in ("http", "https"):
                    report.external.add(url)
                    continue
                if parts.scheme in OTHER_SCHEMES:
                    continue
                if parts.scheme:
                    report.broken.append((where, url, f"unexpected scheme {parts.scheme}:"))
                    continue
                if parts.path:
                    joined = urlsplit(urljoin(SITE_ORIGIN + base, url)).path
                    target = _target_file(site, joined)
                    if target is None:
                        report.broken.append((where, url, f"no file for {joined}"))
                        continue
                else:
                    target = page
                if parts.fragment:
                    if target.suffix != ".html":
                        report.broken.append((where, url, "fragment on a non-HTML file"))
                    elif unquote(parts.fragment) not in _ids(target):
                        report.broken.append(
                            (where, url, f"no element with id {unquote(parts.fragment)!r} in "
                                         f"{target.relative_to(site).as_posix()}")
                        )
    return report


def test_built_site_has_no_broken_internal_links(built_site):
    report = check_links(built_site)
    assert report.pages > 150, report.pages
    assert report.links > 5_000, report.links
    assert not report.broken, f"{len(report.broken)} broken links:\n" + report.summary()


def test_external_links_are_listed_not_fetched(built_site):
    report = check_links(built_site)
    # Listed for a person to review; every one must at least be a well-formed http(s) URL.
    for url in report.external:
        parts = urlsplit(url)
        assert parts.scheme in ("http", "https") and parts.netloc, url
    assert report.external, "the record pages cite external sources"


def test_checker_reports_broken_link_and_missing_anchor():
    report = check_links(BROKEN_SITE)
    found = {(page, url) for page, url, _ in report.broken}
    assert ("broken-links/index.html", "../no-such-page/") in found, report.summary()
    assert ("broken-links/index.html", "../index.html#no-such-anchor") in found, report.summary()
    # ... and only those: the good links next to them are not reported.
    assert len(report.broken) == 2, report.summary()
    assert "https://www.apec.org/" in report.external
    assert "https://fonts.googleapis.com/css2?family=Roboto&display=swap" in report.external


@pytest.mark.parametrize(
    ("page", "url", "ok"),
    [
        ("a/index.html", "../b/", True),
        ("a/index.html", "/b/index.html", True),
        ("a/index.html", "../b/#x", True),
        ("a/index.html", "../b/#nope", False),
        ("a/index.html", "#here", True),
        ("a/index.html", "#gone", False),
        ("a/index.html", "../c/", False),
        ("a/index.html", "../../../etc/passwd", False),
        ("a/index.html", "//evil.example/", False),
        ("a/index.html", "javascript:alert(1)", False),
        ("a/index.html", "mailto:x@example.org", True),
        ("a/index.html", "../b/file%20name.txt", True),
    ],
)
def test_checker_resolution(tmp_path, page, url, ok):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text('<html><body><p id="x">x</p></body></html>')
    (tmp_path / "b" / "file name.txt").write_text("x")
    (tmp_path / page).write_text(f'<html><body><h1 id="here">h</h1><a href="{url}">l</a></body></html>')
    _ids.cache_clear()
    report = check_links(tmp_path)
    assert (not report.broken) is ok, report.summary()
