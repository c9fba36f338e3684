"""The string catalogue: complete in both languages, consistent fields, English free of Chinese."""

from pathlib import Path

import pytest

from geo import i18n
from geo.i18n import UNIT_KEYS, catalogue, fields_of, load_catalogue, t, use_language
from geo.i18n.check import cjk_runs
from geo.i18n.inventory import default_paths, used_keys

ENTRIES = sorted(catalogue().items())


def test_catalogue_has_the_shell() -> None:
    for key in ("page.overview", "page.areas", "page.pairing", "page.relocation", "page.county", "page.import"):
        assert key in catalogue()
    assert catalogue()["common.no_data"] == {"zh": "暂无数据", "en": "No data"}
    assert catalogue()["language.label"]["en"] == "Language"


@pytest.mark.parametrize(("key", "entry"), ENTRIES, ids=[key for key, _ in ENTRIES])
def test_entry_is_translated_with_the_same_fields(key: str, entry: dict) -> None:
    assert entry["zh"].strip() and entry["en"].strip(), f"{key}: empty text"
    assert fields_of(entry["zh"]) == fields_of(entry["en"]), f"{key}: fields differ"
    assert cjk_runs(entry["en"]) == [], f"{key}: Chinese in the English text"


def test_keys_are_section_dot_snake_case() -> None:
    for key in catalogue():
        section, _, name = key.partition(".")
        assert section.isidentifier() and section.islower(), key
        assert name and all(part.isidentifier() and part.islower() for part in name.split(".")), key


def test_t_fills_fields_in_the_current_language() -> None:
    assert t("table.selected_counties", count=1234) == "所选县（1,234）"
    with use_language("en"):
        assert t("table.selected_counties", count=1234) == "Selected counties (1,234)"
        assert t("page.overview") == "National overview"


def test_t_raises_on_a_missing_field_or_an_unknown_key() -> None:
    with pytest.raises(KeyError, match="count"):
        t("table.selected_counties")
    with pytest.raises(KeyError, match=r"no\.such_key"):
        t("no.such_key")
    with use_language("en"), pytest.raises(KeyError):
        t("legend.exited_in", years=2020)


def test_every_key_used_in_the_code_exists() -> None:
    repo = default_paths()
    missing = {key: where for key, where in used_keys(repo).items() if key not in catalogue()}
    assert missing == {}


def test_every_unit_has_an_entry() -> None:
    assert set(UNIT_KEYS.values()) <= set(catalogue())


@pytest.mark.parametrize(
    "text",
    [
        '[a.b]\nzh = "中"\n',  # one language only
        '[a.b]\nzh = "中"\nen = "x"\nfr = "y"\n',  # an extra language
        '[a.b]\nzh = "中"\nen = 1\n',  # not a string
        'a = "x"\n',  # a bare value outside an entry
    ],
)
def test_malformed_catalogues_are_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=r"c\.toml"):
        load_catalogue(path)


def test_nested_sections_flatten_to_dotted_keys(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('[a.b.c]\nzh = "中"\nen = "x"\n[a.d]\nzh = "甲"\nen = "y"\n', encoding="utf-8")
    assert load_catalogue(path) == {"a.b.c": {"zh": "中", "en": "x"}, "a.d": {"zh": "甲", "en": "y"}}


def test_catalogue_is_loaded_once() -> None:
    assert i18n.catalogue() is i18n.catalogue()
