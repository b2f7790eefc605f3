"""Streamlit's English widget words and the Korean said instead on Korean screens (ui/widget_text.py)."""

from __future__ import annotations

import re

from ui.widget_text import MONTHS, korean_widget_script, korean_widget_texts

HANGUL = re.compile(r"[\uac00-\ud7a3]")


def test_every_english_widget_word_has_korean():
    words = korean_widget_texts()
    assert words["December"] == "12월" and words["January"] == "1월"
    assert [words[day] for day in ("Su", "Mo", "Tu", "We", "Th", "Fr", "Sa")] == list("일월화수목금토")
    assert words["Browse files"] == "파일 선택"
    assert all(HANGUL.search(korean) for korean in words.values())
    assert set(MONTHS) <= set(words)


def test_script_carries_the_words_and_the_patterns_safely():
    script = korean_widget_script()
    assert script.startswith("<script>") and script.count("</script>") == 1
    assert "12월" in script and "{year}년 {n}월" in script and "파일당 최대 {size}" in script
    # It touches text inside Streamlit's widgets only, not the page's own text.
    assert "stDateInputCalendar" in script and "stFileUploaderDropzone" in script


def test_table_toolbar_words_have_korean():
    # st.dataframe's toolbar (its buttons' labels and their tooltips) says these in English on Korean screens.
    words = korean_widget_texts()
    assert words["Download as CSV"] == "CSV로 내려받기"
    assert (words["Search"], words["Fullscreen"], words["Close fullscreen"]) == ("검색", "전체 화면", "전체 화면 닫기")
    script = korean_widget_script()
    assert "stElementToolbar" in script and "stTooltipContent" in script
