"""The site served under a sub-path, as a pull request's preview is (issue 16): the build is
made for http://127.0.0.1:PORT/pr-7/ (SITE_URL) and served from a folder whose root holds
only pr-7/, so anything that leaves the sub-path answers 404.

- every HTML page is opened in Chromium; every internal href, src, action and srcset in it
  must stay under /pr-7/ and answer 200 (no redirect), and so must every request the page
  makes while it loads;
- the search page and the header box find pages, the explorer's filter narrows its list;
- every feed linked from a page (<link rel="alternate feed">) has entries, all of them
  under the SITE_URL, and each answers 200.

test_a_root_absolute_link_is_caught and test_a_feed_outside_the_sub_path_is_caught show the
checks fail on a copy of the build with one link that leaves the sub-path.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest

from helpers import build_site  # noqa: E402

from .checks import console_errors, open_page, serve, site_pages
from .test_search import PAGE_LINKS, PAGE_STATUS, wait_for_answer

SUB = "pr-7/"

# Every URL a page's HTML names, resolved against the page's address, as [attribute, URL];
# and the feeds it links. Chromium's own parser reads the page (DOMParser, no scripts run).
LINKS_JS = """([html, url]) => {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const out = [];
  const add = (attr, v) => { if (!v) return; try { out.push([attr, new URL(v, url).href]); } catch (e) { out.push([attr, 'bad:' + v]); } };
  for (const el of doc.querySelectorAll('[href], [src], form[action], [srcset]')) {
    for (const attr of ['href', 'src', 'action']) add(el.tagName.toLowerCase() + ' ' + attr, el.getAttribute(attr));
    const set = el.getAttribute('srcset');
    if (set) for (const part of set.split(',')) add('srcset', part.trim().split(/\\s+/)[0]);
  }
  for (const el of doc.querySelectorAll('*')) {
    const x = el.getAttributeNS('http://www.w3.org/1999/xlink', 'href');
    if (x) add('xlink:href', x);
  }
  const feeds = [...doc.querySelectorAll('link[rel~="alternate"][rel~="feed"]')].map(l => new URL(l.getAttribute('href'), url).href);
  return [out, feeds];
}"""


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """(root URL, SITE_URL, built folder): the site built for and served under /pr-7/."""
    root = tmp_path_factory.mktemp("subpath")
    with serve(root) as base:
        site_url = base + SUB
        result = build_site(root / SUB.rstrip("/"), extra_env={"SITE_URL": site_url})
        assert result.returncode == 0, result.stdout + result.stderr
        yield base, site_url, root / SUB.rstrip("/")


@pytest.fixture(scope="module")
def rec(browser):
    r = open_page(browser)
    yield r
    leaked = r.all_external_requests
    r.page.context.close()
    assert not leaked, f"requests to hosts other than 127.0.0.1: {leaked}"


def _internal(url: str, base: str) -> bool:
    return url.startswith(base) or url.startswith("bad:")


def one_of_each(pages: list[str]) -> list[str]:
    """The pages of the first two levels, and the first record page of each section: one of
    each template, opened in full (scripts, styles, images, fetches)."""
    chosen, sections = [], set()
    for path in pages:
        top = path.split("/")[0]
        if path.count("/") <= 1 or top not in sections:
            chosen.append(path)
            sections.add(top)
    return chosen


def crawl(rec, base: str, site_url: str, pages: list[str], opened: list[str]) -> tuple[list[str], set[str]]:
    """Read each page (paths relative to site_url) and open those in `opened` in full;
    return (problems, feed URLs found)."""
    problems: list[str] = []
    targets: dict[str, str] = {}
    feeds: set[str] = set()
    request = rec.page.context.request
    rec.goto(site_url)
    for path in pages:
        url = site_url + path
        response = request.get(url, max_redirects=0)
        if response.status != 200:
            problems.append(f"{url}: answers {response.status}")
            continue
        links, linked_feeds = rec.page.evaluate(LINKS_JS, [response.text(), url])
        for attr, link in links:
            if not _internal(link, base):
                continue  # another host (a source's address), or mailto: and the like
            if not link.startswith(site_url):
                problems.append(f"{url}: {attr} {link} leaves the sub-path {urlsplit(site_url).path}")
                continue
            targets.setdefault(urldefrag(link)[0], url)
        feeds.update(linked_feeds)
    for target, first in sorted(targets.items()):
        status = request.get(target, max_redirects=0).status
        if status != 200:
            problems.append(f"{first}: links {target}, which answers {status}")

    loaded: list[tuple[str, int]] = []

    def on_response(r) -> None:
        loaded.append((r.url, r.status))

    rec.page.on("response", on_response)
    try:
        for path in opened:
            url = site_url + path
            loaded.clear()
            rec.goto(url)
            rec.page.wait_for_load_state("networkidle")
            for got, status in list(loaded):
                if _internal(got, base) and (not got.startswith(site_url) or status >= 400):
                    problems.append(f"{url}: opening it requested {got} ({status})")
            problems += [f"{url}: {e}" for e in console_errors(rec)]
    finally:
        rec.page.remove_listener("response", on_response)
    return problems, feeds


def feed_links(text: str) -> tuple[list[str], int]:
    """The addresses in an Atom feed (its own links, and each entry's link and id) or an
    iCalendar file (each event's URL), and how many entries or events it has."""
    if text.lstrip().startswith("BEGIN:VCALENDAR"):
        unfolded = re.sub(r"\r?\n[ \t]", "", text)
        urls = [line[4:].strip() for line in unfolded.splitlines() if line.startswith("URL:")]
        return urls, unfolded.count("BEGIN:VEVENT")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    tree = ET.fromstring(text)
    out = [link.get("href") for link in tree.findall("a:link", ns)]
    entries = tree.findall("a:entry", ns)
    for entry in entries:
        out += [link.get("href") for link in entry.findall("a:link", ns)]
        out += [e.text for e in entry.findall("a:id", ns)]
    return out, len(entries)


def check_feed(request, feed: str, site_url: str) -> list[str]:
    response = request.get(feed)
    if response.status != 200:
        return [f"{feed}: answers {response.status}"]
    links, entries = feed_links(response.text())
    if not entries or len(links) < entries:
        return [f"{feed}: {entries} entries, {len(links)} addresses: nothing to check"]
    problems = [f"{feed}: {link} is not under {site_url}" for link in links if not str(link).startswith(site_url)]
    for link in {urldefrag(str(x))[0] for x in links if str(x).startswith(site_url)}:
        status = request.get(link, max_redirects=0).status
        if status != 200:
            problems.append(f"{feed}: {link} answers {status}")
    return problems


# --------------------------------------------------------------------------- the real build


def test_every_page_and_link_stays_under_the_sub_path(rec, preview):
    base, site_url, site = preview
    pages = site_pages(site)
    assert len(pages) > 250, "the crawl found too few pages"
    opened = one_of_each(pages)
    assert {"", "explore/", "search/", "map/", "404.html"} <= set(opened) and 25 < len(opened) < 60, opened
    problems, feeds = crawl(rec, base, site_url, pages, opened)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:40])
    assert {urlsplit(f).path for f in feeds} >= {"/pr-7/feeds/all.atom", "/pr-7/feeds/news.atom", "/pr-7/feeds/events.ics"}
    request = rec.page.context.request
    problems = [p for f in sorted(feeds) for p in check_feed(request, f, site_url)]
    assert not problems, "\n".join(problems[:40])


def test_the_nothing_outside_check_has_teeth(preview):
    """The served root holds only pr-7/: the same page one level up does not exist."""
    base, site_url, site = preview
    assert sorted(p.name for p in site.parent.iterdir()) == ["pr-7"]
    assert (site / "events" / "index.html").is_file()
    import urllib.error
    import urllib.request
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(base + "events/", timeout=10)  # noqa: S310 - 127.0.0.1 only
    assert err.value.code == 404


def test_search_finds_pages_under_the_sub_path(rec, preview):
    base, site_url, _ = preview
    rec.goto(site_url + "search/?q=workshop")
    wait_for_answer(rec.page, PAGE_STATUS, "workshop")
    rec.page.wait_for_selector(PAGE_LINKS, timeout=30_000)  # the status can name the query a moment before the list shows
    hrefs = rec.page.eval_on_selector_all(PAGE_LINKS, "els => els.map(e => e.href)")
    assert hrefs, "no results for 'workshop'"
    assert all(h.startswith(site_url) for h in hrefs), hrefs
    assert rec.page.context.request.get(urldefrag(hrefs[0])[0].split("?")[0]).status == 200
    # The header box, from a record page two levels down.
    rec.goto(site_url + "events/tokyo-soft-targets-workshop-2018/")
    rec.page.fill("#ctwg-search-q", "MEG-SEC")
    wait_for_answer(rec.page, ".ctwg-search__status", "MEG-SEC")
    first = rec.page.eval_on_selector_all(".ctwg-search__results .ctwg-search__result > a", "els => els.map(e => e.href)")
    assert first and urlsplit(first[0]).path == "/pr-7/fora/meg-sec/", first
    assert not console_errors(rec)


def test_explorer_filters_under_the_sub_path(rec, preview):
    _, site_url, _ = preview
    rec.goto(site_url + "explore/")
    page = rec.page
    page.wait_for_selector(".ctwg-explorer--ready")
    total = int(page.locator(".ctwg-result-count").get_attribute("data-total"))
    page.check("#f-type-events")
    page.wait_for_function("() => location.search.includes('type=events')")
    shown = int(re.match(r"Showing (\d+)", page.locator(".ctwg-result-count").first.inner_text()).group(1))
    assert 0 < shown < total
    hrefs = page.eval_on_selector_all(".ctwg-results > li:visible a", "els => els.map(e => e.href)")
    assert hrefs and all(h.startswith(site_url + "events/") for h in hrefs), hrefs[:5]
    assert page.context.request.get(hrefs[0], max_redirects=0).status == 200
    assert not console_errors(rec)


# --------------------------------------------------------------------------- the checks can fail


@pytest.fixture
def doctored(preview, tmp_path):
    """A copy of the build served the same way, for a page to be spoilt."""
    _, _, site = preview
    root = tmp_path / "root"
    shutil.copytree(site, root / SUB.rstrip("/"))
    with serve(root) as base:
        yield base, base + SUB, root / SUB.rstrip("/")


def _inject(page_file: Path, html: str) -> None:
    text = page_file.read_text(encoding="utf-8")
    page_file.write_text(text.replace("</article>", html + "</article>", 1), encoding="utf-8")


def test_a_root_absolute_link_is_caught(rec, doctored):
    base, site_url, site = doctored
    _inject(site / "about" / "index.html", '<a href="/events/">events</a>')
    problems, _ = crawl(rec, base, site_url, ["about/"], [])
    assert any("a href" in p and base + "events/" in p and "leaves the sub-path /pr-7/" in p for p in problems), problems
    # ... and a link that stays under the sub-path but leads nowhere.
    _inject(site / "map" / "index.html", '<a href="../events/no-such-event/">none</a>')
    problems, _ = crawl(rec, base, site_url, ["map/"], [])
    assert any("events/no-such-event/, which answers 404" in p for p in problems), problems


def test_a_feed_outside_the_sub_path_is_caught(rec, preview, doctored):
    """The copy is served on another port, but its feeds still name the build's SITE_URL."""
    base, site_url, _ = preview
    _, copy_url, site = doctored
    feed = site / "feeds" / "news.atom"
    text = feed.read_text(encoding="utf-8")
    assert site_url + "news/" in text
    request = rec.page.context.request
    assert check_feed(request, copy_url + "feeds/news.atom", site_url) == []
    entry = re.search(r"<entry>\s*<id>([^<]+)</id>", text).group(1)
    assert entry.startswith(site_url + "news/")
    feed.write_text(text.replace(entry, entry.replace(site_url, base)), encoding="utf-8")
    problems = check_feed(request, copy_url + "feeds/news.atom", site_url)
    assert any(f"{base}news/" in p and "is not under" in p for p in problems), problems
    ics = site / "feeds" / "events.ics"
    ics.write_text(ics.read_text(encoding="utf-8").replace(f"URL:{site_url}", f"URL:{base}", 1), encoding="utf-8")
    problems = check_feed(request, copy_url + "feeds/events.ics", site_url)
    assert any("is not under" in p for p in problems), problems
