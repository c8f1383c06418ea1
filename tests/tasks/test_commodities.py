import unicodedata
import xml.etree.ElementTree as ET

import pandas as pd
import pytest

from tasks import commodities
from tasks.commodities import CommodityTaxonomy, normalize_hs, normalize_name, singularize
from tasks.paths import DATA

HS_CSV = DATA / "reference" / "raw" / "hs" / "harmonized-system.csv"


@pytest.fixture(scope="module")
def taxonomy():
    return CommodityTaxonomy.load()


@pytest.fixture(scope="module")
def hs_codes():
    return set(pd.read_csv(HS_CSV, dtype=str, keep_default_na=False)["hscode"])


# --- the table ---

def test_every_ilab_good_name_maps_to_a_commodity(taxonomy):
    unmapped = {}
    for edition, names in commodities.ilab_good_names().items():
        assert names, edition
        for name in names:
            try:
                taxonomy.id_for_ilab_name(name)
            except KeyError:
                unmapped.setdefault(edition, []).append(name)
    assert not unmapped, f"ILAB goods without a commodity: {unmapped}"


def test_ilab_names_are_read_with_nfc_and_trimmed():
    names = commodities.ilab_good_names()
    assert "Açaí Berries" in names["TVPRA 2022"]
    assert "Fish (Including Talapia)" in names["EO 13126 2014"]
    assert all(n == unicodedata.normalize("NFC", n.strip()) for ns in names.values() for n in ns)


def test_table_names_are_nfc_and_all_used(taxonomy):
    listed = {n for ns in commodities.ilab_good_names().values() for n in ns}
    in_table = {n for cell in taxonomy.table["ilab_names"] for n in cell.split("|")}
    assert all(n == unicodedata.normalize("NFC", n) for n in in_table)
    assert in_table == listed, "table names that are on no list, or list names missing"


def test_id_for_ilab_name_is_strict(taxonomy):
    assert taxonomy.id_for_ilab_name("Beans (green, soy, yellow)") == "beans"
    assert taxonomy.id_for_ilab_name("Cassiterite (tin ore)") == "tin_ore"
    assert taxonomy.id_for_ilab_name("Tin ore (cassiterite)") == "tin_ore"
    assert taxonomy.id_for_ilab_name("Bricks (clay)") == "bricks"
    assert taxonomy.id_for_ilab_name("Fish (Including Talapia)") == "fish"
    assert taxonomy.id_for_ilab_name("Ac\u0327ai\u0301 Berries") == "acai_berries"  # as in the XML
    assert taxonomy.id_for_ilab_name(" Cattle ") == "cattle"
    assert taxonomy.id_for_ilab_name("Beef") == "beef"
    with pytest.raises(KeyError, match="Widgets"):
        taxonomy.id_for_ilab_name("Widgets")
    with pytest.raises(KeyError):
        taxonomy.id_for_ilab_name("cocoa")  # names are exact, not resolved


def test_ids_are_slugs_and_columns_filled(taxonomy):
    table = taxonomy.table
    assert table["commodity_id"].str.fullmatch(r"[a-z][a-z0-9_]*").all()
    assert (table["label"] != "").all() and (table["sector"] != "").all()
    assert (table["ilab_names"] != "").all()
    no_hs = table[table["hs_prefixes"] == ""]
    assert (no_hs["hs_note"] != "").all(), "a commodity without HS prefixes must say why"


def test_every_hs_prefix_exists_in_hs_2022(taxonomy, hs_codes):
    unknown = {p: c for p, c in taxonomy.prefixes().items() if p not in hs_codes}
    assert not unknown, f"HS prefixes not in harmonized-system.csv: {unknown}"


def test_no_prefix_claimed_twice_at_equal_length(taxonomy):
    seen = {}
    for row in taxonomy.table.itertuples():
        for prefix in filter(None, row.hs_prefixes.split("|")):
            assert prefix not in seen, f"{prefix} claimed by {seen.get(prefix)} and {row.commodity_id}"
            seen[prefix] = row.commodity_id


def test_duplicate_prefix_is_rejected_at_load(taxonomy):
    table = taxonomy.table.copy()
    table.loc[table["commodity_id"] == "cotton", "hs_prefixes"] = "5201|1801"
    with pytest.raises(ValueError, match="1801"):
        CommodityTaxonomy(table)


def test_nested_prefixes_are_marked_as_carve_outs(taxonomy):
    prefixes = taxonomy.prefixes()
    notes = taxonomy.table.set_index("commodity_id")["hs_note"].str.casefold()
    unmarked = [
        f"{prefix} ({cid}) under {prefix[:n]} ({prefixes[prefix[:n]]})"
        for prefix, cid in prefixes.items() for n in (2, 4)
        if len(prefix) > n and prefixes.get(prefix[:n], cid) != cid and "carved out" not in notes[cid]
    ]
    assert not unmarked, f"nested HS prefixes without a 'carved out' note: {unmarked}"


def test_derived_flag_matches_the_lists(taxonomy):
    # derived = on the list only because of a listed input, in every edition (2020 has no such flag)
    derived: dict[str, bool] = {}
    for year in ("2020", "2022"):
        root = ET.parse(commodities.ILAB_RAW / f"tvpra_goods_{year}.xml").getroot()
        for good in root.iter("Good"):
            cid = taxonomy.id_for_ilab_name(good.findtext("Good_Name"))
            flags = [c.findtext("Derived_Labor_Exploitation") == "Yes" for c in good.iter("Country")]
            derived[cid] = derived.get(cid, True) and all(flags)
    table = taxonomy.table.set_index("commodity_id")["derived"]
    assert {c for c, d in derived.items() if d} == set(table[table].index)
    assert not table["palm_oil"]  # 2020's "Oil (Palm)" was listed directly


def test_name_shared_between_commodities_is_rejected(taxonomy):
    table = taxonomy.table.copy()
    table.loc[table["commodity_id"] == "cotton", "synonyms"] += "|Cocoa Beans"
    with pytest.raises(ValueError, match="cocoa beans"):
        CommodityTaxonomy(table)


# --- names ---

@pytest.mark.parametrize(("text", "expected", "method"), [
    ("cocoa beans", "cocoa", "synonym"),
    ("Raw Cotton", "cotton", "synonym"),
    ("COTTON LINT", "cotton", "synonym"),
    ("Cacao", "cocoa", "synonym"),
    ("shrimps", "shrimp", "ilab_name"),
    ("Prawns", "shrimp", "synonym"),
    ("Polysilicon", "polysilicon", "ilab_name"),
    ("gold", "gold", "ilab_name"),
    ("Cocoa", "cocoa", "ilab_name"),
    ("Açaí", "acai_berries", "synonym"),
    ("acai berries", "acai_berries", "ilab_name"),
    ("Sweet potato", "sweet_potatoes", "ilab_name"),
    ("strawberry", "strawberries", "ilab_name"),
    ("Tomatoes", "tomatoes", "ilab_name"),
    ("tomato", "tomatoes", "ilab_name"),
    ("Beans (green beans)", "beans", "ilab_name"),
    ("cassiterite", "tin_ore", "ilab_name"),
    ("Oil (Palm)", "palm_oil", "ilab_name"),
    ("palm oil", "palm_oil", "synonym"),
    ("CPO", "palm_oil", "synonym"),
    ("PV modules", "solar_modules", "synonym"),
    ("solar panel", "solar_modules", "synonym"),
    ("Li-ion batteries", "lithium_ion_batteries", "synonym"),
    ("apparel", "garments", "synonym"),
    ("Textiles", "textiles", "ilab_name"),
    ("Pepper", "pepper", "ilab_name"),
    ("Peppers", "chile_peppers", "ilab_name"),
    ("black peppers", "pepper", "synonym"),
    ("Cocoa beans, fermented, dried", "cocoa", "synonym"),
    ("Gloves, rubber", "rubber_gloves", "fuzzy"),
    ("coco beans", "cocoa", "fuzzy"),
    ("cottn", "cotton", "fuzzy"),
    ("peper", "pepper", "fuzzy"),
    ("Cocoa Beans - Grade I", "cocoa", "phrase"),
    ("COTTON YARN 30s", "thread_yarn", "phrase"),
    ("men's cotton shirts", "garments", "phrase"),
    ("Ladies knit T-shirt 100% cotton", "garments", "phrase"),
    ("Flatweave kilim cotton", "carpets", "phrase"),
    ("Cotton denim fabric 12oz", "textiles", "phrase"),
    ("solar modules 550W", "solar_modules", "phrase"),
    ("Electronics - PCBA", "electronics", "phrase"),
    ("Gold doré bars", "gold", "phrase"),
    ("Vannamei shrimp HLSO 26/30 IQF", "shrimp", "phrase"),
    ("Hazelnut kernels natural 11-13mm", "hazelnuts", "phrase"),
    ("Hazelnuts in shell", "hazelnuts", "phrase"),
    ("Canned tuna chunks in brine", "fish", "phrase"),
])
def test_resolve_name(taxonomy, text, expected, method):
    match = taxonomy.resolve_name(text)
    assert (match.commodity_id, match.method) == (expected, method), match


@pytest.mark.parametrize("text", [
    "widgets", "goldfish", "crude oil", "oil", "ore", "sugar", "chestnuts", "steel oil drums",
    "gld", "", "   ", "---", None, float("nan"), pd.NA,
])
def test_unknown_names_are_unmapped_not_guessed(taxonomy, text):
    match = taxonomy.resolve_name(text)
    assert match.commodity_id is None and match.method == "unmapped", match
    assert match.detail


def test_unmapped_detail_names_the_text(taxonomy):
    assert taxonomy.resolve_name("widgets").detail == 'no commodity for "widgets"'
    assert taxonomy.resolve_name(None).detail == "no commodity name"


def test_fuzzy_detail_has_name_and_score(taxonomy):
    assert taxonomy.resolve_name("cottn").detail == 'fuzzy "Cotton" 91'


def test_phrase_detail_names_the_words_found(taxonomy):
    detail = taxonomy.resolve_name("Cocoa Beans - Grade I").detail
    assert detail == '"cocoa bean" in the description reads as "cocoa beans"'


def test_longest_phrase_wins_over_a_shorter_one(taxonomy):
    # "cotton yarn" (two words) beats "cotton" and "yarn" alone
    assert taxonomy.resolve_name("dyed cotton yarn cones").commodity_id == "thread_yarn"


def test_labels(taxonomy):
    assert len(taxonomy.labels()) == len(taxonomy.table)
    assert taxonomy.labels()["cocoa"] == "Cocoa"


@pytest.mark.parametrize(("text", "key"), [
    ("Açaí Berries", "acai berries"),
    ("Brazil Nuts / Chestnuts", "brazil nuts chestnuts"),
    ("Bidis (hand-rolled cigarettes)", "bidis"),
    ("  Lithium-Ion   Batteries ", "lithium ion batteries"),
    ("Children's toys & games", "childrens toys and games"),
    ("(cocoa)", "cocoa"),
])
def test_normalize_name(text, key):
    assert normalize_name(text) == key


@pytest.mark.parametrize(("plural", "singular"), [
    ("beans", "bean"), ("berries", "berry"), ("tomatoes", "tomato"), ("matches", "match"),
    ("glasses", "glass"), ("glass", "glass"), ("citrus", "citrus"), ("shoes", "shoe"),
    ("coca leaves", "coca leaf"), ("christmas decorations", "christmas decoration"),
    ("pulses", "pulse"), ("fish", "fish"), ("gas", "gas"),
])
def test_singularize(plural, singular):
    assert singularize(plural) == singular


# --- HS codes ---

@pytest.mark.parametrize(("raw", "code"), [
    ("5201.00", "520100"),
    ("0901.11.0010", "0901110010"),
    ("5201.00.1000", "5201001000"),
    ("901.11", "090111"),          # leading zero lost by Excel
    ("90111", "090111"),
    (901110010, "0901110010"),
    (5201.0, "5201"),              # Excel float of "5201" or "5201.00"
    ("5201.0", "5201"),
    (8541.43, "854143"),
    (8541.4, "854140"),            # float lost the trailing zero of "8541.40"
    (520100, "520100"),
    ("HS 5201 00", "520100"),
    ("HTS: 5201.00.10", "52010010"),
    ("1801 00 00", "18010000"),
    ("61", "61"),
    ("abc", None), ("5201a", None), ("", None), ("  ", None), (None, None),
    (float("nan"), None), (pd.NA, None), (-5201, None), (True, None), ("1234567890123", None),
])
def test_normalize_hs(raw, code):
    assert normalize_hs(raw) == code


@pytest.mark.parametrize(("raw", "expected"), [
    ("1801.00", "cocoa"),
    ("5201.00.1000", "cotton"),
    ("8541.43", "solar_modules"),
    ("854142", "solar_cells"),
    ("8541.49", "electronics"),    # other semiconductors: the broader 8541 claim
    ("2804.61", "polysilicon"),
    ("8507.60", "lithium_ion_batteries"),
    ("0306.17", "shrimp"),
    ("0306.14", "shellfish"),      # crabs: shellfish, shrimp carved out at 6 digits
    ("6109.10", "garments"),
    ("6116.10", "gloves"),
    ("1511", "palm_oil"),
    ("7108.12", "gold"),
    (1001.99, "wheat"),
])
def test_resolve_hs(taxonomy, raw, expected):
    match = taxonomy.resolve_hs(raw)
    assert (match.commodity_id, match.method) == (expected, "hs"), match


def test_resolve_hs_details(taxonomy):
    assert taxonomy.resolve_hs("5201.00").detail == "HS prefix 5201 of 520100"
    assert taxonomy.resolve_hs("9999").detail == "no commodity for HS 9999"
    assert taxonomy.resolve_hs("9999").method == "unmapped"
    assert taxonomy.resolve_hs("abc").detail == 'unreadable HS code "abc"'
    assert taxonomy.resolve_hs(None).detail == "no HS code"
    assert taxonomy.resolve_hs("7113.19").commodity_id is None  # jewellery is not gold
    assert taxonomy.resolve_hs("1806.32").commodity_id is None  # chocolate is not cocoa


# --- columns ---

def test_resolve_lines_with_repeats_and_nulls(taxonomy):
    names = pd.Series(["cocoa beans", None, "widgets", "cocoa beans", "Raw Cotton", None, "gold", "tea"],
                      index=[10, 11, 12, 13, 14, 15, 16, 17])
    codes = pd.Series(["5201.00", "1801.00", "5201", None, None, None, "abc", 902.1],
                      index=names.index)
    out = taxonomy.resolve_lines(names, codes)
    assert list(out.index) == list(names.index)
    assert list(out.columns) == ["commodity_id", "commodity_method", "commodity_detail", "hs_code"]
    assert out["commodity_id"].tolist() == [
        "cocoa", "cocoa", "cotton", "cocoa", "cotton", pd.NA, "gold", "tea"]
    assert out["commodity_method"].tolist() == [
        "synonym", "hs", "hs", "synonym", "synonym", "unmapped", "ilab_name", "ilab_name"]
    assert out.loc[10, "commodity_detail"] == 'synonym "cocoa beans"; HS 5201 suggests cotton'
    assert out.loc[12, "commodity_detail"] == 'HS prefix 5201 of 5201; no commodity for "widgets"'
    assert out.loc[13, "commodity_detail"] == 'synonym "cocoa beans"'
    assert out.loc[15, "commodity_detail"] == "no commodity name or HS code"
    assert out.loc[17, "commodity_detail"] == 'ILAB name "Tea"; HS 0902 agrees'
    assert out["hs_code"].tolist() == ["520100", "180100", "5201", pd.NA, pd.NA, pd.NA, pd.NA, "090210"]


def test_resolve_lines_costs_distinct_values(taxonomy, monkeypatch):
    calls = []
    original = CommodityTaxonomy.resolve_name
    monkeypatch.setattr(CommodityTaxonomy, "resolve_name",
                        lambda self, text: calls.append(text) or original(self, text))
    names = pd.Series(["Cocoa", "Cotton", None] * 100_000)
    codes = pd.Series(["1801", None, "5201.00"] * 100_000)
    out = taxonomy.resolve_lines(names, codes)
    assert len(calls) == 2
    assert out["commodity_id"].value_counts().to_dict() == {"cocoa": 100_000, "cotton": 200_000}


def test_resolve_lines_accepts_one_column(taxonomy):
    names = pd.Series(["shrimp", "widgets", pd.NA], dtype="string")
    out = taxonomy.resolve_lines(names, None)
    assert out["commodity_id"].tolist() == ["shrimp", pd.NA, pd.NA]
    assert out["hs_code"].isna().all()
    out = taxonomy.resolve_lines(None, pd.Series([8541.43, "9999"]))
    assert out["commodity_id"].tolist() == ["solar_modules", pd.NA]


# --- coverage ---

def test_coverage_report(taxonomy, capsys):
    assert commodities.main(["coverage"]) == 0
    report = capsys.readouterr().out
    print(report)
    assert f"commodities: {len(taxonomy.table)}" in report
    assert "TVPRA 2022: 169/169 good names mapped" in report
    assert "TVPRA 2020: 157/157" in report
    assert "EO 13126 2014: 34/34" in report
    assert "unmapped:" not in report
