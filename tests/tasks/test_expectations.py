import great_expectations as gx
import pandas as pd

from tasks import expectations


def test_failures_match_a_single_complete_run():
    frame = pd.DataFrame({"a": [1, 5, 12], "b": pd.array(["x", None, "y"], dtype="string"),
                          "unused": ["p", "q", "r"]}, index=[10, 11, 12])
    suite = [gx.expectations.ExpectColumnValuesToBeBetween(column="a", min_value=0, max_value=100),
             gx.expectations.ExpectColumnValuesToNotBeNull(column="b"),
             gx.expectations.ExpectColumnValuesToBeBetween(column="a", min_value=0, max_value=4)]
    assert expectations._needed_columns(frame, suite) == ["a", "b"]
    failures = expectations.run(frame, suite, "t")
    single = expectations._validate(expectations._plain(frame), suite, "t", "COMPLETE")
    expected = [(r.expectation_config.type, r.expectation_config.kwargs.get("column"),
                 r.result.get("unexpected_index_list")) for r in single if not r.success]
    assert [(f.expectation, f.column, f.rows) for f in failures] == expected
    assert sorted(f.column for f in failures) == ["a", "b"]
    assert expectations.run(frame, suite[:1], "t") == []


def test_table_expectations_see_the_whole_frame():
    frame = pd.DataFrame({"a": [1], "b": [2]})
    suite = [gx.expectations.ExpectTableColumnCountToEqual(value=2)]
    assert expectations._needed_columns(frame, suite) is None
    assert expectations.run(frame, suite, "t") == []
