import json

import pandas as pd

from tasks import quarantine
from tasks.ingest import ROW


def test_rows_keep_their_problems_in_order_and_first_values():
    raw = pd.DataFrame({"line_id": ["L1", "", "L3"], "qty": ["1", "-2", ""], ROW: [2, 3, 4]})
    problems = pd.DataFrame({
        ROW: [4, 3, 4, 3],
        "column": pd.array([None, "qty", "line_id", "line_id"], dtype="string"),
        "value": [None, "-2", "L3", None],
        "rule": ["shape", "range", "duplicate_id", "required"],
        "message": ["row has extra cells", "qty: is out of range", "line_id: repeats", "line_id: is empty"],
    })
    out = quarantine.build("sourcing", "s.csv", problems, raw, "line_id")
    assert out["row_number"].tolist() == [3, 4]
    assert out["reason"].tolist() == ["qty: is out of range; line_id: is empty",
                                      "row has extra cells; line_id: repeats"]
    assert out["column"].tolist() == ["qty", "line_id"]  # first non-null of each row
    assert out["rule"].tolist() == ["range", "shape"]
    assert pd.isna(out["record_id"].iloc[0]) and out["record_id"].iloc[1] == "L3"
    assert out["problems"].iloc[1] == [
        {"column": None, "value": None, "rule": "shape", "message": "row has extra cells"},
        {"column": "line_id", "value": "L3", "rule": "duplicate_id", "message": "line_id: repeats"}]
    assert [json.loads(r) for r in out["record"]] == [{"qty": "-2"}, {"line_id": "L3"}]
