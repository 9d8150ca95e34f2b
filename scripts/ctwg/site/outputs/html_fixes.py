"""Valid HTML: the finished page, with what the Nu Html Checker rejects taken out.

In: a page's final HTML (theme included). Out: the same page without
- `markdown` attributes that md_in_html leaves on blocks it was told not to parse
  (`markdown="0"`), which are not HTML;
- `autocomplete` on checkboxes (Material's drawer toggle): HTML allows it only on text-like
  inputs;
- `for="__toc"` on Material's table-of-contents title when the page has no `__toc` toggle
  (pages outside the navigation): a label must name a control that exists.
Nothing a reader sees changes. tests/build/test_html_valid.py runs the checker over the site.
"""

from __future__ import annotations

import re

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


def finished_page(html: str, preview: bool, terms: Marker | None = None) -> str:
    """A page as it goes into the site: valid, with every use of a glossary term marked
    (`terms`, site.outputs.abbreviations), and (outside a preview) with its
    Content-Security-Policy. A preview has none: the preview server injects its live-reload
    script after the page is finished."""
    html = valid_html(html)
    if terms:
        html = terms.mark_page(html)
    return html if preview else add_csp(html)
