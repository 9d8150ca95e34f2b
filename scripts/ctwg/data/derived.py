"""Derived facts: what the Catalog implies, computed once after linking, before any page.

In: a linked `Catalog`. Out: a `Derived` holding every fact the pages, figures and feeds
use that no record states in one field:
- `display_name(entry)`, `entry_date(entry)`: a record's name as shown, and the date it is
  filed under (its date, start, founding or timeframe);
- `plan_period`: the work plan's years and the date of its document: what the plan
  describes was the situation at that date (the baseline);
- `period_of(entry)`: whether a dated record falls before the plan was written (baseline),
  within the plan period after it (a report on the plan period) or after it (later);
- `goal_status[goal id]`: a work-plan goal's status, summed up from the statuses of its
  expected outcomes that a report on the plan period shows; with none, 'not-evidenced'
  (the pages say "no report found in the sources");
- `cooperation(focus)`: who works with whom, as (from id, relation, to id): parents, leads on
  an issue area, the group working with a forum or partner through the plan or at events;
- `milestones`: every dated fact (events, starts, documents, news, foundings, renamings),
  oldest first.
Nothing here writes HTML or Markdown or knows about MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import constants, dates
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


@dataclass(frozen=True)
class PlanPeriod:
    start: int  # first year the plan covers
    end: int  # last year
    written: str | None  # the date of the plan's document (partial date), if known

    def of(self, date: str | None) -> str:
        """'baseline' (not after the plan was written), 'plan' (a report on the plan period),
        'later' (after its last year) or 'undated'. Dates compare at the precision both share,
        so a report dated 2010 on a plan of 2010 is baseline."""
        if not date:
            return "undated"
        year = dates.parts(date)[0]
        if year < self.start or (self.written and not _after(date, self.written)):
            return "baseline"
        return "later" if year > self.end else "plan"


def _after(date: str, ref: str) -> bool:
    a, b = dates.key(date), dates.key(ref)
    n = min(len(a), len(b))
    return a[:n] > b[:n]


def plan_period(cat: Catalog) -> PlanPeriod | None:
    plans = cat.of_type("workplan", "plan")
    if not plans:
        return None
    m = plans[0].model
    doc = cat.entries.get(m.document)
    return PlanPeriod(m.period_start, m.period_end, getattr(doc.model, "date", None) if doc else None)


def dated(e: Entry) -> str | None:
    """The date a record's evidence holds at: an outcome's status date, else the record's own date."""
    return getattr(e.model, "status_as_of", None) or entry_date(e)


def goal_status(cat: Catalog, goal: Entry, period: PlanPeriod | None = None) -> str:
    """A goal's status from the statuses of its expected outcomes that a report on the plan
    period shows (a status dated at the plan's own date or before is the baseline, not a report)."""
    statuses = [o.model.status for o in expected_outcomes(cat, goal.id)
                if o.model.status != "not-evidenced" and (period is None or period.of(dated(o)) == "plan")]
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


def _short(m, verb: str) -> str:
    """The drawing's label of a start or an issue: the short name with what happened, so that an
    initiative's start and its document of the same name read apart ('' when no short name)."""
    return f"{m.short_name} {verb}" if m.short_name else ""


def milestones(cat: Catalog) -> list[Milestone]:
    """Every dated fact, oldest first: events, starts, documents, foundings and renamings."""
    out: list[Milestone] = []
    for e in cat.entries.values():
        m = e.model
        if e.type == "events" and m.date:
            out.append(Milestone(m.date, display_name(e), e))
        elif e.type == "initiatives" and m.start:
            out.append(Milestone(m.start, f"{display_name(e)} begins", e, _short(m, "begins")))
        elif e.type == "documents" and m.date:
            out.append(Milestone(m.date, f"{display_name(e)} issued", e, _short(m, "issued")))
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


# ---------------------------------------------------------------------------
# The guidance map: what the public record offers on protecting soft targets and critical
# infrastructure (the map the 2018 Tokyo workshop called for), by issuer and by kind.

GUIDANCE_AREAS = ("soft-targets-protection", "critical-infrastructure-protection")
# Kind of guidance (shown as columns) -> the document kinds it holds; initiatives form their own column.
GUIDANCE_KINDS = {
    "Resolutions, decisions and laws": ("resolution", "framework"),
    "Strategies and action plans": ("strategy", "action-plan"),
    "Good practices and guidance": ("guidance",),
    "Compendiums and reports": ("compendium", "report", "assessment"),
}
INITIATIVES_KIND = "Initiatives and programmes"


@dataclass(frozen=True)
class GuidanceItem:
    entry: Entry
    issuer: str  # id of the top body it comes from (APEC fora map to "apec")
    kind: str  # a key of GUIDANCE_KINDS, or INITIATIVES_KIND


def _top(cat: Catalog, rid: str) -> str:
    seen = set()
    while rid in cat.entries and rid not in seen:
        seen.add(rid)
        e = cat.entries[rid]
        if e.type in ("fora", "economies"):
            return "apec" if e.type == "fora" else rid
        parent = getattr(e.model, "parent", None)
        if not parent:
            return rid
        rid = parent
    return rid


def guidance_map(cat: Catalog) -> list[GuidanceItem]:
    """Initiatives and documents on the two issue areas that give guidance (not news, pages or
    meeting papers). A document that belongs to an initiative on the map is shown as the initiative."""
    kind_of = {k: label for label, kinds in GUIDANCE_KINDS.items() for k in kinds}
    out: list[GuidanceItem] = []
    on_map = set()
    for e in cat.of_type("initiatives"):
        if set(e.model.issue_areas) & set(GUIDANCE_AREAS):
            lead = e.model.lead[0] if e.model.lead else "apec"
            out.append(GuidanceItem(e, _top(cat, lead), INITIATIVES_KIND))
            on_map.add(e.id)
    for e in cat.of_type("documents"):
        m = e.model
        if m.kind in kind_of and set(m.issue_areas) & set(GUIDANCE_AREAS) and not set(m.initiatives) & on_map:
            issuer = m.issuers[0] if m.issuers else "unknown"
            out.append(GuidanceItem(e, _top(cat, issuer), kind_of[m.kind]))
    return sorted(out, key=lambda g: (entry_date(g.entry) or "", display_name(g.entry).lower()))


@dataclass
class Derived:
    plan_period: PlanPeriod | None
    goal_status: dict[str, str]
    edges: list[Edge]
    milestones: list[Milestone]
    guidance: list[GuidanceItem] = field(default_factory=list)
    _by_node: dict[str, list[Edge]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for edge in self.edges:
            self._by_node.setdefault(edge[0], []).append(edge)
            if edge[2] != edge[0]:
                self._by_node.setdefault(edge[2], []).append(edge)

    def cooperation(self, focus: str | None = None) -> list[Edge]:
        """(from id, relation, to id) triples; with `focus`, only those touching that record."""
        return list(self._by_node.get(focus, [])) if focus else list(self.edges)

    def period_of(self, e: Entry) -> str:
        return self.plan_period.of(dated(e)) if self.plan_period else "undated"


def derive(cat: Catalog) -> Derived:
    period = plan_period(cat)
    return Derived(
        plan_period=period,
        goal_status={g.id: goal_status(cat, g, period) for g in cat.of_type("workplan", "goal")},
        edges=cooperation_edges(cat),
        milestones=milestones(cat),
        guidance=guidance_map(cat),
    )
