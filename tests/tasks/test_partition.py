import pandas as pd
import pytest

from schemas import INPUTS
from tasks import match, normalize, partition, scoring_config, validate
from tasks.commodities import CommodityTaxonomy
from tasks.ingest import ingest
from tasks.paths import SAMPLE
from tasks.reference import load_reference
from tasks.regions import supplier_evidence


@pytest.fixture(scope="module")
def inputs():
    raw = ingest(SAMPLE / "suppliers.csv", INPUTS["suppliers"].CONTRACT)
    suppliers = validate.suppliers(raw, "keep_first")
    lines = validate.sourcing(ingest(SAMPLE / "sourcing.xlsx", INPUTS["sourcing"].CONTRACT,
                                     require_any=("commodity", "hs_code")),
                              suppliers.accepted["supplier_id"], "keep_first")
    norm = normalize.suppliers(suppliers.accepted)
    return lines.accepted, norm


def _screen(inputs, n):
    lines, suppliers = inputs
    reference, taxonomy = load_reference(), CommodityTaxonomy.load()
    pairs = match.pair_indicators(reference, taxonomy)
    args = (suppliers, supplier_evidence(suppliers), reference, taxonomy, pairs, scoring_config.load(),
            "sourcing.xlsx")
    return partition.combine([partition.screen_block(b, *args) for b in partition.split(lines, suppliers, n)])


def test_blocks_keep_countries_whole_and_lose_no_line(inputs):
    lines, suppliers = inputs
    blocks = partition.split(lines, suppliers, 3)
    assert len(blocks) == 3
    assert sorted(pd.concat(blocks)[partition.ORDER]) == list(range(len(lines)))
    country = suppliers.set_index("supplier_id")["country_iso3"].astype("string").fillna("?")
    seen = [set(country.reindex(b["supplier_id"]).fillna("?")) for b in blocks]
    assert all(not (a & b) for i, a in enumerate(seen) for b in seen[i + 1:])


@pytest.mark.parametrize("n", [2, 5])
def test_result_does_not_depend_on_the_number_of_blocks(inputs, n):
    one_lines, one_evidence = _screen(inputs, 1)
    many_lines, many_evidence = _screen(inputs, n)
    pd.testing.assert_frame_equal(one_lines, many_lines)
    pd.testing.assert_frame_equal(one_evidence, many_evidence)


def test_partitions_must_be_positive(inputs):
    with pytest.raises(ValueError, match="at least 1"):
        partition.split(*inputs, 0)
