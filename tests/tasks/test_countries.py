import pandas as pd
import pytest

from tasks import countries


@pytest.mark.parametrize(("text", "iso3"), [
    ("México", "MEX"), ("Perú", "PER"), ("Côte d'Ivoire", "CIV"), ("Ivory Coast", "CIV"), ("CIV", "CIV"),
    ("CN", "CHN"), ("CHINA", "CHN"), ("P.R. China", "CHN"), ("Burma", "MMR"), ("Kyrgyz Republic", "KGZ"),
    ("Congo, Democratic Republic of the", "COD"), ("Turkey (Türkiye)", "TUR"), ("Bahamas, The", "BHS"),
    ("Macau S.A.R.", "MAC"), ("Lao PDR", "LAO"), ("USA", "USA"), ("Namibia", "NAM"),
])
def test_spellings_resolve(text, iso3):
    assert countries.resolve(text) == iso3


@pytest.mark.parametrize("text", ["FV", "Nowhere Land", "", "N/A", None, "가", "Ⅻ"])
def test_non_countries_do_not_resolve(text):
    assert countries.resolve(text) is None


def test_to_iso3_keeps_index_and_nulls():
    series = pd.Series(["Perú", None, "xx-unknown", "Perú"], index=[5, 6, 7, 8])
    out = countries.to_iso3(series)
    assert out.index.tolist() == [5, 6, 7, 8]
    assert out.tolist()[0] == "PER" and out.tolist()[3] == "PER"
    assert out.isna().tolist() == [False, True, True, False]
