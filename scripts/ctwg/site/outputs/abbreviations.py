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
_RAW_TEXT = frozenset({"script", "style", "textarea", "title"})
_TOKEN = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\"[^\"]*\"|'[^']*'|[^'\">])*)>", re.S)
_HIDDEN = re.compile(r"(?:^|\s)(?:hidden|aria-hidden=\"true\"|data-pagefind-ignore)(?=[\s=/]|$)")
_ARTICLE = re.compile(r"<article\b[^>]*>")


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

    def __bool__(self) -> bool:
        return self.pattern is not None

    def _term_of(self, text: str) -> Term:
        return self.by_form[" ".join(_html.unescape(self._space.sub(" ", text)).split())]

    def _mark_text(self, text: str, seen: set[str]) -> str:
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
        skip: tuple[str, int] | None = None  # the element being skipped, and how deep in it we are
        for m in _TOKEN.finditer(html):
            if m.start() < pos:
                continue  # inside a raw-text element already copied
            text = html[pos:m.start()]
            out.append(text if skip is not None else self._mark_text(text, seen))
            tag = m.group()
            out.append(tag)
            pos = m.end()
            if tag.startswith("<!--"):
                continue
            closing, name, attrs = m.group(1), m.group(2).lower(), m.group(3)
            self_closing = attrs.rstrip().endswith("/")
            if name in _RAW_TEXT and not closing and not self_closing:
                end = html.lower().find(f"</{name}", pos)
                end = len(html) if end < 0 else end
                out.append(html[pos:end])
                pos = end
                continue
            if skip is not None:
                if name == skip[0] and not self_closing:
                    depth = skip[1] + (-1 if closing else 1)
                    skip = None if depth == 0 else (name, depth)
                continue
            if not closing and not self_closing and (name in SKIP or _HIDDEN.search(attrs)):
                skip = (name, 1)
        rest = html[pos:]
        out.append(rest if skip is not None else self._mark_text(rest, seen))
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
