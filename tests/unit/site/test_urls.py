"""site.urls: hrefs in raw HTML are written from the site's root and made relative on the finished page.

Why this form: MkDocs leaves raw HTML as written, and Zensical rewrites a relative href there as
if it were relative to the page's Markdown file, but neither touches an href from the root
(tests/build/test_writeout.py builds the site with both and compares every page's links).
"""

from __future__ import annotations

import pytest

from ctwg.site import markup, urls
from ctwg.site.outputs.html_fixes import finished_page


@pytest.mark.parametrize("target,page,expected", [
    ("events/x/", "fora/ctwg/", "../../events/x/"),
    ("fora/", "fora/ctwg/", "../"),
    ("fora/ctwg/", "fora/ctwg/", "./"),  # the page itself
    ("events/", "", "events/"),  # from the home page
    ("", "fora/ctwg/", "../../"),  # to the home page
    ("", "", "./"),
    ("api/v1/events.json", "data/", "../api/v1/events.json"),
    ("explore/", "documents/x/", "../../explore/"),
    ("work-plan/tracker/", "work-plan/", "tracker/"),
])
def test_an_href_from_the_root_is_made_relative_to_the_page(target, page, expected):
    html = f'<p><a href="{urls.site_href(target)}">x</a></p>'
    assert urls.relative_hrefs(html, page) == f'<p><a href="{expected}">x</a></p>'


def test_the_query_and_fragment_stay_and_other_hrefs_are_left_alone():
    html = ('<a href="/explore/?links=a&amp;type=events">a</a> <a href="/fora/#top">b</a> '
            '<a href="https://example.org/x/">c</a> <a href="//example.org/">d</a> <a href="#here">e</a> '
            '<a href="../already/">f</a> <svg><a class="n" href="/fora/ctwg/"><text>g</text></a></svg> '
            '<p>text saying href="/not-an-attribute/"</p>')
    assert urls.relative_hrefs(html, "explore/") == (
        '<a href="./?links=a&amp;type=events">a</a> <a href="../fora/#top">b</a> '
        '<a href="https://example.org/x/">c</a> <a href="//example.org/">d</a> <a href="#here">e</a> '
        '<a href="../already/">f</a> <svg><a class="n" href="../fora/ctwg/"><text>g</text></a></svg> '
        '<p>text saying href="/not-an-attribute/"</p>')


def test_the_finished_page_has_relative_hrefs_but_the_404_page_keeps_its_own():
    page = '<html><body><a href="/events/x/">x</a></body></html>'
    assert 'href="../../events/x/"' in finished_page(page, True, page_url="fora/ctwg/")
    # 404.html is served at any address: the theme writes its links from the site's root on purpose.
    assert 'href="/events/x/"' in finished_page(page, True, page_url=None)


@pytest.mark.parametrize("href,page,expected", [
    ("../../partners/cted/", "events/tokyo-2018/", "/partners/cted/"),
    ("../../events/", "partners/cted/", "/events/"),
    ("../../fora/ctwg/#chairs", "partners/cted/", "/fora/ctwg/#chairs"),
    ("../", "partners/cted/", "/partners/"),
    ("../../../../x/", "partners/cted/", "/x/"),  # above the root: where a browser would go at the root
    ("https://example.org/a", "partners/cted/", "https://example.org/a"),
    ("mailto:a@example.org", "partners/cted/", "mailto:a@example.org"),
    ("#top", "partners/cted/", "#top"),
])
def test_an_authors_relative_link_is_rooted_at_the_records_page(href, page, expected):
    assert urls.rooted(href, page) == expected


def test_a_summary_link_leads_to_the_same_page_wherever_the_summary_is_shown():
    text = "Works with [CTED](../../partners/cted/) and [APEC](https://www.apec.org/)."
    html = markup.md_block(text, "fora/ctwg/")
    assert 'href="/partners/cted/"' in html and 'href="https://www.apec.org/"' in html
    for page, expected in [("fora/ctwg/", "../../partners/cted/"), ("for/officials/", "../../partners/cted/"),
                           ("work-plan/", "../partners/cted/"), ("", "partners/cted/")]:
        assert f'href="{expected}"' in urls.relative_hrefs(html, page)
    assert 'href="../../partners/cted/"' in markup.md_block(text)  # a feed: as written
