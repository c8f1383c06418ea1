"""Company names to a compare form: Latin script, casefolded, legal forms and abbreviations unified.

"Aksu Huafu Color Spinning Co., Ltd.", "AKSU HUAFU COLOUR SPINNING COMPANY LIMITED" and
"阿克苏华孚色纺有限公司" all become tokens such as ``aksu huafu color spinning co ltd``.

Steps: NFKC, Chinese words and legal forms translated (有限公司 -> co ltd, 纺织 -> textile),
remaining Han characters romanised with pypinyin (phrase-aware: 重庆 -> chongqing) and grouped
into two-syllable words, other scripts transliterated with anyascii, NFKD with accents dropped,
casefold, dotted abbreviations joined ("S.A." -> sa), punctuation to spaces, then token maps:
legal forms ("company limited" -> "co ltd"), abbreviations spelled out ("intl", "mfg", "tech") and
romanisation variants (hotan -> hetian, akesu -> aksu, kashgar -> kashi). See
docs/entity_matching.md for why these libraries.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from anyascii import anyascii

# Chinese words -> English compare words, longest first when applied.
CHINESE_WORDS = {
    "股份有限公司": " co ltd ", "有限责任公司": " co ltd ", "有限公司": " co ltd ", "分公司": " branch ",
    "集团": " group ", "控股": " holdings ", "公司": " co ", "股份": " ", "总公司": " general co ",
    "国际贸易": " international trade ", "进出口": " import export ", "贸易": " trade ",
    "实业": " industrial ", "工业": " industry ", "产业": " industry ", "工贸": " industry trade ",
    "科技": " technology ", "技术": " technology ", "新能源": " new energy ", "能源": " energy ",
    "新材料": " new materials ", "材料": " materials ", "纺织": " textile ", "色纺": " color spinning ",
    "生产建设兵团": " production and construction corps ", "毛纺织": " wool textile ",
    "棉业": " cotton industry ", "棉麻": " cotton and linen ", "棉花": " cotton ", "服装": " apparel ",
    "服饰": " apparel ", "制衣": " garment ", "发制品": " hair products ", "矿业": " mining ",
    "硅业": " silicon industry ", "化工": " chemical ", "化学": " chemical ", "电子": " electronics ",
    "食品": " food ", "物流": " logistics ", "仓储": " warehousing ", "生物": " bio ",
    "农业": " agricultural ",
    "有色金属": " nonferrous metals ", "钢铁": " iron and steel ", "制造": " manufacturing ",
    "机械": " machinery ", "工厂": " factory ", "厂": " factory ", "监狱": " prison ",
    "新疆": " xinjiang ", "和田": " hetian ", "阿克苏": " aksu ", "喀什": " kashi ", "吐鲁番": " turpan ",
    "乌鲁木齐": " urumqi ", "库车": " kuqa ", "伊犁": " yili ", "石河子": " shihezi ", "昌吉": " changji ",
    "哈密": " hami ", "奎屯": " kuitun ", "库尔勒": " korla ", "准噶尔": " junggar ", "克拉玛依": " karamay ",
    "兵团": " bingtuan ",
}
_CHINESE_RE = re.compile("|".join(sorted(map(re.escape, CHINESE_WORDS), key=len, reverse=True)))
_HAN_RUN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")

# Multi-word phrases -> compare form (applied on the token string, longest first).
PHRASES = {
    "company limited": "co ltd", "co limited": "co ltd", "company ltd": "co ltd",
    "public limited company": "plc", "limited liability company": "llc",
    "private limited": "pvt ltd", "sociedad anonima": "sa", "societe anonyme": "sa",
    "sa de cv": "sacv", "s de rl de cv": "srlcv", "sdn bhd": "sdnbhd",
    "import and export": "impexp", "import export": "impexp", "imp exp": "impexp", "i e": "impexp",
    "aktiengesellschaft": "ag", "gesellschaft mit beschrankter haftung": "gmbh",
}
_PHRASE_RE = re.compile(r"\b(?:" + "|".join(
    re.escape(p) for p in sorted(PHRASES, key=len, reverse=True)) + r")\b")

# Single tokens -> compare form: legal forms, abbreviations, spelling and romanisation variants.
TOKEN_MAP = {
    # legal forms
    "company": "co", "limited": "ltd", "incorporated": "inc", "corporation": "corp",
    "berhad": "bhd", "private": "pvt",
    # abbreviations to the full word (typos in full words stay comparable), plurals and spelling
    "intl": "international", "internacional": "international", "int": "international",
    "industries": "industry", "industrial": "industry", "inds": "industry", "ind": "industry",
    "indus": "industry", "mfg": "manufacturing", "manufacture": "manufacturing",
    "manufactory": "manufacturing", "mfr": "manufacturing", "tech": "technology",
    "technologies": "technology", "technological": "technology", "trading": "trade",
    "dev": "development", "devt": "development", "develop": "development",
    "electronics": "electronic", "electronical": "electronic", "textiles": "textile",
    "materials": "material", "products": "product", "garments": "garment", "apparel": "garment",
    "apparels": "garment", "clothing": "garment", "foods": "food", "holding": "holdings", "grp": "group",
    "colour": "color", "centre": "center", "biotechnology": "biotech", "biological": "bio",
    "logistic": "logistics", "mgmt": "management", "svcs": "services", "service": "services",
    "bros": "brothers", "machine": "machinery", "machines": "machinery", "and": "",
    # romanisation variants seen in the UFLPA / WRO lists
    "hotan": "hetian", "khotan": "hetian", "akesu": "aksu", "kashgar": "kashi", "kaxgar": "kashi",
    "tulufan": "turpan", "turfan": "turpan", "kuche": "kuqa", "wulumuqi": "urumqi", "kuerle": "korla",
    "kelamayi": "karamay", "ili": "yili", "kumul": "hami", "szechuan": "sichuan", "peking": "beijing",
    "zhungeer": "junggar", "dzungar": "junggar", "xuar": "xinjiang",
}

# Compare forms that are legal forms: kept in `compare`, left out of `core`.
LEGAL_TOKENS = frozenset({
    "co", "ltd", "inc", "corp", "llc", "plc", "gmbh", "ag", "sa", "sacv", "srl", "srlcv", "sarl",
    "pvt", "pte", "bhd", "sdnbhd", "jsc", "doo", "kk", "bv", "nv", "spa", "lp", "llp", "cv", "tbk",
    "oy", "ab", "as", "sas", "ooo", "ao", "pao",
})
_PINYIN_V_RE = re.compile(r"\b([ln])v")  # pinyin "v" for u-umlaut: lvzhou -> luzhou
_DOTTED_RE = re.compile(r"\b(?:[a-z]\.){2,}(?:[a-z]\b)?")


@dataclass(frozen=True)
class NameForm:
    """A name's compare forms.

    compare: all tokens in order, legal forms in compare form ("aksu huafu co ltd");
    core: tokens without legal forms ("aksu huafu"); squashed: core without spaces ("aksuhuafu").
    """
    compare: str
    core: str
    squashed: str

    @property
    def tokens(self) -> tuple[str, ...]:
        return tuple(self.core.split())


def romanize(text: str) -> str:
    """Latin-script text: Chinese words translated, other Han romanised, other scripts transliterated."""
    if _HAN_RUN_RE.search(text):
        text = _CHINESE_RE.sub(lambda m: CHINESE_WORDS[m.group(0)], text)
        text = _HAN_RUN_RE.sub(lambda m: f" {_pinyin_words(m.group(0))} ", text)
    return anyascii(text) if not text.isascii() else text


def _pinyin_words(run: str) -> str:
    """Han run -> pinyin, grouped two syllables a word ("华孚" -> huafu; three-syllable runs stay one)."""
    from pypinyin import lazy_pinyin  # imported only when a name has Han characters

    syllables = [s.replace("ü", "u").replace("v", "u") for s in lazy_pinyin(run)]
    if len(syllables) <= 3:
        return "".join(syllables)
    words = ["".join(syllables[i:i + 2]) for i in range(0, len(syllables), 2)]
    if len(words[-1]) and len(syllables) % 2:  # odd tail joins the last word
        words[-2:] = [words[-2] + words[-1]]
    return " ".join(words)


@functools.lru_cache(maxsize=262_144)
def name_form(text: str | None) -> NameForm:
    """The compare forms of one name; never raises (None or empty gives empty forms)."""
    if not text:
        return NameForm("", "", "")
    text = romanize(unicodedata.normalize("NFKC", str(text)))
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = re.sub(r"['’]s\b", "", text.casefold()).replace("&", " and ").replace("'", "").replace("’", "")
    text = _DOTTED_RE.sub(lambda m: m.group(0).replace(".", ""), text)
    text = re.sub(r"[^0-9a-z]+", " ", text).strip()
    text = _PHRASE_RE.sub(lambda m: PHRASES[m.group(0)], text)
    words = _PINYIN_V_RE.sub(r"\1u", text).split()
    tokens = [TOKEN_MAP[t] if t in TOKEN_MAP else _misspelt(t) for t in words]
    tokens = [t for t in " ".join(tokens).split() if t]
    compare = " ".join(tokens)
    # a legal-form word that starts the name is part of it ("K.K. Carpet Industries")
    core_tokens = [t for i, t in enumerate(tokens) if i == 0 or t not in LEGAL_TOKENS] or tokens
    core = " ".join(core_tokens)
    return NameForm(compare, core, core.replace(" ", ""))


@functools.cache
def _long_words() -> list[str]:
    return [word for word in TOKEN_MAP if len(word) >= 7]


def _misspelt(token: str) -> str:
    """A long token one typo away from a mapped word ("corproation") takes its compare form."""
    if len(token) < 7:
        return token
    from rapidfuzz import fuzz, process

    found = process.extractOne(token, _long_words(), scorer=fuzz.ratio, score_cutoff=88)
    return TOKEN_MAP[found[0]] if found else token


def normalize_name(text: str | None) -> str:
    """Compare form of a name: 'Aksu Huafu Co., Ltd.' -> 'aksu huafu co ltd'."""
    return name_form(text).compare


def name_key(text: str | None) -> str:
    """Order-free key of a name's compare form, used to notice that a name changed."""
    return " ".join(sorted(name_form(text).compare.split()))
