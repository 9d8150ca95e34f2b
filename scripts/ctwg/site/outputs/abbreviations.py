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
_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\"[^\"]*\"|'[^']*'|[^'\">])*)>", re.S)  # a tag, quoted '>' and all
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


_SPACE = r"(?:\s|&nbsp;)+"  # between the words of a term, as a page may write it


def _trie(forms: Iterable[str]) -> dict:
    """The forms as a tree of their characters (" " standing for any run of spaces), "" marking an end."""
    root: dict = {}
    for form in forms:
        node = root
        for ch in " ".join(form.split()):
            node = node.setdefault(ch, {})
        node[""] = {}
    return root


def _alternatives(node: dict) -> list[str]:
    """Regular expressions for the ways through `node`: a longer way before a shorter one, so that
    'STAR II' is tried before 'STAR' (and 'STAR' again when what follows 'STAR II' fails)."""
    out = []
    for ch in sorted(k for k in node if k):
        head = _SPACE if ch == " " else re.escape(esc(ch))
        rest = _alternatives(node[ch])
        out.append(head + (rest[0] if len(rest) == 1 else "(?:" + "|".join(rest) + ")"))
    if "" in node:
        out.append("")
    return out


class Marker:
    def __init__(self, terms: Iterable[Term]) -> None:
        self.by_form: dict[str, Term] = {}
        for t in terms:
            for form in forms_of(t):
                self.by_form.setdefault(form, t)
        # One search finds the next place that matters: a comment, the opening tag of an element
        # whose text is never marked (SKIP) or of one that may be hidden, or a use of a term. A
        # term is a whole word: not inside another word, an entity or a hyphenated word, nor a
        # part of a document number ('2011/SOM1/CTTF/001'; 'CTI/SCCP' is two terms), and in text,
        # not in a tag (no '>' follows before a '<'). The terms are a tree of their characters,
        # the longest first ('STAR II' before 'STAR', 'TEL/SPSG' before 'TEL'), each branch
        # starting with a plain character, so the search passes over text and other tags
        # without trying every term at every character.
        skip = "|".join(sorted(SKIP, key=lambda n: (-len(n), n)))
        branches = [rf"<(?:!--|(?i:{skip})(?=[\s/>])|[a-zA-Z][a-zA-Z0-9-]*(?=[^>]*?(?:hid|pagefind-ignore)))"]
        for ch, node in sorted(_trie(self.by_form).items()):
            rest = _alternatives(node)
            body = rest[0] if len(rest) == 1 else "(?:" + "|".join(rest) + ")"
            # the lookbehinds come after the first character, which keeps it a plain character
            branches.append(rf"{re.escape(esc(ch))}(?<![\w&-].)(?<!\d/.){body}(?![\w-])(?!/\d)(?![^<]*>)")
        self.scan = re.compile("|".join(branches)) if self.by_form else None
        self._space = re.compile(_SPACE)

    def __bool__(self) -> bool:
        return self.scan is not None

    def _term_of(self, text: str) -> Term:
        return self.by_form[" ".join(_html.unescape(self._space.sub(" ", text)).split())]

    def _abbr(self, text: str, seen: set[str]) -> str:
        term = self._term_of(text)
        focus = "" if term.anchor in seen else ' tabindex="0"'
        seen.add(term.anchor)
        return f'<abbr title="{esc(term.title)}"{focus}>{text}</abbr>'

    def mark(self, html: str, seen: set[str] | None = None) -> str:
        """`html` (a fragment or a page's article) with every use of a term marked."""
        if self.scan is None:
            return html
        seen = set() if seen is None else seen
        out: list[str] = []
        done = 0  # html[:done] is in `out`
        pos = 0
        find = self.scan.search
        while True:
            m = find(html, pos)
            if m is None:
                break
            start = m.start()
            if html[start] != "<":  # a term
                out += (html[done:start], self._abbr(m.group(), seen))
                done = pos = m.end()
                continue
            if html.startswith("<!--", start):  # a comment: up to its end, whatever it holds
                end = html.find("-->", m.end())
                pos = len(html) if end < 0 else end + 3
                continue
            tag = _TOKEN.match(html, start)  # the whole tag, a quoted '>' included
            if tag is None:
                pos = start + 1
                continue
            _, name, attrs = tag.groups()
            pos = tag.end()
            name = name.lower()
            if name in SKIP or _HIDDEN.search(attrs):
                if not attrs.rstrip().endswith("/"):
                    pos = _end_of(html, name, pos)  # left as it is, up to its closing tag
        out.append(html[done:])
        return "".join(out)

    def mark_page(self, html: str) -> str:
        """A whole page: only its article (the page's own content) is marked."""
        if self.scan is None:
            return html
        start = _ARTICLE.search(html)
        if start is None:
            return html
        end = html.find("</article>", start.end())
        if end < 0:
            return html
        return html[:start.end()] + self.mark(html[start.end():end]) + html[end:]
