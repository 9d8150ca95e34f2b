"""Abbreviations: every use of a glossary term on a page, marked with what it means.

In: the glossary's terms (ctwg.data.terms) and a finished page. Out: the same page with each
whole-word use of a term in its article written `<abbr title="...">term</abbr>`: Material shows
the title as a tooltip on hover and on focus (mkdocs.yml: content.tooltips). The first use of
each term on a page also takes `tabindex="0"`, so that keyboard users can reach it; later uses
show the same tooltip on hover (one tab stop per term, not one per use).

Only text is marked, and only where an abbreviation belongs: never inside a link, a heading,
code, the page title, an attribute, a figure's SVG, a script, a button or a hidden element,
nor inside an abbreviation already there (marking twice changes nothing). Outside the article
(header, navigation, footer) nothing is touched. The search index reads the text, not the
title, so the expansions do not show in search results.
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Iterable

from ...data.terms import Term
from ..markup import esc

# Elements whose text is never marked (with everything inside them).
SKIP = frozenset({"a", "abbr", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "samp", "script", "style",
                  "svg", "math", "title", "textarea", "select", "option", "button", "label", "template", "noscript",
                  "iframe", "object", "dfn"})
_RAW_TEXT = frozenset({"script", "style", "textarea", "title"})  # their text is not HTML: nothing nests
_TOKEN = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\"[^\"]*\"|'[^']*'|[^'\">])*)>", re.S)
# Most tags hold no quote that could hide a '>': the plain pattern finds them fast, and _TOKEN
# reads a tag again whenever its quotes do not pair up (title="a > b").
_FAST_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>|<!--")
_HIDDEN = re.compile(r"(?:^|\s)(?:hidden|aria-hidden=\"true\"|data-pagefind-ignore)(?=[\s=/]|$)")
_ARTICLE = re.compile(r"<article\b[^>]*>")


_CLOSERS: dict[str, re.Pattern] = {}


def _end_of(html: str, name: str, pos: int) -> int:
    """Where the element `name` opened just before `pos` closes (at its closing tag), counting
    elements of the same name opened inside it; the end of `html` if it never closes."""
    closer = _CLOSERS.get(name)
    if closer is None:
        closer = _CLOSERS[name] = re.compile(rf"<(/?){re.escape(name)}(?=[\s/>])((?:\"[^\"]*\"|'[^']*'|[^'\">])*)>", re.I)
    depth = 1
    for m in closer.finditer(html, pos):
        if m.group(1):
            depth -= 1
            if depth == 0:
                return m.start()
        elif name not in _RAW_TEXT and not m.group(2).rstrip().endswith("/"):
            depth += 1
    return len(html)


def forms_of(term: Term) -> list[str]:
    """The written forms marked for a term: each form, and a lower-case one with a capital first letter too."""
    out: list[str] = []
    for form in term.forms:
        out.append(form)
        if form[:1].islower():
            out.append(form[:1].upper() + form[1:])
    return list(dict.fromkeys(out))


class Marker:
    def __init__(self, terms: Iterable[Term]) -> None:
        self.by_form: dict[str, Term] = {}
        for t in terms:
            for form in forms_of(t):
                self.by_form.setdefault(form, t)
        # longest first: 'STAR II' before 'STAR I' before 'STAR', 'TEL/SPSG' before 'TEL'
        forms = sorted(self.by_form, key=lambda f: (-len(f), f))
        alternatives = "|".join(r"(?:\s|&nbsp;)+".join(re.escape(esc(w)) for w in f.split()) for f in forms)
        # a whole word: not inside another word, an entity or a hyphenated word, nor a part of a
        # document number ('2011/SOM1/CTTF/001'); 'CTI/SCCP' is two terms
        self.pattern = re.compile(rf"(?<![\w&-])(?<!\d/)(?:{alternatives})(?![\w-])(?!/\d)") if forms else None
        self._space = re.compile(r"(?:\s|&nbsp;)+")
        self.shortest = min((len(f) for f in forms), default=0)

    def __bool__(self) -> bool:
        return self.pattern is not None

    def _term_of(self, text: str) -> Term:
        return self.by_form[" ".join(_html.unescape(self._space.sub(" ", text)).split())]

    def _mark_text(self, text: str, seen: set[str]) -> str:
        if len(text) < self.shortest:
            return text
        def one(m: re.Match) -> str:
            term = self._term_of(m.group())
            focus = "" if term.anchor in seen else ' tabindex="0"'
            seen.add(term.anchor)
            return f'<abbr title="{esc(term.title)}"{focus}>{m.group()}</abbr>'

        return self.pattern.sub(one, text)

    def mark(self, html: str, seen: set[str] | None = None) -> str:
        """`html` (a fragment or a page's article) with every use of a term marked."""
        if self.pattern is None:
            return html
        seen = set() if seen is None else seen
        out: list[str] = []
        pos = 0
        text_from = 0  # where the text not yet marked starts (tags in between are left as they are)
        pos = 0
        while True:
            m = _FAST_TAG.search(html, pos)
            if m is None:
                break
            start = m.start()
            closing, name, attrs = m.groups()
            if name is None:  # a comment: up to its end, whatever it holds
                end = html.find("-->", m.end())
                end = len(html) if end < 0 else end + 3
            else:
                if ('"' in attrs or "'" in attrs) and (attrs.count('"') % 2 or attrs.count("'") % 2):
                    m = _TOKEN.match(html, start) or m  # a quoted '>' inside the tag: read it again
                    closing, name, attrs = m.groups()
                end = m.end()
                if not closing and (name.lower() in SKIP or (("hid" in attrs or "pagefind-ignore" in attrs)
                                                             and _HIDDEN.search(attrs))):
                    if not attrs.rstrip().endswith("/"):
                        end = _end_of(html, name.lower(), end)  # left as it is, up to its closing tag
            if start > text_from:
                out.append(self._mark_text(html[text_from:start], seen))
            out.append(html[start:end])
            text_from = pos = end
        pos = text_from
        out.append(self._mark_text(html[pos:], seen))
        return "".join(out)

    def mark_page(self, html: str) -> str:
        """A whole page: only its article (the page's own content) is marked."""
        if self.pattern is None:
            return html
        start = _ARTICLE.search(html)
        if start is None:
            return html
        end = html.find("</article>", start.end())
        if end < 0:
            return html
        return html[:start.end()] + self.mark(html[start.end():end]) + html[end:]
