"""The figures read on a phone and a desktop (issue 18), checked on their markup (the browser
test tests/browser/test_readable.py measures the rendered sizes):

- each figure is drawn at real size (width = viewBox width, in px) once per width, the
  narrowest NARROW px wide, each shown for its own range of widths, in a focusable named
  region, with a legend;
- no name is cut: every label, its wrapped lines joined, is the whole name;
- the cooperation figure draws each kind of connection (data.derived) in its own class, the
  site's CSS gives each class its own line, and the legend names every kind drawn;
- wrap() keeps every word and stays within the line.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from ctwg.data.derived import expected_outcomes
from ctwg.site.context import SiteContext
from ctwg.site.figures import layout
from ctwg.site.figures.cooperation import EDGE_KINDS, cooperation_svg
from ctwg.site.figures.timeline import MARKS, timeline_svg
from ctwg.site.figures.tracker import tracker_svg
from ctwg.site.markup import esc, value_label

CSS = Path(__file__).resolve().parents[3] / "docs" / "assets" / "css" / "site.css"
SVG = re.compile(r'<svg class="ctwg-svg [^"]*(ctwg-show--\w+-\w+)[^"]*" width="(\d+)" height="(\d+)" viewBox="0 0 (\d+) (\d+)"')


@pytest.fixture(scope="module")
def ctx(catalog):
    return SiteContext(catalog)


def labels(svg: str) -> list[str]:
    """Each <text>'s lines joined by spaces (as a reader reads the wrapped name)."""
    return [" ".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", t)) or re.sub(r"<[^>]+>", "", t)
            for t in re.findall(r"<text[^>]*>.*?</text>", svg)]


def drawings(html: str) -> dict[str, str]:
    parts = re.findall(r'(<svg class="ctwg-svg [^"]*(ctwg-show--\w+-\w+).*?</svg>)', html)
    return {kind: svg for svg, kind in parts}


def figures(ctx):
    cat = ctx.catalog
    rows = [(g, ctx.facts.goal_status[g.id], Counter(o.model.status for o in expected_outcomes(cat, g.id)))
            for g in cat.of_type("workplan", "goal")]
    return {
        "map": cooperation_svg(ctx),
        "ctwg": cooperation_svg(ctx, focus="ctwg"),
        "timeline": timeline_svg(ctx, ctx.facts.milestones),
        "tracker": tracker_svg(ctx, rows),
    }


def test_drawings_at_real_size_one_per_width_in_a_named_region_with_a_legend(ctx):
    css = CSS.read_text(encoding="utf-8")
    for name, html in figures(ctx).items():
        found = SVG.findall(html)
        for cls, w, h, vw, vh in found:
            assert (w, h) == (vw, vh), f"{name} {cls}: drawn at {w}x{h} px but its viewBox is {vw}x{vh}"
            assert f".{cls}" in css, f"{name}: no rule in site.css for {cls}"
        widths = [int(w) for _, w, *_ in found]
        assert widths[0] == layout.NARROW and set(widths[1:]) <= set(layout.WIDE_STEPS) and len(widths) > 1, (name, widths)
        # each drawing from its own width up to the next one's: every width has exactly one
        ranges = [cls.removeprefix("ctwg-show--").split("-") for cls, *_ in found]
        assert [lo for lo, _ in ranges] == ["0", *map(str, widths[1:])], (name, ranges)
        assert [hi for _, hi in ranges] == [*map(str, widths[1:]), "up"], (name, ranges)
        assert html.count("ctwg-svg--copy") == len(widths) - 1, name
        assert re.search(r'class="ctwg-fig__scroll" tabindex="0" role="region" aria-label="[^"]+"', html), name
        assert '<ul class="ctwg-legend"' in html, name
        assert "…" not in html, f"{name}: a label is cut"


def test_every_name_is_whole(ctx):
    cat = ctx.catalog
    figs = figures(ctx)
    names = {esc(e.model.short_name or e.model.name) for t in ("fora", "partners", "issue_areas") for e in cat.of_type(t)}
    for name in ("map", "ctwg"):
        for kind, svg in drawings(figs[name]).items():
            nodes = [lb for lb in labels(svg) if lb not in ("Partners", "The group", "APEC fora", "Issue areas")]
            assert nodes and set(nodes) <= names, (name, kind, set(nodes) - names)
    want = {esc(ms.label) for ms in ctx.facts.milestones if ms.date}
    for kind, svg in drawings(figs["timeline"]).items():
        got = {lb for lb in labels(svg) if not lb.isdigit()}
        assert got == want, (kind, got ^ want)
    goals = {esc(f"Goal {g.model.number}: {g.model.name}") for g in cat.of_type("workplan", "goal")}
    for kind, svg in drawings(figs["tracker"]).items():
        assert goals <= set(labels(svg)), (kind, goals - set(labels(svg)))


def test_each_kind_of_connection_has_its_own_line_and_a_legend(ctx):
    kinds = {rel for _, rel, _ in ctx.facts.cooperation()}
    assert kinds == set(EDGE_KINDS), "a kind of connection in data.derived has no line style here"
    css = CSS.read_text(encoding="utf-8")
    styles = set()
    for cls, _words in EDGE_KINDS.values():
        rule = re.search(r"\.ctwg-edge--" + cls + r" \{([^}]*)\}", css)
        assert rule, f".ctwg-edge--{cls} has no rule in site.css"
        styles.add(" ".join(sorted(rule.group(1).split(";"))).strip())
    assert len(styles) == len(EDGE_KINDS), "two kinds of connection are drawn alike"
    html = figures(ctx)["map"]
    for rel in kinds:
        cls, words = EDGE_KINDS[rel]
        assert f"ctwg-edge ctwg-edge--{cls}" in html, rel
        assert f"</svg> {esc(words)}</li>" in html, f"the legend does not name {rel!r}"


def test_timeline_and_tracker_legends(ctx):
    figs = figures(ctx)
    for t in {ms.entry.type for ms in ctx.facts.milestones if ms.date}:
        assert t in MARKS and f"</svg> {MARKS[t][1]}</li>" in figs["timeline"], t
    for s in ("planned", "under-way", "delivered", "not-evidenced"):
        assert f"</svg> {value_label(s)}</li>" in figs["tracker"], s


@pytest.mark.parametrize("width", [120, layout.NARROW - 100, 560])
def test_wrap_keeps_every_word_within_the_line(width):
    text = ("APEC news release on the Final Report on Implementation of the Leaders' Statement on "
            "Counter-terrorism presented at Los Cabos issued Supercalifragilisticexpialidocious")
    lines = layout.wrap(text, width)
    assert " ".join(lines) == text
    per_line = int(width / layout.CHAR)
    assert all(len(ln) <= per_line or " " not in ln for ln in lines), lines
    assert len(lines) > 1
