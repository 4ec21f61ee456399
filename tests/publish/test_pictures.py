"""The picture of a miss: both intervals and the gap on one number line, to scale."""

from __future__ import annotations

import math
import re

from tests.publish.helpers import growth_check
from validator.publish.svg import Scale, Span, gap_of, miss_svg, nice_ticks


def rects(svg: str, cls: str) -> list[tuple[float, float]]:
    """(x, width) of every rect of a class."""
    return [
        (float(x), float(w))
        for x, w in re.findall(rf'class="{cls}" x="([\d.-]+)" y="[\d.-]+" width="([\d.-]+)"', svg)
    ]


def test_the_stated_and_derived_bars_and_the_gap_are_to_scale():
    svg = miss_svg(growth_check(1))  # stated [25.835, 25.845], derived [4.6579, 5.2555]
    ((sx, sw),) = rects(svg, "vf-bar-stated")
    ((dx, dw),) = rects(svg, "vf-bar-derived")
    ((gx, gw),) = rects(svg, "vf-gap")
    assert dx < dx + dw <= gx + 0.01 < sx  # derived, then the gap, then stated, left to right
    assert math.isclose(gx, dx + dw, abs_tol=0.01) and math.isclose(gx + gw, sx + sw / 2, abs_tol=2)
    # lengths keep their ratio: the gap (20.58) is about 34 times the derived interval (0.60)
    assert 30 < gw / dw < 38
    assert "vf-inset" not in svg  # a wide gap needs no zoom


def test_a_tiny_gap_gets_a_zoomed_inset():
    c = growth_check(1, stated=(130.995, 131.005), derived=(130.9949, 130.9949), miss=0.0001)
    svg = miss_svg(c)
    assert "vf-inset" in svg and "zoomed ×" in svg
    inset = svg.split('class="vf-inset"')[1]
    ((_, gw),) = rects(inset, "vf-gap")
    assert gw > 20  # readable in the inset


def test_an_unbounded_side_is_an_arrow():
    c = growth_check(1, stated=(65.0, math.inf), derived=(10.0, 20.0), miss=45.0)
    svg = miss_svg(c)
    assert svg.count("vf-unbounded") == 1
    c = growth_check(1, stated=(65.0, 66.0), derived=(None, 20.0), miss=45.0)
    assert miss_svg(c).count("vf-unbounded") == 1


def test_the_picture_has_a_text_title_and_no_script_or_link():
    svg = miss_svg(growth_check(1))
    assert (
        "<title>stated [25.835, 25.845] %, derived [4.6579, 5.2555] %, misses by 20.5795 %" in svg
    )
    assert "<script" not in svg and "href" not in svg


def test_helpers():
    assert gap_of(Span(5, 6), Span(1, 2)) == (2, 5)
    assert gap_of(Span(1, 3), Span(2, 4)) is None
    assert [round(t, 9) for t in nice_ticks(0, 1)] == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    scale = Scale(0, 10, 100, 200)
    assert scale.x(5) == 150 and scale.x(math.inf) > 200 and scale.x(-math.inf) < 100
