"""The home page's parts: the work across APEC at a glance.

In: a `SiteContext` and the page the parts go on (its docs-relative path, 'index.md').
Out: fragments the home page's macros (ctwg.site.page_macros) place:
- `key_figures`: how many fora, partners, economies, initiatives, events and documents the
  site has, and the years its dated records cover, each linking to its index page (HTML);
- `fora_chart`: who does what: the APEC fora in three bands (Leaders, Ministers and Senior
  Officials; committees and working groups; advice and support), each sub-forum inside the box of its parent and each
  box with the issue areas the forum leads (HTML lists in a CSS grid, so it reflows on a phone);
- `issue_area_lines`: each issue area with the fora that lead it and those that also work on it;
- `upcoming_events` and `past_events`: events not yet over at the build date (soonest first)
  and those over (latest first), so that neither list holds the other's.
Every value from the data is escaped; every number is counted from the Catalog.
"""

from __future__ import annotations

from ...data import constants
from ...data.catalog import Entry
from ...data.dates import fmt_range, is_over, key
from ...data.derived import display_name, short
from ..context import SiteContext
from ..markup import count_of, esc, md_text, value_label
from ..urls import site_href

FIGURE_TYPES = ("fora", "partners", "economies", "initiatives", "events", "documents")

# The bands of the fora chart, by the kind of the top forum of each tree (constants.FORUM_KINDS).
BANDS = (
    ("Leaders, Ministers and Senior Officials", ("leaders", "ministers", "senior-officials")),
    ("Committees and working groups", ("committee", "sub-committee", "working-group", "task-force",
                                       "expert-group", "steering-group", "group")),
    ("Advice and support", ("advisory-council", "secretariat", "unit")),
)


def years_covered(ctx: SiteContext) -> tuple[int, int] | None:
    """The first and last year of the site's dated facts (ctwg.data.derived.milestones)."""
    years = [key(m.date)[0] for m in ctx.facts.milestones]
    return (min(years), max(years)) if years else None


def key_figures(ctx: SiteContext) -> str:
    cat = ctx.catalog
    items = []
    for rtype in FIGURE_TYPES:
        n = len(cat.by_type[rtype])
        words = count_of(rtype, n).split(" ", 1)[1]
        items.append((site_href(constants.RECORD_TYPES[rtype]["url"] + "/"), str(n), words))
    span = years_covered(ctx)
    if span:
        first, last = span
        items.append((site_href("timeline/"), str(last - first + 1),
                      f"{'year' if first == last else 'years'} covered, {first}\u2060–\u2060{last}"))  # word joiners: no break at the dash
    lis = "".join(f'<li><a href="{href}"><span class="ctwg-figures__n">{n}</span> '
                  f'<span class="ctwg-figures__label">{esc(words)}</span></a></li>\n' for href, n, words in items)
    return f'<ul class="ctwg-figures" aria-label="Key figures">\n{lis}</ul>'


def _leads(ctx: SiteContext) -> dict[str, list[Entry]]:
    """Forum id -> the issue areas it leads."""
    out: dict[str, list[Entry]] = {}
    for ia in ctx.catalog.of_type("issue_areas"):
        for f in ia.model.lead_fora:
            out.setdefault(f, []).append(ia)
    return out


def _words(text: str) -> str:
    """Letters only, lower case: 'Sub committee' and 'Subcommittee on ...' compare alike."""
    return "".join(c for c in text.lower() if c.isalpha())


def _order(e: Entry) -> tuple[bool, str]:
    return (e.id != constants.GROUP_ID, short(e).lower())


def fora_chart(ctx: SiteContext) -> str:
    cat = ctx.catalog
    fora = cat.of_type("fora")
    children: dict[str, list[Entry]] = {}
    roots = []
    for f in fora:
        if f.model.parent and f.model.parent in cat.entries:
            children.setdefault(f.model.parent, []).append(f)
        else:
            roots.append(f)
    leads = _leads(ctx)

    def box(f: Entry) -> str:
        cls = "ctwg-chart__box" + (" ctwg-chart__box--group" if f.id == constants.GROUP_ID else "")
        name = esc(display_name(f))
        kind = value_label(f.model.kind)
        parts = [f'<li class="{cls}"><a class="ctwg-chart__name" href="{ctx.href(f.id)}">{name}</a>']
        if _words(kind) not in _words(f.model.name):  # not "APEC Ministers: Ministers"
            parts.append(f'<span class="ctwg-chart__kind">{esc(kind)}</span>')
        if f.id in leads:
            links = ", ".join(f'<a href="{ctx.href(ia.id)}">{esc(ia.model.name)}</a>' for ia in leads[f.id])
            parts.append(f'<span class="ctwg-chart__leads">Leads on {links}</span>')
        subs = sorted(children.get(f.id, []), key=_order)
        if subs:
            parts.append('<ul class="ctwg-chart__sub">' + "".join(box(s) for s in subs) + "</ul>")
        return "".join(parts) + "</li>"

    out = ['<div class="ctwg-chart">']
    placed: set[str] = set()
    for title, kinds in BANDS:
        band = sorted((r for r in roots if r.model.kind in kinds), key=_order)
        placed.update(r.id for r in band)
        if band:
            out.append(f'<h3 class="ctwg-chart__band">{esc(title)}</h3>')
            out.append('<ul class="ctwg-chart__boxes">' + "".join(box(r) for r in band) + "</ul>")
    rest = sorted((r for r in roots if r.id not in placed), key=_order)  # a kind added later to FORUM_KINDS
    if rest:
        out.append('<h3 class="ctwg-chart__band">Other fora</h3>')
        out.append('<ul class="ctwg-chart__boxes">' + "".join(box(r) for r in rest) + "</ul>")
    out.append("</div>")
    return "\n".join(out)


def issue_area_lines(ctx: SiteContext, current: str) -> str:
    """One Markdown line per issue area: who leads it and which other fora work on it."""
    cat = ctx.catalog
    lines = []
    for ia in cat.of_type("issue_areas"):
        lead = [f for f in ia.model.lead_fora if f in cat.entries]
        also = sorted((f for f in cat.of_type("fora") if ia.id in f.model.issue_areas and f.id not in lead),
                      key=_order)
        text = f"- **{ctx.link(ia.id, current)}**: led by " + ", ".join(
            ctx.link(f, current, short(cat.entries[f])) for f in lead)
        if also:
            text += "; also " + ", ".join(ctx.link(f.id, current, short(f)) for f in also)
        lines.append(text)
    return "\n".join(lines)


def _dated_events(ctx: SiteContext) -> list[Entry]:
    return [e for e in ctx.catalog.of_type("events") if e.model.date]


def upcoming_events(ctx: SiteContext) -> list[Entry]:
    """Events not over at the build date (ctx.today), soonest first."""
    items = [e for e in _dated_events(ctx) if not is_over(e.model.date, e.model.end, ctx.today)]
    return sorted(items, key=lambda e: key(e.model.date))


def past_events(ctx: SiteContext) -> list[Entry]:
    """Events over by the build date, latest first."""
    items = [e for e in _dated_events(ctx) if is_over(e.model.date, e.model.end, ctx.today)]
    return sorted(items, key=lambda e: key(e.model.date), reverse=True)


def event_line(ctx: SiteContext, e: Entry, current: str) -> str:
    return (f"- **{md_text(fmt_range(e.model.date, e.model.end))}**: {ctx.link(e.id, current)}"
            + (f" ({md_text(e.model.city)})" if e.model.city else ""))
