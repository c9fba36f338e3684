"""The current language: a context variable, isolated between threads (Streamlit sessions)."""

import threading

import pytest

from geo.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    current_language,
    label_of,
    number,
    set_language,
    t,
    unit,
    use_language,
)


def test_default_is_chinese() -> None:
    assert DEFAULT_LANGUAGE == "zh" and LANGUAGES == ("zh", "en")
    assert current_language() == "zh"


def test_use_language_restores_the_previous_language() -> None:
    with use_language("en"):
        assert current_language() == "en"
        with use_language("zh"):
            assert current_language() == "zh"
        assert current_language() == "en"
    assert current_language() == "zh"


def test_use_language_restores_after_an_error() -> None:
    with pytest.raises(RuntimeError), use_language("en"):
        raise RuntimeError
    assert current_language() == "zh"


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="fr"):
        set_language("fr")
    assert current_language() == "zh"


def test_threads_do_not_see_each_others_language() -> None:
    """Two sessions in two threads, switched at the same time, each keep their own language."""
    barrier = threading.Barrier(2, timeout=10)
    seen: dict[str, list[str]] = {}

    def session(lang: str) -> None:
        set_language(lang)
        barrier.wait()  # both have set their language before either reads
        seen[lang] = [current_language(), t("page.overview")]
        barrier.wait()
        seen[lang].append(current_language())

    threads = [threading.Thread(target=session, args=(lang,), daemon=True) for lang in ("en", "zh")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert seen == {"en": ["en", "National overview", "en"], "zh": ["zh", "全国总览", "zh"]}
    assert current_language() == "zh", "the test thread is untouched"


def test_a_new_thread_starts_with_the_default() -> None:
    """A script run must set the language itself: it does not inherit the starting thread's."""
    seen = []
    with use_language("en"):
        thread = threading.Thread(target=lambda: seen.append(current_language()))
        thread.start()
        thread.join(timeout=10)
    assert seen == ["zh"]


@pytest.mark.parametrize(
    ("value", "unit_name", "zh", "en"),
    [
        (9899, "万人", "9,899 万人", "98.99 million people"),
        (23.4, "万人", "23.4 万人", "234,000 people"),
        (12345, "元", "12,345 元", "12,345 yuan"),
        (2.5, "亿元", "2.5 亿元", "250 million yuan"),
        (4.5, "%", "4.5%", "4.5%"),
        (13, "万个", "13 万个", "130,000"),
        (832, "counties", "832 个县", "832 counties"),
        (7, "", "7", "7"),
        (None, "万人", "暂无数据", "No data"),
        (float("nan"), "元", "暂无数据", "No data"),
    ],
)
def test_number(value: float | None, unit_name: str, zh: str, en: str) -> None:
    assert number(value, unit_name) == zh
    with use_language("en"):
        assert number(value, unit_name) == en


def test_unit() -> None:
    assert unit("万人") == "万人"
    with use_language("en"):
        assert unit("万人") == "10k people"
        assert unit("平方米/人") == "m² per person"
        assert unit("个") == ""
        assert unit("头") == "头", "an unknown unit (e.g. from an upload) comes back as is"


def test_label_of_translates_known_values_and_keeps_others() -> None:
    keys = {"none": "common.no_data"}
    with use_language("en"):
        assert label_of(keys, "none") == "No data"
        assert label_of(keys, "其他") == "其他"
        assert label_of(keys, "x", "—") == "—"
