from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from tasks.reference import ReferenceDataError
from tasks.reference.ilab import read_eo13126, read_tvpra, read_tvpra_table, read_tvpra_xml
from tests.tasks.reference.conftest import RAW

TITLE_ROWS = [
    ["List of Goods Produced by Child Labor or Forced Labor"],
    ["Bureau of International Labor Affairs, 2024"],
    [],
]
HEADER = ["Country", "Good", "Child Labor", "Forced Labor", "Forced Child Labor"]


def test_tvpra_2022_xml_counts():
    goods = read_tvpra_xml(RAW / "ilab" / "tvpra_goods_2022.xml")
    assert len(goods) == 467
    assert goods["good"].nunique() == 169
    assert goods["country"].nunique() == 78
    assert goods["derived"].sum() == 10
    derived = goods[goods["derived"]]
    assert not derived[["child_labor", "forced_labor", "forced_child_labor"]].any(axis=None)
    assert set(derived["derived_country"]) == {"Indonesia", "China", "Congo, Democratic Republic of the"}
    assert goods["derived_country"].notna().sum() == 10  # "No" is not Norway


def test_tvpra_2020_xml_has_no_derived_fields():
    goods = read_tvpra_xml(RAW / "ilab" / "tvpra_goods_2020.xml")
    assert (len(goods), goods["good"].nunique(), goods["country"].nunique()) == (438, 157, 78)
    assert not goods["derived"].any()
    assert goods["derived_country"].isna().all()


def test_goods_are_nfc():
    goods = read_tvpra_xml(RAW / "ilab" / "tvpra_goods_2022.xml")
    assert "A\u00e7a\u00ed Berries" in set(goods["good"])
    assert all(unicodedata.is_normalized("NFC", good) for good in goods["good"])


def test_eo13126_csv():
    eo = read_eo13126(RAW / "ilab" / "eo13126_2014.csv")
    assert len(eo) == 54
    assert "India" in set(eo["country"])  # trailing space cleaned
    assert {"Boliva", "Tajikstan"} <= set(eo["country"])  # typos kept, resolved by aliases


def test_excel_with_title_rows_and_x_marks(write_xlsx):
    path = write_xlsx("tvpra_goods_2024.xlsx", [
        *TITLE_ROWS, HEADER,
        ["Bolivia", "Brazil Nuts/Chestnuts", "X", "X", "X"],
        ["China", "Polysilicon", None, "X", None],
        [None, None, None, None, None],
        ["Ghana", "Cocoa", "x", "", ""],
    ])
    goods = read_tvpra(path)
    assert list(goods["country"]) == ["Bolivia", "China", "Ghana"]
    assert list(goods["child_labor"]) == [True, False, True]
    assert list(goods["forced_labor"]) == [True, True, False]
    assert list(goods["forced_child_labor"]) == [True, False, False]
    assert not goods["derived"].any()


def test_excel_without_forced_child_labor_column(write_xlsx):
    path = write_xlsx("list.xlsx", [["Country", "Good", "Child Labor", "Forced Labor"],
                                    ["India", "Bricks", "X", "X"]])
    assert read_tvpra_table(path)["forced_child_labor"].tolist() == [False]


def test_csv_same_columns(tmp_path: Path):
    path = tmp_path / "tvpra.csv"
    path.write_text("Country,Good,Child Labor,Forced Labor,Forced Child Labor\n"
                    "Burma,Teak,,X,\nIndia,Bricks,X,X,X\n", encoding="utf-8")
    goods = read_tvpra(path)
    assert goods[["country", "forced_labor", "forced_child_labor"]].values.tolist() == [
        ["Burma", True, False], ["India", True, True]]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param([*TITLE_ROWS, HEADER, ["India", "Bricks", "Maybe", "X", ""]],
                     ["bad.xlsx", "row 5", "'Child Labor'", "Maybe"], id="unknown-mark"),
        pytest.param([*TITLE_ROWS, ["Country", "Good", "Child Labor"], ["India", "Bricks", "X"]],
                     ["bad.xlsx", "row 4", "forced_labor", "missing"], id="missing-column"),
        pytest.param([HEADER, ["India", None, "X", "X", "X"]],
                     ["bad.xlsx", "row 2", "'Good'", "empty"], id="empty-good"),
        pytest.param([HEADER, ["India", "Bricks", "X", "", ""], ["India", "bricks", "", "X", ""]],
                     ["bad.xlsx", "row 2 and row 3", "listed twice"], id="duplicate"),
    ],
)
def test_table_errors_name_file_row_column(write_xlsx, rows, expected):
    path = write_xlsx("bad.xlsx", rows)
    with pytest.raises(ReferenceDataError) as error:
        read_tvpra(path)
    for text in expected:
        assert text in str(error.value)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".xml"])
def test_empty_file(tmp_path: Path, suffix: str, write_xlsx):
    path = write_xlsx("empty.xlsx", []) if suffix == ".xlsx" else tmp_path / f"empty{suffix}"
    if suffix != ".xlsx":
        path.write_text("", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"empty"):
        read_tvpra(path)


def test_xml_bad_flag_names_row_and_element(tmp_path: Path):
    path = tmp_path / "goods.xml"
    path.write_text(
        "<Goods><Good><Good_Name>Cocoa</Good_Name><Good_Sector>Agriculture</Good_Sector><Countries>\n"
        "<Country><Country_Name>Ghana</Country_Name><Child_Labor>Yes</Child_Labor>"
        "<Forced_Labor>No</Forced_Labor><Forced_Child_Labor>No</Forced_Child_Labor></Country>\n"
        "<Country><Country_Name>Nigeria</Country_Name><Child_Labor>Maybe</Child_Labor>"
        "<Forced_Labor>No</Forced_Labor><Forced_Child_Labor>No</Forced_Child_Labor></Country>\n"
        "</Countries></Good></Goods>", encoding="utf-8")
    with pytest.raises(ReferenceDataError) as error:
        read_tvpra_xml(path)
    message = str(error.value)
    assert "goods.xml" in message and "row 2 (line 3)" in message and "'Child_Labor'" in message


def test_xml_missing_element(tmp_path: Path):
    path = tmp_path / "goods.xml"
    path.write_text("<Goods><Good><Good_Name>Cocoa</Good_Name><Countries><Country>"
                    "<Country_Name>Ghana</Country_Name><Child_Labor>Yes</Child_Labor>"
                    "</Country></Countries></Good></Goods>", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"row 1 \(line 1\), column 'Forced_Labor': missing"):
        read_tvpra_xml(path)
