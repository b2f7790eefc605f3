"""Problem messages: every code worded in Korean and English, and used codes all have words (geo.i18n.problems)."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from geo.i18n.problems import PREFIX, TEXTS, Message, message, render
from geo.settings import PROJECT_ROOT
from geo.validation import Problem, ValidationReport

HANGUL = re.compile(r"[\uac00-\ud7a3]")
CODES = sorted(key.removeprefix(PREFIX) for key in TEXTS)


def sample_params(template: str) -> dict[str, object]:
    """A plain ASCII value for each placeholder, a number where the format asks for one."""
    params: dict[str, object] = {}
    for _, name, spec, _ in string.Formatter().parse(template):
        if name:
            params[name] = 1234.5 if spec and spec[-1] in "fg" else 1234 if spec else "X1"
    return params


@pytest.mark.parametrize("code", CODES)
def test_each_message_renders_in_both_languages(code):
    entry = TEXTS[PREFIX + code]
    params = sample_params(entry["ko"]) | sample_params(entry["en"])
    korean, english = render(code, params, "ko"), render(code, params, "en")
    assert korean.strip() and english.strip()
    assert not HANGUL.search(english), english
    if code != "text":  # free text is shown as it is
        assert HANGUL.search(korean) or code.startswith("where.") or code == "lonlat", korean
        assert korean != english
    # Both say the same values: every placeholder of one language is in the other.
    assert set(sample_params(entry["ko"])) <= set(params) and set(sample_params(entry["en"])) <= set(params)


def _codes_in_source() -> set[str]:
    """Codes named in the code base: ``message("code", …)``, ``FundingSplitError("code", …)``, io's kinds."""
    found: set[str] = set()
    for path in (PROJECT_ROOT / "geo").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r'(?:\bmessage|FundingSplitError)\(\s*"([a-z_]+)"', text))
    kinds = ("gpkg", "geojson", "shp")
    found |= {f"not_utf8_{k}" for k in kinds} | {f"unreadable_{k}" for k in (*kinds, "vector")}
    found |= {"encoding_chosen_text", "encoding_chosen_dbf"}
    return found


def test_every_code_the_code_base_uses_has_words():
    used = _codes_in_source()
    assert len(used) > 40
    assert used <= set(CODES), used - set(CODES)


def test_a_problem_names_file_row_and_field_in_the_readers_language():
    problem = Problem(
        "services.csv", 12, "status", message("not_allowed", value="완료", allowed=["계획", "운영"]), "행"
    )
    assert str(problem) == "services.csv 12행 status: '완료'는 허용되지 않는 값입니다 (허용: 계획, 운영)"
    assert problem.line("en") == "services.csv row 12 status: '완료' is not an allowed value (allowed: 계획, 운영)"
    feature = Problem("areas.geojson", 3, "geometry", message("no_geometry"))
    assert feature.line("ko") == "areas.geojson 3번째 피처 geometry: 도형(geometry)이 없습니다"
    assert feature.line("en") == "areas.geojson feature 3 geometry: There is no geometry"
    layer = Problem("layers.yaml", 2, "title", message("no_geometry"), "번째 레이어")
    assert layer.line("ko").startswith("layers.yaml 2번째 레이어 title: ")


def test_parameters_are_worded_in_the_readers_language():
    cut = message("not_number", value=message("cut_length", text="x" * 40, length=5000))
    assert cut.text("ko") == f"'{'x' * 40}… (5,000자)'는 숫자가 아닙니다"
    assert cut.text("en") == f"'{'x' * 40}… (5,000 characters)' is not a number"
    paired = Message("not_allowed", {"value": "x", "allowed": [{"ko": "운영", "en": "Operating"}]})
    assert paired.text("en").endswith("(allowed: Operating)") and paired.text("ko").endswith("(허용: 운영)")
    assert message("file_missing").text("fr") == "파일이 없습니다"  # an unknown language reads Korean


def test_free_text_from_modules_not_yet_coded_is_kept_as_it_is():
    report = ValidationReport()
    report.add("plan.yaml", None, None, "최상위가 항목(key: value) 목록이어야 합니다")
    assert report.codes == ["text"]
    assert report.messages(lang="en") == ["plan.yaml: 최상위가 항목(key: value) 목록이어야 합니다"]


def test_the_validation_package_words_no_message_itself():
    # Its Korean messages live in geo.i18n.problems; what is left are units and the words a cell may hold (예/아니오).
    for path in Path(PROJECT_ROOT / "geo" / "validation").glob("*.py"):
        code = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if '"""' not in line)
        strings = re.findall(r'"[^"\n]*"', code)
        assert not [
            s for s in strings if HANGUL.search(s) and s not in ('"피처"', '"행"', '"번째 레이어"', '"예"', '"아니오"')
        ], path
