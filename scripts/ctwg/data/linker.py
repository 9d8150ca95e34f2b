"""Linking: validated models -> references checked, backlinks built.

In: (model, raw) pairs from `validate`. Out: `Link`s (source id, field, target id) and
`DataError`s. A reference must name an existing record of an allowed type; otherwise the
error names the field and suggests the id meant (a short or former name in any case, such as
`CTTF`, gives `ctwg`; else the nearest id). Ids are unique across all types.
"""

from __future__ import annotations

import difflib
import functools
import posixpath
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import markdown as _markdown

from ..errors import DataError, suggest_id
from . import constants
from .fields import a_or_an, field_path, iter_raw_refs, iter_refs
from .loader import Loc, RawRecord
from .models import cited_documents, model_for


@dataclass(frozen=True)
class Link:
    source: str
    field: str  # top-level field name, e.g. 'organisers' or 'sources'
    target: str


def link(pairs: list[tuple[Any, RawRecord]], failed: list[RawRecord] = (),
         kept: dict | None = None) -> tuple[list[Link], list[DataError]]:
    """Check references of valid records (and, best effort, of records that failed validation).

    `kept` (`mkdocs serve`: the FileCache's `linked`) holds each valid record's links from the
    last call, with the type and kind each of its targets had (and, under None, the pages the
    links in records' text were checked against): while its model is the same object and its
    targets and those pages are the same, its links are taken from there and its references
    are not checked again (they were found good). A record with a problem is never kept."""
    errors: list[DataError] = []
    owner: dict[str, tuple[Any, RawRecord]] = {}
    for model, raw in pairs:
        if model.id in owner:
            first = owner[model.id][1]
            errors.append(DataError(raw.path, raw.line_of(("id",)), "id",
                                    f"{model.id!r} is already the id of {first.path}; ids must be unique across all records"))
            continue
        owner[model.id] = (model, raw)

    for raw in failed:  # records that failed validation still exist: don't call them unknown
        rid = raw.data.get("id") if isinstance(raw.data.get("id"), str) else raw.stem
        owner.setdefault(rid, (None, raw))

    ids_by_type: dict[str, list[str]] = {t: [] for t in constants.RECORD_TYPES}
    for rid, (_, raw) in owner.items():
        ids_by_type[raw.type].append(rid)
    names = {rid: raw.names for rid, (_, raw) in owner.items()}  # 'CTTF' -> did you mean 'ctwg'?

    links: list[Link] = []
    todo: list[tuple[str | None, RawRecord, Any]] = [
        (model.id, raw, iter_refs(model)) for model, raw in pairs if owner.get(model.id, (None,))[0] is model
    ]
    for raw in failed:
        cls = model_for(raw.type, raw.data.get("kind"))
        if cls is not None:
            todo.append((None, raw, iter_raw_refs(cls, raw.data)))
    def target_of(target: str) -> tuple | None:
        if target not in owner:
            return None
        tmodel, traw = owner[target]
        return (traw.type, getattr(tmodel, "kind", None) if tmodel is not None else traw.data.get("kind"))

    models = {model.id: model for model, _raw in pairs}
    remember = kept is not None
    kept = kept if kept is not None else {}
    fresh: dict[str, tuple] = {}
    for rid, raw, refs in todo:
        model = models.get(rid) if rid is not None else None
        was = kept.get(rid) if model is not None else None
        if was is not None and was[0] is model and all(target_of(t) == sig for t, sig in was[1]):
            links.extend(was[2])
            fresh[rid] = was
            continue
        errors_before, links_before, targets = len(errors), len(links), []
        seen: set[tuple[Loc, str]] = set()
        for loc, target, ref in refs:
            targets.append(target)
            where = field_path(loc)
            line = raw.line_of(loc)
            parent = loc[:-1] if isinstance(loc[-1], int) else loc
            if (parent, target) in seen:
                errors.append(DataError(raw.path, line, where, f"{target!r} is listed twice"))
                continue
            seen.add((parent, target))
            if target not in owner:
                candidates = [i for t in ref.types for i in ids_by_type[t]]
                errors.append(DataError(raw.path, line, where,
                                        f"unknown {ref.describe()} {target!r}{suggest_id(target, candidates, names)}"
                                        f"{_odd_character(target)}"))
                continue
            tmodel, traw = owner[target]
            if traw.type not in ref.types:
                errors.append(DataError(raw.path, line, where,
                                        f"{target!r} is {a_or_an(constants.RECORD_TYPES[traw.type]['noun'])}, "
                                        f"but this field needs {a_or_an(ref.describe())}"))
                continue
            tkind = getattr(tmodel, "kind", None) if tmodel is not None else traw.data.get("kind")
            if tmodel is None and tkind not in constants.WORKPLAN_KINDS:
                tkind = ref.kind  # the target's own file reports its bad kind; don't repeat it here
            if ref.kind and tkind != ref.kind:
                errors.append(DataError(raw.path, line, where,
                                        f"{target!r} is a work-plan {tkind}, but this field needs a work-plan {ref.kind}"))
                continue
            if target == rid and loc[0] in constants.CITING_FIELDS:
                continue  # a source document may cite itself; no backlink needed
            if target == rid:
                errors.append(DataError(raw.path, line, where, "a record cannot refer to itself"))
                continue
            if rid is not None:
                links.append(Link(rid, str(loc[0]), target))
        if remember and model is not None and len(errors) == errors_before:
            fresh[rid] = (model, [(t, target_of(t)) for t in dict.fromkeys(targets)], links[links_before:])
    errors.extend(_parent_cycles(owner))
    errors.extend(_numbers_in_plan(pairs))
    errors.extend(_public_sources_without_url(pairs, owner))
    pages = known_pages(owner)
    same_pages = kept.get(None) == pages  # the links in a record's text were checked against these
    for model, raw in pairs:
        if owner.get(model.id, (None,))[0] is not model:
            continue
        was = kept.get(model.id)
        if same_pages and was is not None and was[0] is model:
            continue
        found = markdown_link_errors(model, raw, pages)
        if found:
            errors.extend(found)
            fresh.pop(model.id, None)
    if remember:
        kept.clear()
        kept.update(fresh)
        kept[None] = pages
    return links, errors


def _public_sources_without_url(pairs: list[tuple[Any, RawRecord]],
                                owner: dict[str, tuple[Any, RawRecord]]) -> list[DataError]:
    """A public document cited as a source must say where anyone can read it: its record needs a
    `url` (a third-party copy, marked `mirror: true`, when no official one is found). Reported
    once, on the document's own file; a draft document is checked when it is published."""
    cited = cited_documents(model for model, _ in pairs)
    errors = []
    for rid in sorted(cited):
        model, raw = owner.get(rid, (None, None))
        if model is None or raw.type != "documents" or model.access != "public" or model.url or model.draft:
            continue
        errors.append(DataError(raw.path, raw.line_of(("access",)), "url",
                                "this public document is cited as a source, so its record needs a url: the "
                                "address where anyone can read it (if only a third-party copy is found, give "
                                "that and add mirror: true)"))
    return errors


def _numbers_in_plan(pairs: list[tuple[Any, RawRecord]]) -> list[DataError]:
    """Two goals (or two strands) of one plan cannot share a number. A goal belongs to the plan
    whose document it cites (with one plan, or none, every goal is that plan's)."""
    plans = [m for m, r in pairs if r.type == "workplan" and m.kind == "plan"]
    errors = []
    for kind in ("goal", "strand"):
        seen: dict[tuple[str, int], tuple[Any, RawRecord]] = {}
        for model, raw in pairs:
            if raw.type != "workplan" or model.kind != kind:
                continue
            cited = {s.document for s in model.sources}
            groups = {p.document for p in plans if p.document in cited} if len(plans) > 1 else {""}
            for group in sorted(groups):
                key = (group, model.number)
                if key in seen:
                    first, first_raw = seen[key]
                    errors.append(DataError(raw.path, raw.line_of(("number",)), "number",
                                            f"{kind} number {model.number} is already used by {first.id!r} "
                                            f"({first_raw.path}); each {kind} of the plan has its own number"))
                    break
                seen[key] = (model, raw)
    return errors


# ---------------------------------------------------------------------------
# Links inside Markdown text (summaries, news stories): MkDocs never sees them (they reach the
# page as HTML), so they are checked here, against the pages records and type lists make.

MARKDOWN_FIELDS = ("summary", "body")
_WEB = re.compile(r"^(?:https?:|mailto:)", re.I)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def known_pages(owner: dict[str, tuple[Any, RawRecord]]) -> set[str]:
    """Site-relative folder URLs of the pages the data makes: the home page, each type's list, each record."""
    pages = {""} | {f"{info['url']}/" for info in constants.RECORD_TYPES.values()}
    pages |= {f"{constants.RECORD_TYPES[raw.type]['url']}/{rid}/" for rid, (_, raw) in owner.items()}
    return pages


class _Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")


_converter = _markdown.Markdown(extensions=["sane_lists"], output_format="html")


def markdown_hrefs(text: str) -> list[str]:
    """The link addresses a Markdown text gives (as the site renders it: raw HTML is shown as text)."""
    return list(_hrefs(text))


@functools.lru_cache(maxsize=1 << 16)  # `serve` links the same texts after every save
def _hrefs(text: str) -> tuple[str, ...]:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    _converter.reset()
    parser = _Hrefs()
    parser.feed(_converter.convert(escaped))
    return tuple(parser.hrefs)


_CODE = re.compile(r"`+[^`]*`+")


def _broken_link_syntax(text: str) -> str | None:
    """A '[text](address)' whose address Markdown cannot read (an unmatched parenthesis, a space)."""
    plain = _CODE.sub("", text)
    for m in re.finditer(r"\]\(\s*(<[^>]*>|[^\s]*)", plain):
        address = m.group(1)
        if address.startswith("<"):
            continue
        depth, end = 0, None
        for i, ch in enumerate(address):
            if ch == "(":
                depth += 1
            elif ch == ")":
                if depth == 0:
                    end = i
                    break
                depth -= 1
        if end is None:
            after = plain[m.end():]
            if depth == 0 and re.match(r"""\s+(?:"[^"]*"|'[^']*')\s*\)""", after):
                continue  # [text](address "title")
            if depth:
                return (f"the link address {address!r} has a '(' without its ')', so the link would be shown as "
                        "Markdown, not as a link; write '(' as %28 and ')' as %29 in the address")
            if re.match(r"\s+[^\s()\[\]]+\)", after):
                return (f"the link address {address!r} is followed by a space before its ')'; an address cannot "
                        "contain spaces: write each space as %20")
            return (f"the link to {address!r} is not closed with ')', so it would be shown as Markdown, not as a "
                    "link; add the ')' after the address (write a '(' or ')' inside the address as %28 or %29)")
        rest = address[end + 1:]  # what follows the link's ')' with no space: ")." closing a sentence is fine
        core = rest.rstrip(".,;:!?)")
        if "(" in core or ")" in core or (core and ")" in rest[len(core):]):
            return (f"the link address {address!r} has a ')' without its '(', so the link "
                    "would end early; write '(' as %28 and ')' as %29 in the address")
    return None


def markdown_link_errors(model: Any, raw: RawRecord, pages: set[str]) -> list[DataError]:
    errors = []
    here = f"{constants.RECORD_TYPES[raw.type]['url']}/{model.id}/"
    for name in MARKDOWN_FIELDS:
        text = getattr(model, name, None)
        if not isinstance(text, str):
            continue
        line = raw.line_of((name,))
        problem = _broken_link_syntax(text)
        if problem:
            errors.append(DataError(raw.path, line, name, problem))
        for href in markdown_hrefs(text):
            target = link_target(href, here)
            if target is None or target in pages:
                continue
            if href.startswith("/"):
                errors.append(DataError(raw.path, line, name,
                                        f"links to {href!r}; a link to a page of this site is written relative to "
                                        f"this record's page (e.g. ../../{constants.RECORD_TYPES['fora']['url']}/"
                                        f"{constants.GROUP_ID}/), or as a full address starting with https://"))
                continue
            near = difflib.get_close_matches(target, sorted(p for p in pages if p), n=1, cutoff=0.6)
            hint = f" (did you mean {posixpath.relpath(near[0], here) + '/'!r}?)" if near else ""
            errors.append(DataError(raw.path, line, name,
                                    f"links to {href!r}, which is not a page of this site{hint}; link to a record's "
                                    "page (from this page: ../../<folder>/<id>/) or use a full address starting "
                                    "with https://"))
    return errors


def link_target(href: str, here: str) -> str | None:
    """The site-relative page a link from page `here` leads to, or None for a link off the site
    (https:, mailto:) or within the page (#...). Links of other kinds lose their address on the
    page (CONTRIBUTING section 8), so they lead nowhere to check."""
    if not href or href.startswith("#") or _WEB.match(href) or _SCHEME.match(href):
        return None
    path = href.split("#", 1)[0].split("?", 1)[0]
    if not path:
        return None
    if path.startswith("/"):
        return path
    joined = posixpath.normpath(posixpath.join(here, path))
    if joined.startswith(".."):
        return joined
    joined = "" if joined == "." else joined
    if joined.endswith(("/index.html", "/index.md")) or joined in ("index.html", "index.md"):
        joined = joined.rsplit("index.", 1)[0].rstrip("/")
    elif joined.endswith(".md"):
        joined = joined[:-3]
    return joined + "/" if joined else ""


def _odd_character(target: str) -> str:
    """A note on the first non-ASCII character of an id (often a look-alike letter), or ''."""
    ch = next((c for c in target if ord(c) > 127), None)
    if ch is None:
        return ""
    return f"; it contains the non-ASCII character {ch!r} (U+{ord(ch):04X} {unicodedata.name(ch, 'unknown character')})"


def _parent_cycles(owner: dict[str, tuple[Any, RawRecord]]) -> list[DataError]:
    errors = []
    for rid, (model, raw) in owner.items():
        if model is None:
            continue
        chain, cur = [rid], getattr(model, "parent", None)
        if cur == rid:
            continue  # reported as "a record cannot refer to itself"
        while cur and cur in owner:
            if cur in chain:
                errors.append(DataError(raw.path, raw.line_of(("parent",)), "parent",
                                        f"parents go round in a circle ({' -> '.join(chain + [cur])}); "
                                        "one of these records needs a different parent"))
                break
            chain.append(cur)
            cur = getattr(owner[cur][0], "parent", None) if owner[cur][0] is not None else None
    return errors
