"""metrics.explainer on a hand-made 766 table of four provinces (worked out by hand):

totals in 2026-10: A 86,50 (1st), B 84,00 (2nd), Khánh Hòa 82,90 (3rd), D 80,00 (4th); an older month where only
Khánh Hòa has a total is not a field to rank against. Khánh Hòa's components (max, target in the rules):
- Dịch vụ công trực tuyến 15,40 of 22 (target 80 %): implies 15,40 ÷ 22 × 80 % = 56,0 %; passing B needs
  84,00 − 82,90 + 0,01 = 1,11 points → 16,51 ÷ 22 × 80 % = 60,036… %, a change of 4,036… points;
- Số hóa hồ sơ 17,00 of 22 (target 80 %): 61,818… % → 18,11 ÷ 22 × 80 % = 65,854… %, the same change (same
  maximum and target); ties go by points lost, so online (6,60 lost) before digitisation (5,00);
- Tiến độ giải quyết 19,50 of 20 (target 100 %): 19,50 + 1,11 = 20,61 > 20 → cannot pass B alone (lost 0,50);
- Mức độ hài lòng 17,00 of 18 with no rule in this test: no rate (lost 1,00). These two come last, by points lost.
"""

import pandas as pd
import pytest

from metrics.errors import DomainError
from metrics.explainer import ComponentRule, agency_gains, components, standing

RULES = [ComponentRule("Dịch vụ công trực tuyến", "Tỷ lệ hồ sơ trực tuyến", 22, 0.8, "online_share"),
         ComponentRule("Số hóa hồ sơ", "Tỷ lệ số hóa hồ sơ", 22, 0.8, "digitisation_rate"),
         ComponentRule("Tiến độ giải quyết", "Tỷ lệ đúng hạn", 20, 1.0, "progress_rate_766")]


def _row(province, score, rank=None, component="", max_points=100.0, period="2026-10"):
    return {"index_name": "766", "period": period, "province": province, "score": score, "rank": rank,
            "n_ranked": 34 if rank else None, "component": component, "max_points": max_points, "is_demo": False}


RESULTS = pd.DataFrame([
    _row("A", 86.5, 1), _row("B", 84.0, 2), _row("Khánh Hòa", 82.9, 3), _row("D", 80.0, 4),
    _row("Khánh Hòa", 15.4, None, "Dịch vụ công trực tuyến", 22), _row("Khánh Hòa", 17.0, None, "Số hóa hồ sơ", 22),
    _row("Khánh Hòa", 19.5, None, "Tiến độ giải quyết", 20), _row("Khánh Hòa", 17.0, None, "Mức độ hài lòng", 18),
    _row("Khánh Hòa", 70.0, 9, period="2026-11"),  # a newer month where no other province is published yet
])


def test_the_standing_names_the_neighbours_and_the_gaps():
    found = standing(RESULTS, "khánh hòa")
    assert (found.period, found.rank, found.n_ranked, found.score) == ("2026-10", 3, 34, 82.9)
    assert (found.above, found.above_rank, found.gap_above) == ("B", 2, 1.1)
    assert (found.below, found.below_rank, found.gap_below) == ("D", 4, 2.9)
    assert standing(RESULTS, "A").above is None and standing(RESULTS, "Nowhere") is None


def test_components_give_the_rate_needed_through_each_alone():
    table = components(RESULTS, standing(RESULTS, "Khánh Hòa"), RULES)
    assert table["component"].tolist() == ["Dịch vụ công trực tuyến", "Số hóa hồ sơ", "Mức độ hài lòng",
                                           "Tiến độ giải quyết"]
    online = table.iloc[0]
    assert online["rate_now"] == pytest.approx(15.4 / 22 * 0.8)
    assert online["rate_needed"] == pytest.approx(16.51 / 22 * 0.8)
    assert online["change"] == pytest.approx(1.11 / 22 * 0.8) and online["lost"] == pytest.approx(6.6)
    assert table.iloc[1]["rate_needed"] == pytest.approx(18.11 / 22 * 0.8)
    assert table["reachable"].tolist() == [True, True, False, False]
    assert pd.isna(table.iloc[3]["rate_needed"]) and table.iloc[3]["rate_now"] == pytest.approx(0.975)
    assert table.iloc[2]["rate"] == "" and table.iloc[2]["max_points"] == 18


def test_agency_gains_are_what_the_province_rate_would_gain():
    counts = pd.DataFrame({"name": ["Sở X", "Sở Y", "Sở Z"], "received": [100, 300, 600],
                           "received_online": [20, 270, 300]})
    # reaching 80 %: X gains (80 − 20) ÷ 1000 = 6 points, Y is above the target, Z gains (480 − 300) ÷ 1000 = 18
    gains = agency_gains(counts, "online_share", 0.8)
    assert gains["name"].tolist() == ["Sở Z", "Sở X"]
    assert gains["gain"].tolist() == pytest.approx([0.18, 0.06]) and gains["rate"].tolist() == pytest.approx(
        [0.5, 0.2])
    with pytest.raises(DomainError):
        agency_gains(counts, "payment_share", 0.8)


def test_explainer_functions_should_not_side_effect():
    results = RESULTS.copy()
    components(results, standing(results, "Khánh Hòa"), RULES)
    pd.testing.assert_frame_equal(results, RESULTS)
