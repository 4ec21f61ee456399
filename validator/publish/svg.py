"""A picture of each miss: the stated and the derived interval on one number line, to scale.

Static inline SVG (no script, no font file, no external reference), so it reads offline and
without JavaScript. An unbounded side is drawn as an arrow to the end of the line. When the gap
is too narrow to see at the scale of both intervals, a zoomed inset centred on the gap is added.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from validator.findings.model import CheckResult
from validator.findings.numbers import fmt, fmt_interval
from validator.report.escape import html_text

WIDTH = 600
LEFT, RIGHT = 64, 16  # room for the row labels, and for the right arrow heads
TINY_GAP_PX = 14.0  # below this the gap gets a zoomed inset
STATED, DERIVED, GAP = "#0b5cad", "#6f42c1", "#b42318"


@dataclass(frozen=True)
class Span:
    """An interval that may be unbounded on either side (None or ±inf)."""

    lo: float
    hi: float

    @classmethod
    def of(cls, pair: tuple[float, float]) -> Span:
        lo, hi = pair
        return cls(_finite(lo, -math.inf), _finite(hi, math.inf))


def esc(value: object) -> str:
    """Text inside the SVG (a `$` too: GX substitutes `$name` in descriptions)."""
    return html_text(str(value)).replace("$", "&#36;")


def _finite(v: float | None, default: float) -> float:
    return default if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)


def gap_of(a: Span, b: Span) -> tuple[float, float] | None:
    """The stretch between two disjoint intervals; None when they overlap."""
    if a.lo > b.hi:
        return (b.hi, a.lo)
    if b.lo > a.hi:
        return (a.hi, b.lo)
    return None


@dataclass(frozen=True)
class Scale:
    lo: float
    hi: float
    x0: float
    x1: float

    def x(self, v: float) -> float:
        if v == -math.inf:
            return self.x0 - 2
        if v == math.inf:
            return self.x1 + 2
        return self.x0 + (v - self.lo) / (self.hi - self.lo) * (self.x1 - self.x0)


def _domain(values: list[float], left: bool, right: bool) -> tuple[float, float]:
    lo, hi = min(values), max(values)
    span = hi - lo or max(abs(hi), 1.0) * 0.02
    pad_l = span * (0.3 if left else 0.08)
    pad_r = span * (0.3 if right else 0.08)
    return lo - pad_l, hi + pad_r


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values inside [lo, hi] (1, 2 or 5 times a power of ten apart)."""
    raw = (hi - lo) / count
    if raw <= 0 or not math.isfinite(raw):
        return []
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(lo / step) * step
    ticks = []
    v = first
    while v <= hi + step * 1e-9 and len(ticks) < 12:
        ticks.append(0.0 if abs(v) < step * 1e-9 else v)
        v += step
    return ticks


def _tick_decimals(ticks: list[float]) -> int:
    if len(ticks) < 2:
        return 2
    step = ticks[1] - ticks[0]
    return max(0, -math.floor(math.log10(step)) if step < 1 else 0)


def _bar(scale: Scale, span: Span, y: float, color: str, cls: str) -> str:
    x_lo = max(scale.x(span.lo), scale.x0 - 2)
    x_hi = min(scale.x(span.hi), scale.x1 + 2)
    if x_hi - x_lo < 2:  # a very narrow interval stays visible
        mid = (x_lo + x_hi) / 2
        x_lo, x_hi = mid - 1, mid + 1
    parts = [
        f'<rect class="{cls}" x="{x_lo:.2f}" y="{y - 5:.2f}" width="{x_hi - x_lo:.2f}" '
        f'height="10" fill="{color}" fill-opacity="0.75"/>'
    ]
    if span.lo == -math.inf:
        parts.append(_arrow(scale.x0 - 8, y, -1, color))
    if span.hi == math.inf:
        parts.append(_arrow(scale.x1 + 8, y, 1, color))
    return "".join(parts)


def _arrow(x: float, y: float, direction: int, color: str) -> str:
    back = x - direction * 9
    return (
        f'<polygon class="vf-unbounded" points="{x:.2f},{y:.2f} {back:.2f},{y - 7:.2f} '
        f'{back:.2f},{y + 7:.2f}" fill="{color}"/>'
    )


def _axis(scale: Scale, y: float) -> str:
    ticks = nice_ticks(scale.lo, scale.hi)
    d = _tick_decimals(ticks)
    parts = [f'<line x1="{scale.x0:.2f}" y1="{y}" x2="{scale.x1:.2f}" y2="{y}" stroke="#59636e"/>']
    for t in ticks:
        x = scale.x(t)
        parts.append(
            f'<line x1="{x:.2f}" y1="{y}" x2="{x:.2f}" y2="{y + 4}" stroke="#59636e"/>'
            f'<text x="{x:.2f}" y="{y + 15}" font-size="10" text-anchor="middle" '
            f'fill="#59636e">{esc(fmt(t, d))}</text>'
        )
    return "".join(parts)


def _panel(
    scale: Scale, stated: Span, derived: Span, gap: tuple[float, float] | None, top: float
) -> str:
    ys, yd, ya = top + 12, top + 32, top + 46
    parts = []
    if gap is not None:
        g0, g1 = scale.x(max(gap[0], scale.lo)), scale.x(min(gap[1], scale.hi))
        parts.append(
            f'<rect class="vf-gap" x="{g0:.2f}" y="{top + 2:.2f}" width="{max(g1 - g0, 1):.2f}" '
            f'height="40" fill="{GAP}" fill-opacity="0.16" stroke="{GAP}" '
            'stroke-dasharray="3 2"/>'
        )
    parts += [
        f'<text x="4" y="{ys + 4}" font-size="11" fill="{STATED}">stated</text>',
        _bar(scale, stated, ys, STATED, "vf-bar-stated"),
        f'<text x="4" y="{yd + 4}" font-size="11" fill="{DERIVED}">derived</text>',
        _bar(scale, derived, yd, DERIVED, "vf-bar-derived"),
        _axis(scale, ya),
    ]
    return "".join(parts)


def miss_svg(c: CheckResult) -> str:
    """The number line of one discrepancy; empty when there is nothing to draw."""
    stated, derived = Span.of(c.stated), Span.of(c.derived)
    ends = [v for v in (stated.lo, stated.hi, derived.lo, derived.hi) if math.isfinite(v)]
    if not ends:
        return ""
    gap = gap_of(stated, derived)
    left = stated.lo == -math.inf or derived.lo == -math.inf
    right = stated.hi == math.inf or derived.hi == math.inf
    lo, hi = _domain(ends, left, right)
    main = Scale(lo, hi, LEFT, WIDTH - RIGHT - 10)
    body = [_panel(main, stated, derived, gap, 0)]
    height = 66
    gap_px = main.x(gap[1]) - main.x(gap[0]) if gap else 0.0
    if gap is not None and gap_px < TINY_GAP_PX:
        width = max(gap[1] - gap[0], abs(gap[0]) * 1e-12, 1e-12)
        zoom = Scale(gap[0] - 1.5 * width, gap[1] + 1.5 * width, LEFT, WIDTH - RIGHT - 10)
        factor = (main.hi - main.lo) / (zoom.hi - zoom.lo)
        mark = main.x((gap[0] + gap[1]) / 2)
        body.append(
            f'<circle class="vf-zoom-mark" cx="{mark:.2f}" cy="22" r="9" fill="none" '
            f'stroke="{GAP}"/>'
            f'<g class="vf-inset"><rect x="{LEFT - 4}" y="{height + 4}" '
            f'width="{WIDTH - LEFT - RIGHT + 2}" height="76" fill="#fff8f7" stroke="#e6b8b3"/>'
            f'<text x="{LEFT}" y="{height + 16}" font-size="10" fill="{GAP}">zoomed ×'
            f"{esc(_factor(factor))} on the gap</text>"
            f'<svg x="0" y="{height + 16}" width="{WIDTH}" height="62" overflow="hidden">'
            f"{_panel(zoom, stated, derived, gap, 0)}</svg></g>"
        )
        height += 84
    d = c.decimals + 2
    title = (
        f"stated {fmt_interval(*c.stated, c.decimals + 1)} {c.unit}, derived "
        f"{fmt_interval(*c.derived, d)} {c.unit}, misses by {fmt(c.miss, d)} {c.unit}"
    )
    return (
        f'<svg class="vf-miss-svg" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
        f'height="{height}" font-family="sans-serif">'
        f"<title>{esc(title)}</title>{''.join(body)}</svg>"
    )


def _factor(f: float) -> str:
    if f >= 1e6:
        return f"{f:.1e}"
    return f"{f:,.0f}"
