"""Change detection between runs into one output folder."""

from __future__ import annotations

import pandas as pd
import pytest

from tasks.paths import SAMPLE


@pytest.fixture(scope="module")
def runs(prefect_harness, tmp_path_factory):
    from flows.screening import screen

    out = tmp_path_factory.mktemp("out")
    first = screen(out=out, as_of={"ilab_tvpra": "2020"})
    first_changes = pd.read_parquet(out / "latest" / "changes.parquet")
    second = screen(out=out)
    after_update = pd.read_parquet(out / "latest" / "changes.parquet")
    # Third run: the same lists, one US packaging supplier's address moved to Xinjiang.
    suppliers = pd.read_csv(SAMPLE / "suppliers.csv", dtype=str, keep_default_na=False)
    edited = tmp_path_factory.mktemp("in") / "suppliers.csv"
    target = "V-10219"
    suppliers.loc[suppliers["Vendor ID"] == target, ["Country", "Address"]] = ["China", "Urumqi, Xinjiang"]
    suppliers.to_csv(edited, index=False)
    screen(out=out, suppliers=edited)
    after_edit = pd.read_parquet(out / "latest" / "changes.parquet")
    return first, second, first_changes, after_update, after_edit, target


def test_first_run_into_a_folder_has_no_changes(runs):
    assert runs[2].empty


def test_list_update_changes_are_put_down_to_the_reference(runs):
    first, _, _, after_update, _, _ = runs
    assert len(after_update) > 0
    assert (after_update["previous_run_id"] == first.run_dir.name).all()
    assert set(after_update["cause"]) == {"reference_update"}
    assert after_update["cause_detail"].str.contains("ilab_tvpra 2020 -> 2022").all()
    assert set(after_update["change"]) <= {"escalated", "de-escalated"}


def test_input_edit_is_put_down_to_the_input(runs):
    *_, after_edit, target = runs
    row = after_edit.set_index("supplier_id").loc[target]
    assert row["cause"] == "input_data"
    assert row["change"] == "escalated"
    assert set(after_edit["cause"]) == {"input_data"}
