"""Derived facts: what the Catalog implies, computed once after linking, before any page.

In: a linked `Catalog`. Out: a `Derived` holding every fact the pages, figures and feeds
use that no record states in one field:
- `display_name(entry)`, `entry_date(entry)`: a record's name as shown, and the date it is
  filed under (its date, start, founding or timeframe);
- `goal_status[goal id]`: a work-plan goal's status, summed up from its expected outcomes;
- `cooperation(focus)`: who works with whom, as (from id, relation, to id): parents, leads on
  an issue area, the group working with a forum or partner through the plan or at events;
- `milestones`: every dated fact (events, starts, documents, news, foundings, renamings),
  oldest first.
Nothing here writes HTML or Markdown or knows about MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import constants
from .catalog import Catalog, Entry

Edge = tuple[str, str, str]


def display_name(e: Entry) -> str:
    m = e.model
    if e.type == "workplan" and m.kind == "goal":
        return f"Goal {m.number}: {m.name}"
    return f"{m.name} ({m.short_name})" if m.short_name and m.short_name not in m.name else m.name


def short(e: Entry) -> str:
    return e.model.short_name or e.model.name


def entry_date(e: Entry) -> str | None:
    m = e.model
    for name in ("date", "start", "established", "timeframe_start"):
        v = getattr(m, name, None)
        if v:
            return str(v)
    if e.type == "workplan" and m.kind == "plan":
        return str(m.period_start)
    return None


def expected_outcomes(cat: Catalog, goal_id: str) -> list[Entry]:
    return [o for o in cat.referrers(goal_id, "outcomes", ["goal"]) if o.model.kind == "expected"]


def goal_status(cat: Catalog, goal: Entry) -> str:
    """A goal's status from its expected outcomes (the data states each, with evidence)."""
    statuses = [o.model.status for o in expected_outcomes(cat, goal.id)]
    if not statuses:
        return "not-evidenced"
    if all(s == "delivered" for s in statuses):
        return "delivered"
    if any(s in ("delivered", "under-way") for s in statuses):
        return "under-way"
    if all(s == "planned" for s in statuses):
        return "planned"
    return "not-evidenced"


def cooperation_edges(cat: Catalog) -> list[Edge]:
    edges: set[Edge] = set()
    group = constants.GROUP_ID
    for e in cat.of_type("fora") + cat.of_type("partners"):
        if e.model.parent and e.model.parent in cat.entries:
            edges.add((e.id, "is part of", e.model.parent))
    for ia in cat.of_type("issue_areas"):
        for f in ia.model.lead_fora:
            edges.add((f, "leads on", ia.id))
    if group in cat.entries:
        for w in cat.of_type("workplan"):
            for ln in cat.outgoing.get(w.id, []):
                t = cat.entries[ln.target]
                if t.type in ("fora", "partners") and t.id != group:
                    edges.add((group, "works with (work plan)", t.id))
        for ev in cat.of_type("events"):
            parties = (set(ev.model.organisers) | set(ev.model.co_sponsors) | set(ev.model.participants)
                       | set(ev.model.auspices))
            if group in parties:
                for p in parties - {group}:
                    if p in cat.entries and cat.entries[p].type in ("fora", "partners"):
                        edges.add((group, "meets at events", p))
    return sorted(edges)


@dataclass
class Milestone:
    date: str
    text: str
    entry: Entry
    label: str = ""  # short form for the timeline drawing

    def __post_init__(self) -> None:
        self.label = self.label or self.entry.model.short_name or self.text


def milestones(cat: Catalog) -> list[Milestone]:
    """Every dated fact, oldest first: events, starts, documents, foundings and renamings."""
    out: list[Milestone] = []
    for e in cat.entries.values():
        m = e.model
        if e.type == "events" and m.date:
            out.append(Milestone(m.date, display_name(e), e))
        elif e.type == "initiatives" and m.start:
            out.append(Milestone(m.start, f"{display_name(e)} begins", e))
        elif e.type == "documents" and m.date:
            out.append(Milestone(m.date, f"{display_name(e)} issued", e))
        elif e.type == "news":
            out.append(Milestone(m.date, m.name, e))
        elif e.type == "fora":
            if m.established:
                first = m.former_names[0] if m.former_names else None
                name = (first.name + (f" ({first.short_name})" if first.short_name else "")) if first else display_name(e)
                short_then = (first.short_name or first.name) if first else (m.short_name or m.name)
                out.append(Milestone(m.established, f"{name} established", e, f"{short_then} established"))
            for fn in m.former_names:
                if fn.end:
                    out.append(Milestone(fn.end, f"{fn.short_name or fn.name} becomes the {m.name}", e,
                                         f"{fn.short_name or fn.name} becomes {m.short_name or m.name}"))
    return sorted(out, key=lambda x: (x.date, x.text))


@dataclass
class Derived:
    goal_status: dict[str, str]
    edges: list[Edge]
    milestones: list[Milestone]
    _by_node: dict[str, list[Edge]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for edge in self.edges:
            self._by_node.setdefault(edge[0], []).append(edge)
            if edge[2] != edge[0]:
                self._by_node.setdefault(edge[2], []).append(edge)

    def cooperation(self, focus: str | None = None) -> list[Edge]:
        """(from id, relation, to id) triples; with `focus`, only those touching that record."""
        return list(self._by_node.get(focus, [])) if focus else list(self.edges)


def derive(cat: Catalog) -> Derived:
    return Derived(
        goal_status={g.id: goal_status(cat, g) for g in cat.of_type("workplan", "goal")},
        edges=cooperation_edges(cat),
        milestones=milestones(cat),
    )
