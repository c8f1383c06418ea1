import pandas as pd
import pytest

from tasks import score, scoring_config


@pytest.fixture(scope="module")
def config():
    return scoring_config.load()


def _evidence(rows):
    return pd.DataFrame(rows, columns=["pos", "indicator", "source", "edition", "weight", "detail"])


def test_scores_are_capped_sums(config):
    evidence = _evidence([
        (0, "ilab_forced_labor", "ilab_tvpra", "2022", 45.0, "x"),
        (0, "ilab_forced_child_labor", "ilab_tvpra", "2022", 45.0, "x"),
        (0, "tip_tier_3", "tip", "2025", 20.0, "x"),
        (2, "tip_tier_2", "tip", "2023", 5.0, "x"),
    ])
    scores = score.line_scores(evidence, 3, config)
    # ilab capped at 70, plus tip 20
    assert scores.tolist() == [90.0, 0.0, 5.0]


def test_group_caps_then_overall_cap(config):
    evidence = _evidence([
        (0, "uflpa_entity", "uflpa", "2026-06-11", 100.0, "x"),
        (0, "ilab_forced_labor", "ilab_tvpra", "2022", 45.0, "x"),
        (1, "country_unknown", None, None, 20.0, "x"),
        (1, "commodity_unmapped", None, None, 15.0, "x"),
        (1, "tip_not_rated", "tip", None, 5.0, "x"),
    ])
    scores = score.line_scores(evidence, 2, config)
    assert scores.tolist() == [100.0, 40.0]
    rows = evidence.to_dict("records")
    assert [config.score([r for r in rows if r["pos"] == p]) for p in (0, 1)] == scores.tolist()


def test_config_rejects_undeclared_group(tmp_path):
    text = scoring_config.DEFAULT_PATH.read_text().replace('group = "region"', 'group = "nowhere"')
    path = tmp_path / "scoring.toml"
    path.write_text(text)
    with pytest.raises(ValueError, match="xinjiang_address -> nowhere"):
        scoring_config.load(path)


@pytest.mark.parametrize(("value", "band"), [
    (0, "low"), (24.9, "low"), (25, "medium"), (49, "medium"), (50, "high"), (75, "critical"),
    (100, "critical"),
])
def test_bands_follow_cut_offs(config, value, band):
    assert score.bands(pd.Series([float(value)]), config)[0] == band


def test_null_score_has_null_band(config):
    assert pd.isna(score.bands(pd.Series([None], dtype="float64"), config)[0])


def test_evidence_lists_align_with_lines():
    evidence = _evidence([
        (2, "tip_tier_2", "tip", "2023", 5.0, "b"),
        (0, "country_unknown", None, None, 20.0, "a"),
    ])
    lists = score.evidence_lists(evidence, 4).to_pylist()
    assert [len(x) for x in lists] == [1, 0, 1, 0]
    assert lists[0][0] == {"indicator": "country_unknown", "source": None, "edition": None,
                           "weight": 20.0, "detail": "a"}


def test_config_rejects_unordered_bands(tmp_path):
    text = scoring_config.DEFAULT_PATH.read_text().replace("high = 50", "high = 10")
    path = tmp_path / "scoring.toml"
    path.write_text(text)
    with pytest.raises(ValueError, match="band cut-offs must rise"):
        scoring_config.load(path)


def test_config_requires_every_indicator(tmp_path):
    text = scoring_config.DEFAULT_PATH.read_text()
    start = text.index("[indicators.eo13126]")
    end = text.index("[indicators.tip_tier_1]")
    path = tmp_path / "scoring.toml"
    path.write_text(text[:start] + text[end:])
    with pytest.raises(ValueError, match="eo13126"):
        scoring_config.load(path)


def test_every_indicator_has_description_and_rationale(config):
    for name, spec in config.indicators.items():
        assert spec.description and spec.rationale, name
