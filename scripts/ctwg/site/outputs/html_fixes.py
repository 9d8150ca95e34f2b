"""Valid HTML: the finished page, with what the Nu Html Checker rejects taken out.

In: a page's final HTML (theme included). Out: the same page without
- `markdown` attributes that md_in_html leaves on blocks it was told not to parse
  (`markdown="0"`), which are not HTML;
- `autocomplete` on checkboxes (Material's drawer toggle): HTML allows it only on text-like
  inputs;
- `for="__toc"` on Material's table-of-contents title when the page has no `__toc` toggle
  (pages outside the navigation): a label must name a control that exists.
Nothing a reader sees changes. tests/build/test_html_valid.py runs the checker over the site.
First, `finished_page` makes the hrefs that raw HTML gives from the site's root relative
(site.urls). Then `in_section` marks where a record page is in the sidebar: record pages are
in no nav entry, so Material marks nothing; the entry their breadcrumbs name as their section (its
index page) is marked active, and opened when it is a section (the work plan). Done on the
finished HTML, so a build through the plugin and one through `write-pages` + `post-build`
give the same page.
"""

from __future__ import annotations

import re

from ..urls import relative_hrefs
from .abbreviations import Marker
from .csp import add_csp

_MARKDOWN_ATTR = re.compile(r'(<(?:div|figure|section|details|summary|p|span|table|ul|ol|li|nav|aside)\b[^<>]*?)'
                            r'\s+markdown(?:="[^"]*")?(?=[\s/>])')
_INPUT = re.compile(r"<input\b[^<>]*>")
_CHECKBOX = re.compile(r'\btype="(?:checkbox|radio)"')
_AUTOCOMPLETE = re.compile(r'\s+autocomplete="[^"]*"')


def _input(m: re.Match) -> str:
    tag = m.group()
    return _AUTOCOMPLETE.sub("", tag) if _CHECKBOX.search(tag) else tag


def valid_html(html: str) -> str:
    html = _MARKDOWN_ATTR.sub(r"\1", html)
    html = _INPUT.sub(_input, html)
    if 'id="__toc"' not in html:
        html = html.replace(' for="__toc"', "")
    return html


_SECTION = re.compile(r'<nav [^<>]*class="ctwg-breadcrumbs"[^<>]*>\s*<ol>\s*<li><a href="[^"]*">[^<]*</a></li>'
                      r'\s*<li><a href="([^"]*)">')
_NESTED = re.compile(r'<li class="md-nav__item md-nav__item--nested">(\s*)'
                     r'<input class="md-nav__toggle md-toggle " type="checkbox" id="(__nav_\d+)" >')


def in_section(html: str) -> str:
    """Mark the sidebar entry of a record page's section (the second breadcrumb) as active."""
    m = _SECTION.search(html)
    start = html.find("md-nav--primary")
    if not m or start < 0:
        return html
    href = m.group(1)
    link = f'<a href="{href}" class="md-nav__link'
    plain = re.compile(r'<li class="md-nav__item">(\s*)' + re.escape(link + '">'))
    found = plain.search(html, start)
    if found:
        return (html[:found.start()] + f'<li class="md-nav__item md-nav__item--active">{found.group(1)}{link}">'
                + html[found.end():])
    for n in _NESTED.finditer(html, start):  # a section whose index page is the section's
        head_end = html.find('<nav class="md-nav"', n.end())
        if head_end < 0 or link not in html[n.end():head_end]:
            continue
        toggle = n.group(2)
        opened = (f'<li class="md-nav__item md-nav__item--active md-nav__item--nested">{n.group(1)}'
                  f'<input class="md-nav__toggle md-toggle " type="checkbox" id="{toggle}" checked>')
        rest = html[n.end():].replace(f'aria-labelledby="{toggle}_label" aria-expanded="false"',
                                      f'aria-labelledby="{toggle}_label" aria-expanded="true"', 1)
        return html[:n.start()] + opened + rest
    return html


def finished_page(html: str, preview: bool, terms: Marker | None = None, page_url: str | None = None) -> str:
    """A page as it goes into the site: its hrefs from the site's root made relative to its
    address `page_url` ('fora/ctwg/'; site.urls.relative_hrefs; None for 404.html, whose links
    the theme writes from the site's root on purpose), valid, its section marked in the sidebar,
    every use of a glossary term marked (`terms`, site.outputs.abbreviations), and (outside a
    preview) with its Content-Security-Policy. A preview has none: the preview server injects
    its live-reload script after the page is finished."""
    if page_url is not None:
        html = relative_hrefs(html, page_url)
    html = in_section(valid_html(html))
    if terms:
        html = terms.mark_page(html)
    return html if preview else add_csp(html)
