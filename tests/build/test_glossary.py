"""The glossary over the built site (issue 19): every page that uses a glossary term marks it
(<abbr title>), never inside a link, a heading, code, the title or a figure; the glossary page
lists every short name in the catalog, each with an anchor, and is in the navigation; the
meanings on the abbreviations do not reach the search index.

The check reads the built HTML with Python's own parser, not with the code that marks the
terms, and test_the_check_finds_an_unmarked_page shows it fails when one page is not marked.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from ctwg.data.terms import glossary_terms
from helpers import fragments

SKIP = {"a", "abbr", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "samp", "script", "style", "svg",
        "title", "textarea", "select", "option", "button", "label", "template", "noscript", "math", "dfn"}
NO_ABBR_INSIDE = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "title", "svg", "button"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Article(HTMLParser):
    """The text of a page's <article>: the parts outside elements where a term is not marked,
    the abbreviations (text, title) and where they sit."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, hidden)
        self.in_article = 0
        self.free: list[str] = []  # text where a term must be marked
        self.text: list[str] = []  # all the article's text
        self.abbrs: list[dict] = []
        self.misplaced: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self.in_article += 1
        if tag == "abbr" and self.in_article:
            inside = [t for t, _ in self.stack if t in NO_ABBR_INSIDE]
            if inside:
                self.misplaced.append(f"<abbr> inside <{inside[-1]}>")
            self.abbrs.append({"title": attrs.get("title"), "tabindex": attrs.get("tabindex"), "text": ""})
        if tag not in VOID:
            hidden = "hidden" in attrs or attrs.get("aria-hidden") == "true" or "data-pagefind-ignore" in attrs
            self.stack.append((tag, hidden))

    def handle_startendtag(self, tag, attrs):
        if tag == "abbr":
            self.misplaced.append("empty <abbr/>")

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article -= 1
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if not self.in_article:
            return
        self.text.append(data)
        if any(t == "abbr" for t, _ in self.stack) and self.abbrs:
            self.abbrs[-1]["text"] += data
        if not any(t in SKIP or hidden for t, hidden in self.stack):
            self.free.append(data)


def read(html: str) -> Article:
    parser = Article()
    parser.feed(html)
    parser.close()
    return parser


def form_pattern(forms) -> re.Pattern:
    words = sorted({f for form in forms for f in (form, form[:1].upper() + form[1:])}, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    return re.compile(rf"(?<![\w&-])(?<!\d/)(?:{alternatives})(?![\w-])(?!/\d)")


def problems(site: Path, terms) -> list[str]:
    """Every page with a use of a term left unmarked, an abbreviation where none belongs, or one
    without the term's meaning."""
    pattern = form_pattern([f for t in terms for f in t.forms])
    titles = {}
    for t in terms:
        for f in t.forms:
            titles[f.lower()] = t.title
    out = []
    for page in sorted(site.rglob("*.html")):
        if page.is_relative_to(site / "pagefind"):
            continue
        art = read(page.read_text(encoding="utf-8"))
        name = page.relative_to(site).as_posix()
        unmarked = sorted({m.group() for m in pattern.finditer("\n".join(art.free))})
        if unmarked:
            out.append(f"{name}: not marked: {', '.join(unmarked[:5])}")
        out.extend(f"{name}: {m}" for m in art.misplaced)
        for a in art.abbrs:
            want = titles.get(" ".join(a["text"].split()).lower())
            if not a["title"] or a["title"] != want:
                out.append(f"{name}: <abbr title={a['title']!r}>{a['text']}</abbr> should say {want!r}")
        focusable = [a["text"] for a in art.abbrs if a["tabindex"] == "0"]
        if art.abbrs and not focusable:
            out.append(f"{name}: no abbreviation can be reached with the keyboard")
    return out


def test_every_use_of_a_term_on_every_page_is_marked(built_site, catalog):
    terms = glossary_terms(catalog)
    assert len(terms) >= 60
    found = problems(built_site, terms)
    assert not found, f"{len(found)} problems, the first:\n" + "\n".join(found[:20])


def test_pages_really_use_the_terms(built_site):
    marked = {p.relative_to(built_site).as_posix(): read(p.read_text(encoding="utf-8")).abbrs
              for p in built_site.rglob("*.html") if not p.is_relative_to(built_site / "pagefind")}
    using = [name for name, abbrs in marked.items() if abbrs]
    assert len(using) > 250, len(using)  # nearly every page says APEC, CTWG or CTTF
    home = {a["text"] for a in marked["fora/ctwg/index.html"]}
    assert {"CTTF", "APEC", "ECOTECH"} <= home, home


def test_the_check_finds_an_unmarked_page(built_site, catalog, tmp_path):
    """Take the marking off one page (the abbreviations become plain text): the check fails."""
    page = tmp_path / "events" / "index.html"
    page.parent.mkdir()
    html = (built_site / "fora" / "ctwg" / "index.html").read_text(encoding="utf-8")
    page.write_text(re.sub(r"<abbr\b[^>]*>(.*?)</abbr>", r"\1", html, flags=re.S), encoding="utf-8")
    found = problems(tmp_path, glossary_terms(catalog))
    assert len(found) == 1 and found[0].startswith("events/index.html: not marked: ") and "CTWG" in found[0], found
    page.write_text(html.replace("<p>", "<h3>", 1).replace("</p>", "</h3>", 1), encoding="utf-8")
    assert any("<abbr> inside <h3>" in p for p in problems(tmp_path, glossary_terms(catalog)))


def test_the_glossary_page_lists_every_short_name(built_site, catalog):
    html = (built_site / "glossary" / "index.html").read_text(encoding="utf-8")
    entries = {re.sub(r"<[^>]+>", "", text): anchor
               for anchor, text in re.findall(r'<dt id="([^"]+)">(.*?)</dt>', html, re.S)}
    shorts = {e.model.short_name for e in catalog.entries.values() if e.model.short_name}
    shorts |= {f.short_name for e in catalog.entries.values() for f in getattr(e.model, "former_names", [])
               if f.short_name}
    assert len(shorts) >= 60
    missing = sorted(shorts - set(entries))
    assert not missing, f"not on the glossary page: {missing}"
    for term in ("fora", "auspices", "capacity building", "ECOTECH", "SOM"):
        assert term in entries, term
    assert len(set(entries.values())) == len(entries)  # one anchor each
    names = list(entries)
    assert names == sorted(names, key=lambda t: (t.lower(), t)), "not in alphabetical order"
    # each record's term links to its record
    assert 'href="../initiatives/ctap/"' in html and 'href="../fora/sccp/"' in html
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="glossary/"[^>]*class="md-nav__link', home) or 'href="glossary/"' in home


def test_the_meanings_stay_out_of_the_search_index(built_site):
    """Pagefind indexes the text, not the title: an expansion found only on an abbreviation of a
    page is not in that page's search text (the snippets stay the page's own words)."""
    found = fragments(built_site)
    checked = 0
    for url in ("/events/", "/fora/ctwg/", "/glossary/", "/documents/"):
        art = read((built_site / url.strip("/") / "index.html").read_text(encoding="utf-8"))
        text = " ".join("".join(art.text).split())
        content = found[url]["content"]
        for a in art.abbrs:
            if a["title"] and a["title"] not in text:
                assert a["title"] not in content, (url, a["title"])
                checked += 1
    assert checked >= 5
