"""The glossary's terms: every record's short name, and the terms of data/glossary.yml.

In: a linked Catalog. Out: `glossary_terms(catalog)`, a list of `Term`s in alphabetical order,
each with the forms pages write it in, what its abbreviation says (`title`: an acronym's
expansion, else the short definition), its definition, the records about it and its sources.

A record's short name (and a former name's: CTTF) is a term with the record's name as its
expansion and the first sentence of the record's summary as its definition, sourced by the
record's own sources. Records that share a short name (an initiative and its document) make
one term. An entry of data/glossary.yml for a record's short name (it lists the record) gives
that term's meaning instead. Nothing here writes HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import constants
from .catalog import Catalog, Entry, short_names
from .dates import fmt_date
from .derived import display_name


@dataclass(frozen=True)
class Term:
    term: str
    title: str  # what the page's abbreviation shows on hover and focus
    expansion: str | None
    definition: str  # plain text
    records: tuple[str, ...]  # ids of the records about the term, the main one first
    sources: tuple[tuple[str, str], ...]  # (document id, section)
    forms: tuple[str, ...]  # every form marked on the pages, the term first
    anchor: str  # its id on the glossary page

    @property
    def is_acronym(self) -> bool:
        return self.expansion is not None


# A sentence ends at . ! or ? before a capital, but not after an initial ("U.S. Department").
_SENTENCE_END = re.compile(r"(?<![A-Z]\.[A-Z]\.)(?<=[.!?])\s+(?=[A-Z\"“‘(])")


def _plain(text: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*_`#>]", "", " ".join(text.split()))


def first_sentence(text: str) -> str:
    plain = _plain(text)
    return _SENTENCE_END.split(plain, maxsplit=1)[0]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "term"


def _order(e: Entry) -> tuple:
    order = {t: i for i, t in enumerate(constants.SEARCH_TYPE_ORDER)}
    return (order.get(e.type, len(order)), e.id)


def glossary_terms(cat: Catalog) -> list[Term]:
    by_short: dict[str, list[tuple[Entry, tuple]]] = {}
    for e in cat.entries.values():
        for loc, short in short_names(e.model):
            by_short.setdefault(" ".join(short.split()), []).append((e, loc))
    terms: list[Term] = []
    for short, holders in by_short.items():
        holders.sort(key=lambda h: (len(h[1]) > 1, _order(h[0])))  # own short names before former ones
        e, loc = holders[0]
        if len(loc) > 1:  # a former name: CTTF
            former = e.model.former_names[loc[1]]
            expansion = former.name
            until = f" until {fmt_date(former.end)}" if former.end else ""
            definition = f"The name of the {display_name(e)}{until}."
        else:
            expansion = e.model.name if e.model.name != short else None
            definition = first_sentence(e.model.summary)
        records = tuple(dict.fromkeys(h[0].id for h in holders))
        sources = tuple(dict.fromkeys((s.document, s.section) for rid in records for s in cat.get(rid).model.sources))
        terms.append(Term(short, expansion or definition, expansion, definition, records, sources, (short,), ""))
    if cat.glossary is not None:
        for t in cat.glossary.terms:
            # a record's short name given here: this entry's meaning, with the records of both
            same = [old for old in terms if old.term == " ".join(t.term.split())]
            terms = [old for old in terms if old not in same]
            records = tuple(dict.fromkeys([*(r for r in t.records if r in cat.entries), *(r for o in same for r in o.records)]))
            terms.append(Term(t.term, t.expansion or t.definition, t.expansion, " ".join(t.definition.split()), records,
                              tuple((s.document, s.section) for s in t.sources),
                              tuple(dict.fromkeys([t.term, *t.also])), ""))
    terms.sort(key=lambda t: (t.term.lower(), t.term))
    out, anchors = [], set()
    for t in terms:
        anchor = base = slug(t.term)
        n = 2
        while anchor in anchors:
            anchor, n = f"{base}-{n}", n + 1
        anchors.add(anchor)
        out.append(Term(t.term, t.title, t.expansion, t.definition, t.records, t.sources, t.forms, anchor))
    return out
