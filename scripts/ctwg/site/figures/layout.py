"""What every figure shares: labels wrapped instead of cut, and the frame that shows a wide or a
narrow drawing for the width at hand.

Each figure is drawn at its real size in pixels (1 user unit = 1 CSS pixel, never shrunk by
its viewBox, so a 13-unit label is 13 px on every screen), once per width: a narrow drawing
(NARROW px, for phones) and one or more wide ones (WIDE_STEPS). `frame` puts them in a box that
is a CSS size container: each shows only where the box is at least as wide as it and narrower
than the next one (site.css, @container). Below NARROW px the narrow drawing scrolls sideways
inside the box, which is a focusable, named region, and a visible line says so. The legend is HTML, above the drawing.
"""

from __future__ import annotations

from ..markup import esc

FONT = 13          # label size in px (= user units)
LINE = 17          # distance between wrapped lines
CHAR = 7.2         # a generous average width of one character at FONT, in px
NARROW = 320       # width of the narrow drawings: fits a 360 px phone (328 px of text column)
WIDE_STEPS = (660, 900)  # the widths a wide drawing may have (site.css has one rule for each)


def wrap(text: str, width_px: float) -> list[str]:
    """`text` broken at spaces into lines of at most `width_px` (estimated): no word is cut
    and nothing is left out (a single word longer than the line gets a line of its own)."""
    per_line = max(int(width_px / CHAR), 8)
    lines: list[str] = []
    cur = ""
    for word in text.split():
        if cur and len(cur) + 1 + len(word) > per_line:
            lines.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}" if cur else word
    if cur:
        lines.append(cur)
    return lines or [""]


def text_lines(lines: list[str], x: float, y: float, **attrs: str) -> str:
    """One SVG <text>, the first baseline at y: the line itself, or a <tspan> per line."""
    extra = "".join(f' {k.rstrip("_").replace("_", "-")}="{esc(v)}"' for k, v in attrs.items())
    if len(lines) == 1:
        return f'<text x="{x:.0f}" y="{y:.0f}"{extra}>{esc(lines[0])}</text>'
    spans = "".join(f'<tspan x="{x:.0f}" dy="{0 if i == 0 else LINE}">{esc(t)}</tspan>'
                    for i, t in enumerate(lines))
    return f'<text x="{x:.0f}" y="{y:.0f}"{extra}>{spans}</text>'


def svg(cls: str, width: float, height: float, label: str, body: str) -> str:
    """An SVG drawn at its real size: width and height in px, the viewBox the same (inline in
    HTML, an <svg> needs no xmlns)."""
    return (f'<svg class="ctwg-svg {cls}" width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" role="group" aria-label="{esc(label)}">{body}</svg>')


def shown_from(widths: list[int]) -> list[str]:
    """For drawings of these widths (narrowest first, the first NARROW), the class that shows
    each one where the box is at least its width and narrower than the next: ctwg-show--LO-HI
    (or LO-up), LO 0 for the first. The widest is found by search; the others are copies."""
    assert widths[0] == NARROW and all(w in WIDE_STEPS for w in widths[1:]) and widths == sorted(set(widths))
    lows = [0, *widths[1:]]
    highs = [str(w) for w in widths[1:]] + ["up"]
    return [f"ctwg-show--{lo}-{hi}" + (" ctwg-svg--copy" if hi != "up" else "") for lo, hi in zip(lows, highs, strict=True)]


def frame(name: str, widths: list[int], draw, legend: str = "") -> str:
    """The legend, then one drawing per width, draw(width, classes), in one scroll box."""
    drawings = "".join(draw(w, cls) for w, cls in zip(widths, shown_from(widths), strict=True))
    return (f'<div class="ctwg-fig">{legend}'
            f'<p class="ctwg-fig__note">The drawing is wider than the screen: scroll it sideways.</p>'
            f'<div class="ctwg-fig__scroll" tabindex="0" role="region" aria-label="{esc(name)} (drawing)">'
            f"{drawings}</div></div>")


def legend(items: list[tuple[str, str]]) -> str:
    """An HTML legend: (swatch SVG markup, words) per colour, shape or line style."""
    lis = "".join(f'<li><svg class="ctwg-swatch" viewBox="0 0 34 16" aria-hidden="true">{sw}</svg> {esc(words)}</li>'
                  for sw, words in items)  # 34 x 16 px (site.css)
    return f'<ul class="ctwg-legend" aria-label="Legend">{lis}</ul>'
