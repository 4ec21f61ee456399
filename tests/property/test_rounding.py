"""Properties of the interval method: correctly rounded data is never flagged, and a
perturbation beyond the rounding slack always is."""

from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import fact, judge, run

F = fact
money = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100000"), places=6)
places = st.integers(min_value=0, max_value=4)
rounding = st.sampled_from([ROUND_HALF_UP, ROUND_HALF_EVEN])
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def rounded(x: Decimal, d: int, mode: str) -> str:
    q = Decimal(1).scaleb(-d)
    return str(x.quantize(q, rounding=mode))


@SETTINGS
@given(money, money, money, places, places, places, places, rounding)
def test_correctly_rounded_figures_are_never_flagged(a, b, y0, d1, d2, d3, d4, mode):
    liabilities, equity = a, b
    assets = liabilities + equity
    ratio = liabilities / assets * 100
    y1 = assets  # a second year: growth of total assets from y0 to assets
    growth = (y1 - y0) / y0 * 100
    rows = [
        F("total_liabilities", "2024-12-31", rounded(liabilities, d1, mode)),
        F("total_equity", "2024-12-31", rounded(equity, d2, mode)),
        F("total_assets", "2024-12-31", rounded(assets, d3, mode)),
        F("total_assets", "2024-12-31", rounded(assets * 10000, d1, mode), "万元"),
        F("debt_to_asset_ratio", "2024-12-31", rounded(ratio, d4, mode), "%"),
        F("total_assets", "2023-12-31", rounded(y0, d2, mode)),
        F(
            "total_assets",
            "2024-12-31",
            rounded(growth, d4, mode),
            "%",
            measure="growth",
            base="2023-12-31",
        ),
    ]
    ev = run(rows)
    flagged = ev.table[ev.table["verdict"] == "discrepant"]
    assert flagged.empty, flagged[
        ["check_id", "stated_lo", "stated_hi", "derived_lo", "derived_hi"]
    ].to_string()


@SETTINGS
@given(money, money, places, places, places, rounding, st.booleans())
def test_a_total_moved_beyond_the_rounding_slack_is_flagged(a, b, d1, d2, d3, mode, up):
    total = a + b
    # Each rounded figure is within half a unit of its true value and its interval is one unit
    # wide, so the two intervals stay within one unit per figure of the true relation.
    slack = Decimal(1).scaleb(-d1) + Decimal(1).scaleb(-d2) + Decimal(1).scaleb(-d3)
    step = Decimal(1).scaleb(-d3)
    moved = total + (slack + step) * (1 if up else -1)
    rows = [
        F("current_assets", "2024-12-31", rounded(a, d1, mode)),
        F("noncurrent_assets", "2024-12-31", rounded(b, d2, mode)),
        F("total_assets", "2024-12-31", rounded(moved, d3, mode)),
    ]
    ev = judge(rows)
    assert ev.table.iloc[0]["verdict"] == "discrepant"
