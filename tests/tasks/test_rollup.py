import numpy as np
import pandas as pd
import pytest

from tasks import rollup, scoring_config


@pytest.fixture(scope="module")
def config():
    return scoring_config.load()


def test_exposure_share_uses_values_and_fills_missing_with_average_line():
    values = pd.Series([300.0, np.nan, 100.0])
    lines = pd.Series([3, 2, 1])
    share = rollup.exposure_share(values, lines)
    # 400 over 4 valued lines = 100 per line; the pair without values counts 2 x 100
    assert share.tolist() == pytest.approx([0.5, 200 / 600, 100 / 600])
    assert share.sum() == pytest.approx(1.0)


def test_exposure_share_falls_back_to_lines_when_no_value_is_known():
    share = rollup.exposure_share(pd.Series([np.nan, np.nan]), pd.Series([1, 3]))
    assert share.tolist() == [0.25, 0.75]


def test_supplier_without_lines_is_scored_on_its_own_evidence(config):
    suppliers = pd.DataFrame({"supplier_id": ["A", "B", "C"], "name": ["a", "b", "c"], "_row": [2, 3, 4]})
    lines = pd.DataFrame({"supplier_id": ["A"], "score": [30.0], "value_usd": [10.0],
                          "commodity_id": ["cocoa"]})
    evidence = pd.DataFrame({"pos": [0], "indicator": ["ilab_child_labor"], "source": ["ilab_tvpra"],
                             "edition": ["2022"], "weight": [30.0], "detail": ["x"]})
    facts = pd.DataFrame({"supplier_id": ["B"], "indicator": ["xinjiang_address"], "source": ["address"],
                          "edition": [None], "detail": ["Hotan"]})
    out = rollup.supplier_risk(suppliers, lines, evidence, config, facts).set_index("supplier_id")
    assert out.loc["A", "max_score"] == 30.0 and out.loc["A", "band"] == "medium"
    assert out.loc["B", "max_score"] == 100.0 and out.loc["B", "band"] == "critical"
    assert out.loc["B", "supplier_indicators"][0]["indicator"] == "xinjiang_address"
    assert pd.isna(out.loc["C", "max_score"]) and pd.isna(out.loc["C", "band"])
    assert out.loc["C", "supplier_indicators"] == []
