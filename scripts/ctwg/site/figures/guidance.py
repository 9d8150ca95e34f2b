"""The guidance map: initiatives and guidance on protecting soft targets and critical infrastructure.

In: the `guidance` items of the site's derived facts (data.derived.guidance_map). Out: Markdown
for the two issue pages: a table of counts by issuer and kind of guidance (each count a link
to that issuer's list), then one list per issuer, each item with its kind, date and a link to
its public copy where there is one. HTML and Markdown only, so it reflows on a phone.
"""

from __future__ import annotations

from collections import defaultdict

from ...data.dates import fmt_date
from ...data.derived import GUIDANCE_KINDS, INITIATIVES_KIND, display_name, entry_date
from ..markup import md_text, md_url
from ..urls import relurl

MAX_ISSUERS = 6  # rows of the table, and lists under it
LIST_ALL = 10  # an issuer with this many items or fewer has them all listed
MAX_LISTED = 8  # otherwise the first few, and a link to the rest


def guidance_section(ctx, current: str) -> str:
    items = ctx.facts.guidance
    if not items:
        return ""
    kinds = [k for k in (INITIATIVES_KIND, *GUIDANCE_KINDS) if any(g.kind == k for g in items)]
    by_issuer: dict[str, list] = defaultdict(list)
    for g in items:
        by_issuer[g.issuer].append(g)
    order = sorted(by_issuer, key=lambda i: (i != "apec", -len(by_issuer[i]), _name(ctx, i).lower()))
    # Bounded, so the page stays small however large the catalog: the table names the first
    # MAX_ISSUERS issuers, each list shows up to LIST_ALL items in full (else MAX_LISTED), and the
    # explorer, linked from every cut, shows the rest.
    shown, rest = order[:MAX_ISSUERS], order[MAX_ISSUERS:]
    out = ["## Map of initiatives and guidance", "",
           f"The participants of the 2018 Tokyo workshop saw a need to map the initiatives and guidance "
           f"available on protecting soft targets. This is that map, as far as the public record read for "
           f"this site goes: {len(items)} initiatives and documents on protecting soft targets and critical "
           f"infrastructure, by who issued them and by kind. The same records are in the "
           f"[explorer]({_explorer(current)}).", "",
           "| Issued by | " + " | ".join(kinds) + " | All |",
           "| --- | " + " | ".join("---:" for _ in kinds) + " | ---: |"]
    for issuer in shown:
        cells = []
        for k in kinds:
            n = sum(1 for g in by_issuer[issuer] if g.kind == k)
            cells.append(str(n) if n else "–")
        out.append(f"| [{md_text(_name(ctx, issuer))}](#guidance-{issuer}) | " + " | ".join(cells)
                   + f" | {len(by_issuer[issuer])} |")
    if rest:
        cells = [str(sum(1 for i in rest for g in by_issuer[i] if g.kind == k)) for k in kinds]
        out.append(f"| {len(rest)} other issuers ([in the explorer]({_explorer(current)})) | " + " | ".join(cells)
                   + f" | {sum(len(by_issuer[i]) for i in rest)} |")
    out.append("")
    for issuer in shown:
        out += [f"### {md_text(_name(ctx, issuer))} {{ #guidance-{issuer} }}", ""]
        mine = by_issuer[issuer]
        listed = mine if len(mine) <= LIST_ALL else mine[:MAX_LISTED]
        for g in listed:
            when = entry_date(g.entry)
            url = getattr(g.entry.model, "url", None)
            copy = ""
            if url:
                third = " (third-party copy)" if getattr(g.entry.model, "mirror", False) else ""
                copy = f" · [read it]({md_url(url)}){third}"
            out.append(f"- {ctx.link(g.entry.id, current)}: {md_text(g.kind.lower())}"
                       + (f", {md_text(fmt_date(when))}" if when else "") + copy)
        if len(listed) < len(mine):
            out.append(f"- … and {len(mine) - len(listed)} more: [all on the map in the explorer]({_explorer(current)})")
        out.append("")
    return "\n".join(out)


def _name(ctx, rid: str) -> str:
    if rid == "apec":
        return "APEC"
    e = ctx.catalog.entries.get(rid)
    return display_name(e) if e else rid


def _explorer(current: str) -> str:
    return relurl("explore.md", current) + "?guidance=on-the-map"
