import pandas as pd
import pytest

from tasks import entity_screening
from tasks.reference import load_reference


@pytest.fixture(scope="module")
def suppliers():
    return pd.DataFrame({"supplier_id": ["A", "B"],
                         "name": ["XINJIANG DAQO NEW ENERGY CO.,LTD", "Acme Widgets Ltd"],
                         "country_iso3": pd.Series(["CHN", "GBR"], dtype="string")})


def test_restricted_lists_match_and_give_evidence(suppliers):
    result = entity_screening.screen(suppliers, load_reference().entities)
    assert result.matches["supplier_id"].tolist() == ["A"]
    assert result.evidence["indicator"].tolist() == ["uflpa_entity"]
    hits = entity_screening.hits_by_supplier(result.matches)
    assert hits == {"A": ["uflpa: Xinjiang Daqo New Energy Co., Ltd."]}


def test_thresholds_override_the_config(suppliers):
    loose = entity_screening.screen(suppliers, load_reference().entities)
    strict = entity_screening.screen(suppliers, load_reference().entities,
                                     thresholds={"match": 100, "review": 99})
    assert len(strict.matches) <= len(loose.matches)
    assert (strict.matches.loc[strict.matches["band"] == "match", "score"] >= 100).all()
    with pytest.raises(ValueError, match="review must be below match"):
        entity_screening.screen(suppliers, load_reference().entities, thresholds={"match": 50, "review": 60})


def test_unknown_list_is_refused(suppliers):
    with pytest.raises(ValueError, match="unknown entity lists"):
        entity_screening.screen(suppliers, load_reference().entities, lists=["ofac"])


def test_only_chosen_lists_are_used(suppliers):
    result = entity_screening.screen(suppliers, load_reference().entities, lists=["wro"])
    assert result.matches.empty and result.evidence.empty
