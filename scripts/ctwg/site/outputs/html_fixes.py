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
(site.urls). `compact` takes out the indentation of every line and the blank lines (the
theme's templates give a page about a tenth of its bytes in them): a line break stays wherever
there was one, so text, markup and inline scripts read the same; <pre> and <textarea>, where
spaces count, are left as they are.
Then `in_section` marks where a record page is in the sidebar: record pages are in no nav
entry, so Material marks nothing; the entry their breadcrumbs name as their section (its
index page) is marked active, and opened when it is a section (the work plan). Done on the
finished HTML, so a build through the plugin and one through `write-pages` + `post-build`
give the same page.
"""

from __future__ import annotations

import re

from ..urls import relative_hrefs
from .abbreviations import Marker
from .csp import add_csp

_MARKDOWN_TAGS = frozenset({"div", "figure", "section", "details", "summary", "p", "span", "table", "ul", "ol", "li",
                            "nav", "aside"})
_MARKDOWN_ATTR = re.compile(r'\s+markdown(?:="[^"]*")?(?=[\s/>])')
_TAG_NAME = re.compile(r"<([a-z]+)\b")
_CHECKBOX = re.compile(r'\btype="(?:checkbox|radio)"')
_AUTOCOMPLETE = re.compile(r'\s+autocomplete="[^"]*"')


def _edit_tags(html: str, needle: str, edit) -> str:
    """`html` with edit(tag) in place of every tag in which `needle` occurs (found with str.find,
    which is many times faster over a whole page than a regular expression)."""
    out, done, pos = [], 0, 0
    while (at := html.find(needle, pos)) >= 0:
        start = html.rfind("<", 0, at + 1)
        end = html.find(">", at)
        pos = at + len(needle)
        if start < done or end < 0 or html.find(">", start, at) >= 0:
            continue  # not inside a tag (text, or a tag already edited)
        out += (html[done:start], edit(html[start:end + 1]))
        done = pos = end + 1
    return "".join(out) + html[done:] if out else html


def _no_markdown(tag: str) -> str:
    name = _TAG_NAME.match(tag)
    return _MARKDOWN_ATTR.sub("", tag) if name and name.group(1) in _MARKDOWN_TAGS else tag


def _input(tag: str) -> str:
    return _AUTOCOMPLETE.sub("", tag) if tag.startswith("<input") and _CHECKBOX.search(tag) else tag


_BLANKS = re.compile(r"\n[ \t\r\f\n]+")  # not \s: a no-break space is text
_SPACES_KEPT = re.compile(r"<(pre|textarea)\b.*?</\1\s*>", re.S | re.I)


def compact(html: str) -> str:
    """`html` without the spaces after its line breaks and without blank lines, but in <pre> and <textarea>."""
    if "<pre" not in html and "<textarea" not in html and "<PRE" not in html and "<TEXTAREA" not in html:
        return _BLANKS.sub("\n", html)
    out, pos = [], 0
    for m in _SPACES_KEPT.finditer(html):
        out += (_BLANKS.sub("\n", html[pos:m.start()]), m.group())
        pos = m.end()
    out.append(_BLANKS.sub("\n", html[pos:]))
    return "".join(out)


def valid_html(html: str) -> str:
    html = _edit_tags(html, " markdown", _no_markdown)
    html = _edit_tags(html, "<input", _input)
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
    the theme writes from the site's root on purpose), compact, valid, its section marked in the
    sidebar, every use of a glossary term marked (`terms`, site.outputs.abbreviations), and
    (outside a preview) with its Content-Security-Policy. A preview has none: the preview server
    injects its live-reload script after the page is finished."""
    if page_url is not None:
        html = relative_hrefs(html, page_url)
    html = in_section(valid_html(compact(html)))
    if terms:
        html = terms.mark_page(html)
    return html if preview else add_csp(html)
