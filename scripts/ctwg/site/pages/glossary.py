"""The glossary page: every term the site uses, A to Z, each with an anchor.

In: a `SiteContext` (its `terms`: ctwg.data.terms). Out: the Markdown of glossary.md: under a
heading per letter, a definition list with one entry per term (`<dt id="anchor">`): what an
acronym stands for, the short definition, the records about it and, for terms of
data/glossary.yml, the documents the definition comes from (a record's term is sourced by
its record). Every page marks each use of a term with its meaning (site.outputs.abbreviations).
"""

from __future__ import annotations

from ...data.derived import display_name
from ..context import SiteContext
from ..markup import esc, front_matter

PAGE = "glossary.md"
INTRO = ("The acronyms and terms of art used on this site, with what each stands for. On every page, a term "
         "is underlined with dots: point at it, or reach it with the Tab key, to see its meaning.")


def _letter(term: str) -> str:
    first = term[:1].upper()
    return first if first.isalpha() else "0-9"


def _links(ctx: SiteContext, ids) -> str:
    return ", ".join(f'<a href="{esc(ctx.href(rid))}">{esc(display_name(ctx.catalog.get(rid)))}</a>'
                     for rid in ids if rid in ctx.catalog.entries)


def glossary_page(ctx: SiteContext) -> str:
    terms = ctx.terms
    letters: dict[str, list] = {}
    for t in terms:
        letters.setdefault(_letter(t.term), []).append(t)
    out = [front_matter("Glossary", INTRO), "# Glossary\n", f"{INTRO} **{len(terms)}** terms in all.\n"]
    out.append('<p class="ctwg-glossary-letters">' + " ".join(
        f'<a href="#letter-{esc(k.lower())}">{esc(k)}</a>' for k in letters) + "</p>\n")
    for letter, group in letters.items():
        out.append(f"## {letter} {{#letter-{letter.lower()}}}\n")
        out.append('<dl class="ctwg-glossary">')
        for t in group:
            out.append(f'<dt id="{esc(t.anchor)}">{esc(t.term)}</dt>')
            meaning = f"<strong>{esc(t.expansion)}</strong> — " if t.expansion and t.expansion != t.definition else ""
            out.append(f"<dd><p>{meaning}{esc(t.definition)}</p>")
            more = []
            if t.records:
                more.append(f"See {_links(ctx, t.records)}.")
            from_file = ctx.catalog.glossary is not None and any(g.term == t.term for g in ctx.catalog.glossary.terms)
            if from_file and t.sources:
                cited = [f'{_links(ctx, [doc])} ({esc(section)})' for doc, section in t.sources
                         if doc in ctx.catalog.entries]
                more.append(("Source: " if len(cited) == 1 else "Sources: ") + "; ".join(cited) + ".")
            if more:
                out.append(f'<p class="ctwg-sources">{" ".join(more)}</p>')
            out.append("</dd>")
        out.append("</dl>\n")
    return "\n".join(out)
