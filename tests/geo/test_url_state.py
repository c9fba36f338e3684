"""URL query parameters ⇄ FilterState: round trips and hostile input."""

from __future__ import annotations

import pytest

from geo.data import poverty_counties, read_table
from geo.filters import FilterState
from geo.i18n import use_language
from geo.url_state import MAX_NOTICES, Vocabulary, language, parse, serialise


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return Vocabulary.from_tables(poverty_counties(), read_table("indicators"))


FULL = FilterState(
    provinces=("52", "53"),
    areas=("乌蒙山区", "武陵山区"),
    programmes=("east_west", "relocation"),
    exit_years=(2018, 2019),
    still_poor_at_end_of=2017,
    sanqu_sanzhou=False,
    poverty_only=False,
    indicator="rural_disposable_income",
    year=2019,
    county="520402",
)


def test_vocabulary(vocab: Vocabulary) -> None:
    assert len(vocab.provinces) == 22 and vocab.provinces["52"] == "贵州省"
    assert len(vocab.areas) == 14 and len(vocab.counties) == 831
    assert vocab.indicators["census_population"] == (2020, 2020)
    assert vocab.indicators["rural_disposable_income"] == (2000, 2023)
    assert vocab.indicators["exit_year"] is None


@pytest.mark.parametrize("state", [FilterState(), FULL, FilterState(sanqu_sanzhou=True, provinces=("54",))])
def test_round_trip(state: FilterState, vocab: Vocabulary) -> None:
    assert parse(serialise(state), vocab) == (state, [])


def test_serialise_only_non_defaults() -> None:
    assert serialise(FilterState()) == {}
    assert serialise(FilterState(provinces=("53", "52"), sanqu_sanzhou=True)) == {"province": "52,53", "sanqu": "1"}
    assert serialise(FULL)["scope"] == "all"


def test_issue_example(vocab: Vocabulary) -> None:
    params = {"province": "52", "area": "乌蒙山区", "indicator": "rural_disposable_income", "year": "2019"}
    state, notices = parse({**params, "county": "520402"}, vocab)
    assert notices == []
    assert state == FilterState(
        provinces=("52",), areas=("乌蒙山区",), indicator="rural_disposable_income", year=2019, county="520402"
    )


@pytest.mark.parametrize("value", ["52", "520000", "520402", "贵州", "贵州省", " 52 ", ["52"], ["贵州", "52"]])
def test_province_spellings(value: str | list[str], vocab: Vocabulary) -> None:
    assert parse({"province": value}, vocab) == (FilterState(provinces=("52",)), [])


def test_lists_accept_repeats_and_fullwidth_commas(vocab: Vocabulary) -> None:
    state, notices = parse({"province": ["52，53", "广西壮族自治区"], "exit_year": "2016,2017"}, vocab)
    assert state.provinces == ("45", "52", "53") and state.exit_years == (2016, 2017) and notices == []


def test_scalar_flags(vocab: Vocabulary) -> None:
    state, notices = parse({"sanqu": "true", "scope": "832", "still_poor": "2020"}, vocab)
    assert (state.sanqu_sanzhou, state.poverty_only, state.still_poor_at_end_of) == (True, True, 2020)
    assert parse({"sanqu": "否"}, vocab)[0].sanqu_sanzhou is False
    assert notices == []


def test_year_must_fit_indicator(vocab: Vocabulary) -> None:
    state, notices = parse({"indicator": "census_population", "year": "2019"}, vocab)
    assert state.year is None and state.indicator == "census_population"
    assert len(notices) == 1 and "year" in notices[0]
    state, notices = parse({"year": "2019"}, vocab)  # default indicator (exit year) has no year
    assert state.year is None and len(notices) == 1


HOSTILE = [
    ("province", "<script>alert(1)</script>"),
    ("area", "x" * 10_000),
    ("county", "../../etc/passwd"),
    ("indicator", "gdp'; DROP TABLE counties; --"),
    ("indicator", "__class__"),
    ("year", "1999"),
    ("year", "2019.5"),
    ("year", "二〇一九"),
    ("year", "２０１９"),
    ("year", ["2019", "2020"]),
    ("still_poor", "2014"),
    ("still_poor", "abc"),
    ("exit_year", "2015"),
    ("sanqu", "maybe"),
    ("scope", "everything"),
    ("county", "52040"),
    ("programme", "__import__('os')"),
    ("area", "\u202e乌蒙山区\u200b"),
    ("province", "\ud800"),
    ("province", ",".join(["52"] * 60)),
]


@pytest.mark.parametrize(("key", "value"), HOSTILE)
def test_hostile_values_are_dropped_with_a_notice(key: str, value: str | list[str], vocab: Vocabulary) -> None:
    state, notices = parse({key: value}, vocab)
    assert state == FilterState()
    assert len(notices) == 1 and key.replace("_", "\\_") in notices[0]
    assert "<" not in notices[0] and ">" not in notices[0] and len(notices[0]) < 120
    assert "\u202e" not in notices[0] and "\ud800" not in notices[0]


@pytest.mark.parametrize("raw", [None, 52, {"a": 1}, [None], b"52"])
def test_non_string_values(raw: object, vocab: Vocabulary) -> None:
    state, notices = parse({"province": raw}, vocab)  # type: ignore[dict-item]
    assert state == FilterState() and len(notices) == 1


@pytest.mark.parametrize("key", ["__class__", "<b>x</b>", "y" * 10_000, "", "provinces", 7, ("a",)])
def test_unknown_keys(key: object, vocab: Vocabulary) -> None:
    state, notices = parse({key: "52"}, vocab)  # type: ignore[dict-item]
    assert state == FilterState() and len(notices) == 1
    assert "<" not in notices[0] and len(notices[0]) < 80


def test_good_values_survive_next_to_bad_ones(vocab: Vocabulary) -> None:
    state, notices = parse({"province": "52,<x>,火星", "exit_year": "2016,nope", "zzz": "1"}, vocab)
    assert state == FilterState(provinces=("52",), exit_years=(2016,))
    assert len(notices) == 4


def test_markdown_in_values_is_neutralised(vocab: Vocabulary) -> None:
    _, notices = parse({"area": "[点我](javascript:alert(1))"}, vocab)
    assert "](" not in notices[0] and "\\[" in notices[0]


def test_notice_flood_is_capped(vocab: Vocabulary) -> None:
    params = {f"k{i}": "v" for i in range(500)}
    _, notices = parse(params, vocab)
    assert len(notices) == MAX_NOTICES + 1 and "490" in notices[-1]


def test_vocabulary_with_polygons_offers_every_mainland_province(national_counties) -> None:
    vocab = Vocabulary.from_tables(poverty_counties(), read_table("indicators"), national_counties)
    assert len(vocab.provinces) == 31
    assert vocab.provinces["37"] == "山东省"  # no poverty county, but relocation sites and all-county maps
    assert "71" not in vocab.provinces
    assert "110101" in vocab.counties


# ---------------------------------------------------------------------------- lang (the interface language)


@pytest.mark.parametrize(
    ("params", "lang"),
    [({}, "zh"), ({"lang": "en"}, "en"), ({"lang": "zh"}, "zh"), ({"lang": " EN "}, "en"), ({"lang": ["en"]}, "en")],
)
def test_language_is_read_and_is_no_filter(params: dict, lang: str, vocab: Vocabulary) -> None:
    assert language(params) == lang
    assert parse(params, vocab) == (FilterState(), [])


@pytest.mark.parametrize(
    "value", ["fr", "<script>alert(1)</script>", "x" * 10_000, ["en", "zh"], "", "\u202een", None, 7, "english"]
)
def test_unknown_language_is_chinese_with_a_notice(value: object, vocab: Vocabulary) -> None:
    assert language({"lang": value}) == "zh"  # type: ignore[dict-item]
    state, notices = parse({"lang": value}, vocab)  # type: ignore[dict-item]
    assert state == FilterState() and len(notices) == 1 and "lang" in notices[0]
    assert "<" not in notices[0] and "\u202e" not in notices[0] and len(notices[0]) < 120


def test_serialise_adds_a_language_other_than_chinese() -> None:
    assert serialise(FULL, lang="en")["lang"] == "en"
    assert "lang" not in serialise(FULL, lang="zh") and "lang" not in serialise(FULL)
    assert serialise(FilterState(), lang="en") == {"lang": "en"}


def test_round_trip_with_a_language(vocab: Vocabulary) -> None:
    params = serialise(FULL, lang="en")
    assert parse(params, vocab) == (FULL, []) and language(params) == "en"


def test_notices_in_english(vocab: Vocabulary) -> None:
    with use_language("en"):
        _, notices = parse({"province": "<x>", "zzz": "1", "year": "1999"}, vocab)
        params = {f"k{i}": "v" for i in range(20)}
        _, flood = parse(params, vocab)
    assert notices == [
        "Parameter “province”: the value “&lt;x&gt;” was not recognised, so it was ignored",
        "Unknown parameter “zzz” ignored",
        "Parameter “year”: the value “1999” is outside the indicator's years, so it was ignored",
    ]
    assert flood[-1] == "10 more parameter problems not listed"
