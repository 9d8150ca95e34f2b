"""The 404 page gives a way on: a search box and the main sections, every link to a real page."""

from __future__ import annotations

import re


def test_the_404_page_has_search_and_the_main_sections(built_site):
    page = (built_site / "404.html").read_text(encoding="utf-8")
    article = page[page.index("<article"):page.index("</article>")]
    assert "Page not found" in article
    assert re.search(r'<form[^>]*action="/search/"[^>]*method="get"', article)
    assert re.search(r'<input id="ctwg-404-q" type="search" name="q"', article)
    links = re.findall(r'<a href="/([^"]*)">', article)
    assert len(links) >= 8
    for link in links:
        target = built_site / link.rstrip(".") / "index.html" if not link.endswith(".html") else built_site / link
        assert target.is_file(), link
