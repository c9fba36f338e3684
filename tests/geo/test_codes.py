import pytest

from geo.codes import codebook, county_stem, province_short


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("禄劝彝族苗族自治县", "禄劝"),
        ("镇宁布依族苗族自治县", "镇宁"),
        ("鄂伦春自治旗", "鄂伦春"),
        ("鄂温克族自治旗", "鄂温克族"),
        ("科尔沁右翼中旗", "科尔沁右翼中"),
        ("大柴旦行委", "大柴旦"),
        ("大柴旦行政委员会", "大柴旦"),
        ("阜平县", "阜平"),
        ("城关区", "城关"),
        ("县", "县"),
        ("沙县", "沙县"),  # never reduced below two characters
        (" 望都 县 ", "望都"),
    ],
)
def test_county_stem(name: str, stem: str) -> None:
    assert county_stem(name) == stem


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("云南省", "云南"),
        ("广西壮族自治区", "广西"),
        ("新疆维吾尔自治区", "新疆"),
        ("北京市", "北京"),
        ("西藏", "西藏"),
    ],
)
def test_province_short(name: str, short: str) -> None:
    assert province_short(name) == short


def test_resolve_current_code_is_itself() -> None:
    assert codebook().resolve("130624") == ("130624",)


def test_resolve_follows_renamed_codes() -> None:
    book = codebook()
    assert book.resolve("540530") == ("540581",)  # 错那县 -> 错那市 (2023)
    assert book.resolve("140227") == ("140215",)  # 大同县 -> 云州区 (2018)


def test_resolve_reports_splits_and_unknown_codes() -> None:
    book = codebook()
    assert set(book.resolve("130721")) == {"130702", "130703", "130705"}  # 宣化县 split 2016
    assert book.resolve("999999") == ()


def test_province_codes_cover_all_provinces() -> None:
    codes = codebook().province_codes()
    assert codes["云南"] == "53"
    assert codes["内蒙古"] == "15"
    assert len(codes) == 34
