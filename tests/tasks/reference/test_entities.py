from __future__ import annotations

import json
from pathlib import Path

import pytest

from tasks.reference import ReferenceDataError
from tasks.reference.entities import (
    STATUSES,
    entity_id,
    parse_uflpa_name,
    parse_wro_entity,
    read_scrape,
    split_and,
)
from tests.tasks.reference.conftest import RAW

SCRAPE = RAW / "dhs_cbp" / "uflpa_wro_scrape_2026-06-11.json"


@pytest.fixture(scope="module")
def scrape() -> dict:
    return read_scrape(SCRAPE)


def test_raw_row_counts():
    data = json.loads(SCRAPE.read_text(encoding="utf-8"))
    assert len(data["uflpa"]) == 160
    assert len({row["name"] for row in data["uflpa"]}) == 149
    assert len(data["wro"]) == 65


def test_uflpa_collapses_sections(scrape):
    uflpa = scrape["uflpa"]
    assert len(uflpa) <= 149
    assert uflpa["entity_id"].is_unique
    daqo = uflpa[uflpa["name"] == "Xinjiang Daqo New Energy Co., Ltd."].iloc[0]
    assert daqo["listed_date"] == "2022-06-21|2024-11-25"
    assert "Xinjiang Great New Energy Co., Ltd." in daqo["aliases"]
    assert uflpa["listed_date"].str.fullmatch(r"\d{4}-\d\d-\d\d(\|\d{4}-\d\d-\d\d)*").all()


def test_wro_rows(scrape):
    wro = scrape["wro"]
    assert wro["entity_id"].is_unique
    assert set(wro["status"]) <= set(STATUSES)
    assert set(wro["entity_kind"]) == {"company", "vessel", "region", "product"}
    assert not wro["name"].str.contains("\ufffd").any()
    kinds = dict(zip(wro["name"], wro["entity_kind"], strict=True))
    assert kinds["Xinjiang Uyghur Autonomous Region"] == "region"
    assert kinds["Da Wang"] == "vessel"
    assert kinds["Tobacco produced in Malawi and products containing tobacco produced in Malawi"] == "product"
    assert wro.loc[wro["name"] == "Da Wang", "listed_date"].item() == "2020-08-18|2022-01-28"
    assert wro.loc[wro["name"] == "Da Wang", "country_iso3"].isna().item()  # "FV" names no country


def test_entity_ids_are_stable(scrape):
    again = read_scrape(SCRAPE)
    assert again["uflpa"]["entity_id"].tolist() == scrape["uflpa"]["entity_id"].tolist()
    same = entity_id("uflpa", "Hetian Taida Apparel Co. Ltd.")
    assert entity_id("uflpa", "Hetian Taida Apparel Co., Ltd") == same
    assert entity_id("uflpa", "X Co.") != entity_id("wro", "X Co.")


# The tricky names of dhs_cbp/PROVENANCE.md: (raw name, scraped aliases) -> (name, some aliases, note)
UFLPA_CASES = [
    ("Hoshine Silicon Industry (Shanshan) Co., LtdCo.) and subsidiaries",
     ["Hesheng Silicon Industry (Shanshan"], "Hoshine Silicon Industry (Shanshan) Co., Ltd",
     ["Hesheng Silicon Industry (Shanshan) Co."], "and subsidiaries"),
    ("Xinjiang Production and Construction Corpsand its subordinate and affiliated entities",
     ["XPCC; Xinjiang Corps; and Bingtuan"], "Xinjiang Production and Construction Corps",
     ["XPCC", "Xinjiang Corps", "Bingtuan"], "and its subordinate and affiliated entities"),
    ("Xinjiang Production and Construction Corps (XPCC) and its subordinate and affiliated entities", [],
     "Xinjiang Production and Construction Corps", ["XPCC"], "and its subordinate and affiliated entities"),
    ("Hoshine Silicon Industry (Shanshan) Co., Ltd., and Subsidiaries", [],
     "Hoshine Silicon Industry (Shanshan) Co., Ltd.", [], "and Subsidiaries"),
    ("Hetian Haolin Hair Accessories Co. Ltd.",
     ["Hotan Haolin Hair Accessories; and Hollin Hair Accessories"],
     "Hetian Haolin Hair Accessories Co. Ltd.",
     ["Hotan Haolin Hair Accessories", "Hollin Hair Accessories"], None),
    ("Aksu Huafu Color Spinning Co., Ltd. (also known as Aksu Huafu Textiles Co., Ltd.; Akesu Huafu; "
     "Aksu Huafu Dyed Melange Yarn; and Akesu Huafu Melange Yarn Co., Ltd.)", [],
     "Aksu Huafu Color Spinning Co., Ltd.",
     ["Aksu Huafu Textiles Co., Ltd.", "Akesu Huafu", "Aksu Huafu Dyed Melange Yarn",
      "Akesu Huafu Melange Yarn Co., Ltd."], None),
    ("Sichuan Jingweida Technology Group Co., Ltd. (also known as Sichuan Mianyang Jingweida Technology Co., "
     "Ltd. and JWD Technology; and formerly known as Mianyang High-tech Zone Jingweida Technology Co., Ltd.)",
     [], "Sichuan Jingweida Technology Group Co., Ltd.",
     ["Sichuan Mianyang Jingweida Technology Co., Ltd.", "JWD Technology",
      "Mianyang High-tech Zone Jingweida Technology Co., Ltd."], None),
    ("Hongyuan Green Energy Co., Ltd. (also known as HY Solar; and Hoyuan Green Energy Co. Ltd. and formerly "
     "known as Wuxi Shangji CNC Co., Ltd.; Wuxi Shangji Automation Co., Ltd.; and Wuxi Shangji Grinding "
     "Machine Co., Ltd.)", [], "Hongyuan Green Energy Co., Ltd.",
     ["HY Solar", "Hoyuan Green Energy Co. Ltd.", "Wuxi Shangji CNC Co., Ltd.",
      "Wuxi Shangji Automation Co., Ltd.", "Wuxi Shangji Grinding Machine Co., Ltd."], None),
    ("The TNN Development Limited (also known as Dehui (Dalian) International Trade Co., Ltd.)", [],
     "The TNN Development Limited", ["Dehui (Dalian) International Trade Co., Ltd."], None),
    ("Nanjing Synergy Textiles Co., Ltd.",
     ["Nanjing Xinyi Cotton Textile Printing and Dyeing; and Nanjing Xinyi Cotton Textile"],
     "Nanjing Synergy Textiles Co., Ltd.",
     ["Nanjing Xinyi Cotton Textile Printing and Dyeing", "Nanjing Xinyi Cotton Textile"], None),
    ("Baoding LYSZD Trade and Business Co., Ltd.", [],
     "Baoding LYSZD Trade and Business Co., Ltd.", [], None),
]


@pytest.mark.parametrize(("raw", "scraped", "name", "aliases", "note"), UFLPA_CASES,
                         ids=[case[2][:30] for case in UFLPA_CASES])
def test_uflpa_names(raw, scraped, name, aliases, note):
    [entity] = parse_uflpa_name(raw, scraped)
    assert entity.name == name
    assert entity.aliases == aliases
    assert (entity.notes[0] if entity.notes else None) == note


WRO_CASES = [
    ("Yili Zhuowan Garment Manufacturing Co., Ltd. and Baoding LYSZD Trade and Business Co., Ltd.", "CN",
     ["Yili Zhuowan Garment Manufacturing Co., Ltd.", "Baoding LYSZD Trade and Business Co., Ltd."]),
    ("Fuchu Prison; Union Kogyo Co., Ltd.", "JP", ["Fuchu Prison", "Union Kogyo Co., Ltd."]),
    ("Agropecuarios Tom S.A. de C.V. and Horticola Tom S.A. de C.V. and their subsidiaries", "MX",
     ["Agropecuarios Tom S.A. de C.V.", "Horticola Tom S.A. de C.V."]),
    ("Kumar Carpet Pvt., Singhe Carpet Pvt., Ltd., Norsang Carpet Industries Pvt., Ltd., Annapurna Carpet, "
     "Everest Carpet, Valley Carpet, and K.K. Carpet Industries; Kathmandu.", "NP",
     ["Kumar Carpet Pvt.", "Singhe Carpet Pvt., Ltd.", "Norsang Carpet Industries Pvt., Ltd.",
      "Annapurna Carpet", "Everest Carpet", "Valley Carpet", "K.K. Carpet Industries"]),
    ("Shanghai Select Safety Products Company, Limited and its two subsidiaries from China, Select (Nantong) "
     "Safety Products Co. Limited and Select Protective Technology (HK) Limited.", "CN",
     ["Shanghai Select Safety Products Company, Limited", "Select (Nantong) Safety Products Co. Limited",
      "Select Protective Technology (HK) Limited"]),
    ("Inner Mongolia Hengzheng Group Baoanzhao Agriculture, Industry, and Trade Co., Ltd.", "CN",
     ["Inner Mongolia Hengzheng Group Baoanzhao Agriculture, Industry, and Trade Co., Ltd."]),
    ("Wang Tsang Coal and Iron Factory", "CN", ["Wang Tsang Coal and Iron Factory"]),
    ("State Penitentiary, Ciudad Victoria, Tamaulipas, Mexico", "MX",
     ["State Penitentiary, Ciudad Victoria, Tamaulipas, Mexico"]),
    ("FGV\ufffdHoldings Berhad and its subsidiaries and joint ventures", "MY", ["FGV Holdings Berhad"]),
    ("Xinjiang Production and Construction Corporation (XPCC) and\ufffdits subordinates", "CN",
     ["Xinjiang Production and Construction Corporation"]),
    ("Fishing Vessel: Lien Yi Hsing No. 12", "FV", ["Lien Yi Hsing No. 12"]),
    ("Xinjiang Uyghur Autonomous Region (XUAR)", "CN", ["Xinjiang Uyghur Autonomous Region"]),
    ("All Turkmenistan Cotton or products produced in whole or in part with Turkmenistan cotton.", "TM",
     ["All Turkmenistan Cotton or products produced in whole or in part with Turkmenistan cotton."]),
]


@pytest.mark.parametrize(("raw", "country", "names"), WRO_CASES, ids=[c[0][:30] for c in WRO_CASES])
def test_wro_splitting(raw, country, names):
    assert [entity.name for entity in parse_wro_entity(raw, country)] == names


def test_wro_aliases_notes_and_kinds():
    [yunnan] = parse_wro_entity(
        "Yunnan Machinery, a/k/a Golden Horse (JinMa) Diesel Factory, a/k/a Yunnan 1st Prison", "CN")
    assert yunnan.aliases == ["Golden Horse (JinMa) Diesel Factory", "Yunnan 1st Prison"]
    [fgv] = parse_wro_entity("FGV\ufffdHoldings Berhad and its subsidiaries and joint ventures", "MY")
    assert fgv.notes == ["and its subsidiaries and joint ventures"] and fgv.country_iso3 == "MYS"
    [xuar] = parse_wro_entity("Xinjiang Uyghur Autonomous Region (XUAR)", "CN")
    assert (xuar.kind, xuar.aliases) == ("region", ["XUAR"])
    [cotton] = parse_wro_entity("All Turkmenistan Cotton or products produced in whole or in part with "
                                "Turkmenistan cotton.", "TM")
    assert cotton.kind == "product"
    [fleet] = parse_wro_entity("Fishing Vessels owned by Dalian Ocean Fishing Co. Ltd.", "FV")
    assert (fleet.kind, fleet.name, fleet.country_iso3) == ("vessel", "Dalian Ocean Fishing Co. Ltd.", None)
    tea = parse_wro_entity("Nanhu Tree Farm, Zhejiang Sanmei Tea Co., Ltd.; Imaizumi Tea Manufacturing & "
                           "Trading Co., Ltd. (of Nagoya, Japan)", "CN")
    assert [e.name for e in tea] == ["Nanhu Tree Farm", "Zhejiang Sanmei Tea Co., Ltd.",
                                     "Imaizumi Tea Manufacturing & Trading Co., Ltd."]
    assert (tea[2].notes, tea[2].country_iso3) == (["of Nagoya, Japan"], "JPN")


@pytest.mark.parametrize(
    ("text", "parts"),
    [("Trade and Business Co., Ltd.", ["Trade and Business Co., Ltd."]),
     ("A Textile Co., Ltd. and B Trading Co., Ltd.", ["A Textile Co., Ltd.", "B Trading Co., Ltd."]),
     ("Xuzhou Forging and Pressing Machine Works", ["Xuzhou Forging and Pressing Machine Works"]),
     ("Alpha Co. and Beta Garment Factory", ["Alpha Co.", "Beta Garment Factory"])],
)
def test_split_and(text, parts):
    assert split_and(text) == parts


def _scrape_file(tmp_path: Path, wro_row: dict) -> Path:
    path = tmp_path / "scrape.json"
    path.write_text(json.dumps({
        "uflpa": [{"name": "A Co., Ltd.", "aliases": [], "listedDate": "June 21, 2022"}],
        "wro": [{"entity": "B Co., Ltd.", "country": "CN", "status": "Active", "effectiveDate": "1/2/2020"},
                wro_row],
    }), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("row", "message"),
    [({"entity": "C Co.", "country": "CN", "status": "Revoked", "effectiveDate": "1/2/2020"},
      "wro[2], column 'status': unknown status 'Revoked'"),
     ({"entity": "C Co.", "country": "CN", "status": "Active", "effectiveDate": "2020-13-45"},
      "wro[2], column 'effectiveDate': not a date"),
     ({"entity": "C Co.", "country": "ZZ", "status": "Active", "effectiveDate": "1/2/2020"},
      "wro[2], column 'country': unknown country 'ZZ'"),
     ({"entity": "", "country": "CN", "status": "Active", "effectiveDate": "1/2/2020"},
      "wro[2], column 'entity': missing or empty")],
)
def test_strict_errors(tmp_path: Path, row: dict, message: str):
    path = _scrape_file(tmp_path, row)
    with pytest.raises(ReferenceDataError) as error:
        read_scrape(path)
    assert str(error.value).startswith(f"{path}, row {message}")


def test_status_spellings(tmp_path: Path):
    row = {"entity": "C Co.", "country": "CN", "status": "inactive - pending litigation",
           "effectiveDate": "1/2/2020"}
    wro = read_scrape(_scrape_file(tmp_path, row))["wro"]
    assert set(wro["status"]) == {"Active", "Inactive-Pending Litigation"}


def test_empty_file(tmp_path: Path):
    path = tmp_path / "scrape.json"
    path.write_text("", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="not valid JSON"):
        read_scrape(path)
