import pytest

from schemas import sourcing, suppliers
from tasks.columns import ColumnMappingError, header_score, map_columns


def test_synonyms_map_case_insensitively():
    header = ["Vendor ID", "FACTORY NAME", "Country of origin", "Address"]
    mapping = map_columns(suppliers.CONTRACT, header)
    assert mapping == {0: "supplier_id", 1: "name", 3: "address"}


def test_sourcing_headers_from_an_erp_export():
    header = ["PO Line", "Vendor ID", "Item Description", "HS Code", "Country of Origin", "Qty",
              "UoM", "Value (USD)", "Ship Date"]
    mapping = map_columns(sourcing.CONTRACT, header)
    assert [mapping[i] for i in range(len(header))] == [
        "line_id", "supplier_id", "commodity", "hs_code", "country_of_origin", "quantity",
        "unit", "value_usd", "date"]


def test_exact_name_beats_synonym():
    # "country" is a synonym of country_of_origin, but the exact name wins.
    mapping = map_columns(sourcing.CONTRACT, ["Country", "Country_of_Origin", "HTS", "Vendor"])
    assert mapping[1] == "country_of_origin"
    assert mapping[2] == "hs_code"
    assert 0 not in mapping


def test_explicit_mapping_wins():
    mapping = map_columns(sourcing.CONTRACT, ["Mat Text", "Vendor"],
                          explicit={"commodity": "mat text"})
    assert mapping == {0: "commodity", 1: "supplier_id"}


def test_explicit_mapping_errors_name_the_problem():
    with pytest.raises(ColumnMappingError, match="no header 'Nope'"):
        map_columns(sourcing.CONTRACT, ["Vendor"], explicit={"commodity": "Nope"})
    with pytest.raises(ColumnMappingError, match="unknown columns"):
        map_columns(sourcing.CONTRACT, ["Vendor"], explicit={"colour": "Vendor"})


def test_header_score_counts_distinct_columns():
    assert header_score(suppliers.CONTRACT, ["Open POs FY26", "", ""]) == 0
    assert header_score(suppliers.CONTRACT, ["Vendor ID", "Supplier Name", "Country"]) == 3
