import pandas as pd
import pytest

from tasks import regions


@pytest.mark.parametrize(("address", "country", "place"), [
    ("No. 66 Weiwu Rd, Shihezi Economic Development Zone, Xinjiang", "CHN", "Shihezi (shihezi)"),
    ("Lop, XUAR", "CHN", "Xinjiang Uyghur Autonomous Region (xuar)"),
    ("Beijing West Rd Industrial Zone, Hotan", "CHN", "Hotan Prefecture (hotan)"),
    ("Ganquanpu Economic Development Zone, ÜRÜMQI", None, "Urumqi (urumqi)"),
    ("新疆维吾尔自治区乌鲁木齐市", None, "Xinjiang Uyghur Autonomous Region (新疆维吾尔自治区)"),
    ("Aksu Industrial Park", "CHN", "Aksu Prefecture (aksu)"),
    ("Kashgar Road 5, Shufu", None, "Kashgar Prefecture (kashgar)"),
])
def test_addresses_in_xinjiang_are_found(address, country, place):
    found = regions.xinjiang_places(pd.Series([address]), pd.Series([country], dtype="string"))
    assert found[0] == place


@pytest.mark.parametrize(("address", "country"), [
    ("Aksu, Antalya", "TUR"),            # a district in Turkey
    ("Aksu, Pavlodar Region", "KAZ"),    # a city in Kazakhstan
    ("Aksu Industrial Park", None),      # ambiguous without a country
    ("Kashi Vishwanath Rd, Varanasi", "IND"),
    ("Shanshan Road 3, Ningbo", "CHN"),  # "Shanshan" alone is not the county
    ("Hotanger Strasse 4, Berlin", "DEU"),  # a word containing a place name
    (None, "CHN"),
])
def test_namesakes_and_partial_words_are_not_xinjiang(address, country):
    found = regions.xinjiang_places(pd.Series([address], dtype="string"),
                                    pd.Series([country], dtype="string"))
    assert pd.isna(found[0])


def test_supplier_evidence_names_the_place():
    suppliers = pd.DataFrame({
        "supplier_id": ["A", "B"],
        "address": ["Lop County, Hotan Prefecture, Xinjiang", "Dhaka"],
        "country_iso3": pd.Series(["CHN", "BGD"], dtype="string"),
    })
    evidence = regions.supplier_evidence(suppliers)
    assert evidence["supplier_id"].tolist() == ["A"]
    assert evidence.loc[0, "indicator"] == "xinjiang_address"
    assert "Xinjiang" in evidence.loc[0, "detail"]


def test_supplier_evidence_without_address_column_is_empty():
    evidence = regions.supplier_evidence(pd.DataFrame({"supplier_id": ["A"], "country_iso3": ["CHN"]}))
    assert list(evidence.columns) == regions.SUPPLIER_EVIDENCE_COLUMNS and evidence.empty


def test_repeated_addresses_depend_on_each_rows_country():
    addresses = pd.Series(["8 Road, Hotan", "Aksu Street", "Aksu Street", None, "Plain Street"] * 3)
    countries = pd.Series(["USA", "CHN", "TUR", "CHN", None] * 3, dtype="string")
    found = regions.xinjiang_places(addresses, countries)
    one_by_one = [regions.xinjiang_places(pd.Series([a]), pd.Series([c], dtype="string")).iloc[0]
                  for a, c in zip(addresses, countries, strict=True)]
    assert [None if pd.isna(v) else v for v in found] == [None if pd.isna(v) else v for v in one_by_one]
    assert found.index.equals(addresses.index)
    assert found.notna().tolist()[:5] == [True, True, False, False, False]
