"""`mkdocs serve` only: after a data edit, remake only the generated pages whose reads changed.

Every generated page (or page with its JSON files) is a *unit* of ctwg.site.pages.page_units.
While a unit is made, the context it is given notes every part of the catalog it reads:

- ("e", id): a record (its model); ("e", ALL): every record (a loop over them all);
- ("type", t): the records of one type (or ALL types); ("bl", id) / ("out", id): the links to
  or from a record, with the records at their other end (`referrers` included);
- ("coop", id): the cooperation edges touching a record; ("goal", id): a goal's status;
  ("upd", path): a data file's last-commit date;
- ("period",), ("edges",), ("milestones",), ("guidance",), ("links",), ("glossary",),
  ("hidden",), ("counts",): those whole things; ("any",): anything else of the catalog or the
  derived facts (read through an attribute this module does not know: it is always remade).

`PageMemo` keeps, for each read, the units that made it. After an edit, `changed_reads`
compares the new context with the one the pages were made from and lists the reads whose
answer differs (a record changed when its model differs; the links and edges touching it with
it); the units that made one of them are *stale*, and only they are made again. A unit found
stale but not made yet (the preview made the edited records' pages first and was interrupted
by the next save) stays *pending* until it is. This holds only while the records are the same
(same ids of the same types) and the settings the pages read are the same (`comparable`);
otherwise every page is made again. tests/unit/perf/test_pagememo.py edits records in many
ways and checks that the pages kept and remade are, byte for byte, the pages made afresh.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..site.context import SiteContext
from ..site.pages import Unit, page_units

ALL = "*"
UnitKey = tuple
ReadKey = tuple


class _Reads:
    __slots__ = ("keys",)

    def __init__(self) -> None:
        self.keys: set[ReadKey] = set()

    def note(self, *key: Any) -> None:
        self.keys.add(key)


class _Tracked(Mapping):
    """A read-only view of a dict that notes each key read (and ALL for a walk over it)."""

    __slots__ = ("_data", "_reads", "_tag")

    def __init__(self, data: Mapping, reads: _Reads, tag: str) -> None:
        self._data, self._reads, self._tag = data, reads, tag

    def __getitem__(self, key: Any) -> Any:
        self._reads.keys.add((self._tag, key))
        return self._data[key]

    def get(self, key: Any, default: Any = None) -> Any:
        self._reads.keys.add((self._tag, key))
        return self._data.get(key, default)

    def __contains__(self, key: object) -> bool:
        self._reads.keys.add((self._tag, key))
        return key in self._data

    def __iter__(self) -> Iterator:
        self._reads.keys.add((self._tag, ALL))
        return iter(self._data)

    def __len__(self) -> int:
        self._reads.keys.add((self._tag, ALL))
        return len(self._data)

    def keys(self):  # type: ignore[override]
        self._reads.keys.add((self._tag, ALL))
        return self._data.keys()

    def values(self):  # type: ignore[override]
        self._reads.keys.add((self._tag, ALL))
        return self._data.values()

    def items(self):  # type: ignore[override]
        self._reads.keys.add((self._tag, ALL))
        return self._data.items()


def _whole(read: str, name: str | None = None) -> property:
    """An attribute of the wrapped object (`name`, else `read`) read whole, noted as (read,)."""

    def get(self: Any) -> Any:
        self._reads.note(read)
        return getattr(self._of, name or read)

    return property(get)


class _TrackedCatalog:
    """The Catalog's interface (ctwg.data.catalog.Catalog), noting what is read."""

    def __init__(self, cat: Any, reads: _Reads) -> None:
        self._of, self._reads = cat, reads
        self.entries = _Tracked(cat.entries, reads, "e")
        self.by_type = _Tracked(cat.by_type, reads, "type")
        self.backlinks = _Tracked(cat.backlinks, reads, "bl")
        self.outgoing = _Tracked(cat.outgoing, reads, "out")
        self.data_dir = cat.data_dir

    def __contains__(self, rid: str) -> bool:
        self._reads.note("e", rid)
        return rid in self._of

    def get(self, rid: str) -> Any:
        self._reads.note("e", rid)
        return self._of.get(rid)

    def of_type(self, rtype: str, kind: str | None = None) -> list:
        self._reads.note("type", rtype)
        return self._of.of_type(rtype, kind)

    def referrers(self, rid: str, rtype: str | None = None, fields: Iterable[str] | None = None) -> list:
        self._reads.note("bl", rid)
        return self._of.referrers(rid, rtype, fields)

    def counts(self) -> dict[str, int]:
        self._reads.note("counts")
        return self._of.counts()

    glossary = _whole("glossary")
    hidden = _whole("hidden")
    links = _whole("links")

    def __getattr__(self, name: str) -> Any:
        self._reads.note("any")
        return getattr(self._of, name)


class _TrackedFacts:
    """The derived facts' interface (ctwg.data.derived.Derived), noting what is read."""

    def __init__(self, facts: Any, reads: _Reads) -> None:
        self._of, self._reads = facts, reads
        self.goal_status = _Tracked(facts.goal_status, reads, "goal")

    plan_period = _whole("period", "plan_period")
    edges = _whole("edges")
    milestones = _whole("milestones")
    guidance = _whole("guidance")

    def cooperation(self, focus: str | None = None) -> list:
        if focus:
            self._reads.note("coop", focus)
        else:
            self._reads.note("edges")
        return self._of.cooperation(focus)

    def period_of(self, e: Any) -> str:
        self._reads.note("period")
        return self._of.period_of(e)

    def __getattr__(self, name: str) -> Any:
        self._reads.note("any")
        return getattr(self._of, name)


def tracked(ctx: SiteContext, reads: _Reads) -> SiteContext:
    """A copy of `ctx` whose catalog, derived facts and commit dates note what is read."""
    out = copy.copy(ctx)  # no __post_init__: the facts are not derived again
    out.catalog = _TrackedCatalog(ctx.catalog, reads)  # type: ignore[assignment]
    out.facts = _TrackedFacts(ctx.facts, reads)  # type: ignore[assignment]
    out.updated = _Tracked(ctx.updated, reads, "upd")  # type: ignore[assignment]
    return out


def comparable(old: SiteContext, new: SiteContext) -> bool:
    """Can the pages made from `old` be kept for `new`? The same records (ids and types) and the
    same settings and glossary terms (which every page reads), and each record in the same file."""
    if (old.preview, old.site_url, old.edit_base, old.site_name, old.today) != \
            (new.preview, new.site_url, new.edit_base, new.site_name, new.today):
        return False
    oe, ne = old.catalog.entries, new.catalog.entries
    if oe.keys() != ne.keys() or any(oe[rid].type != e.type or oe[rid].path != e.path for rid, e in ne.items()):
        return False
    return old.terms == new.terms


def changed_reads(old: SiteContext, new: SiteContext) -> set[ReadKey]:
    """The reads whose answer differs between two comparable contexts."""
    oc, nc = old.catalog, new.catalog
    changed_ids = [rid for rid, e in nc.entries.items()
                   if (o := oc.entries[rid].model) is not e.model and o != e.model]
    out: set[ReadKey] = set()
    for rid in changed_ids:
        out.add(("e", rid))
        out.add(("type", nc.entries[rid].type))
        out.add(("out", rid))
        out.add(("bl", rid))
        for cat in (oc, nc):
            for ln in cat.outgoing.get(rid, ()):  # the records it links to: their backlinks changed
                out.add(("bl", ln.target))
            for ln in cat.backlinks.get(rid, ()):  # the records linking to it: their links' far end changed
                out.add(("out", ln.source))
    if changed_ids:
        out.update({("e", ALL), ("type", ALL), ("bl", ALL), ("out", ALL)})
    of, nf = old.facts, new.facts
    for node in set(of._by_node) | set(nf._by_node):
        if of._by_node.get(node) != nf._by_node.get(node):
            out.add(("coop", node))
    _diff_dicts(out, "goal", of.goal_status, nf.goal_status)
    _diff_dicts(out, "upd", old.updated, new.updated)
    for key, a, b in (("period", of.plan_period, nf.plan_period), ("edges", of.edges, nf.edges),
                      ("milestones", of.milestones, nf.milestones), ("guidance", of.guidance, nf.guidance),
                      ("links", oc.links, nc.links), ("glossary", oc.glossary, nc.glossary),
                      ("hidden", oc.hidden, nc.hidden), ("counts", oc.counts(), nc.counts())):
        if a != b:
            out.add((key,))
    if out:
        out.add(("any",))
    return out


def _diff_dicts(out: set[ReadKey], tag: str, a: Mapping, b: Mapping) -> None:
    keys = [k for k in set(a) | set(b) if a.get(k) != b.get(k)]
    out.update((tag, k) for k in keys)
    if keys:
        out.add((tag, ALL))


class PageMemo:
    """The generated pages of the last build, with what each read (serve only)."""

    def __init__(self) -> None:
        self.ctx: SiteContext | None = None  # the context the newest pages were made from
        self.pages: dict[UnitKey, dict[str, str]] = {}
        self.readers: dict[ReadKey, set[UnitKey]] = defaultdict(set)
        self.pending: set[UnitKey] = set()  # found stale, not made again yet
        self.made = 0  # units made by the last call (for tests and the log)
        self.changed: set[str] = set()  # the ids of the records that changed at the last `stale`

    def make_all(self, ctx: SiteContext) -> dict[str, str]:
        """Every unit, noting its reads (a full build); {path: content} in the site's order."""
        self.pages.clear()
        self.readers.clear()
        self.pending.clear()
        units = page_units(ctx)
        self._make(ctx, units)
        self.ctx = ctx
        return self.everything()

    def everything(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for made in self.pages.values():
            out.update(made)
        return out

    def stale(self, ctx: SiteContext) -> list[UnitKey] | None:
        """The units to make again for `ctx`, in the site's order, or None: make every page again."""
        if self.ctx is None or not comparable(self.ctx, ctx):
            return None
        found = set(self.pending)
        changed = changed_reads(self.ctx, ctx)
        for key in changed:
            found |= self.readers.get(key, set())
        self.changed = {key[1] for key in changed if key[0] == "e" and key[1] != ALL}
        self.pending = found
        self.ctx = ctx
        return [key for key in self.pages if key in found]

    def remake(self, ctx: SiteContext, keys: Iterable[UnitKey]) -> dict[str, str]:
        """Make these units again from `ctx`; {path: content} of the files whose content changed."""
        wanted = set(keys)
        units = [(key, make) for key, make in page_units(ctx) if key in wanted]
        before = {key: self.pages[key] for key, _ in units}
        self._make(ctx, units)
        changed: dict[str, str] = {}
        for key, _ in units:
            self.pending.discard(key)
            old = before[key]
            changed.update({path: text for path, text in self.pages[key].items() if old.get(path) != text})
        return changed

    def _make(self, ctx: SiteContext, units: list[Unit]) -> None:
        reads = _Reads()
        view = tracked(ctx, reads)
        for key, make in units:
            reads.keys = set()
            self.pages[key] = make(view)
            for read in reads.keys:
                self.readers[read].add(key)
        self.made = len(units)
