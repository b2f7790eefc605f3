"""The plan as reported: aims, the mayor's remark quoted as his, where it applies after 고시."""

import pandas as pd

from geo.analysis import plan as plan_facts

PLAN = {
    "source": {"ko": "스포츠동아 (2026-02-03), 보도", "en": "Sports Donga (2026-02-03), report"},
    "aims": [
        {"ko": "데이터·환경·산업 분야의 도시 문제 해결", "en": "Solve urban problems in data, environment and industry"}
    ],
    "mayor_fields": [{"ko": "교통", "en": "Transport"}, {"ko": "복지", "en": "Welfare"}],
    "applies_to": ["singil2", "elsewhere"],
    "gazette": {"ko": "고시된 뒤 적용됩니다", "en": "Applies once gazetted"},
    "citizen_input": [{"ko": "시민 리빙랩", "en": "Citizen living labs"}],
}
AREAS = pd.DataFrame({"area_id": ["singil2"], "name_ko": ["신길2 공공주택지구"], "name_en": ["Singil-2 new town"]})


def test_aims_and_input_in_each_language():
    assert plan_facts.aims(PLAN, "ko") == ["데이터·환경·산업 분야의 도시 문제 해결"]
    assert plan_facts.aims(PLAN, "en") == ["Solve urban problems in data, environment and industry"]
    assert plan_facts.citizen_input(PLAN, "en") == ["Citizen living labs"]


def test_the_mayors_fields_are_attributed_to_him():
    assert plan_facts.mayor_remark(PLAN, "ko") == "안산시장은 교통·복지 분야의 연계를 언급했습니다"
    assert plan_facts.mayor_remark(PLAN, "en") == "The mayor named Transport·Welfare as fields to work together"
    assert plan_facts.mayor_remark({}, "ko") is None


def test_where_it_applies_and_the_gazette():
    assert plan_facts.applies_to(PLAN, AREAS, "en") == ["Singil-2 new town", "elsewhere"]
    assert plan_facts.gazette_note(PLAN, "ko") == "고시된 뒤 적용됩니다"
    assert plan_facts.gazette_note({}, "ko") is None
    assert plan_facts.source_line(PLAN, "ko") == "출처: 스포츠동아 (2026-02-03), 보도"


def test_the_bundled_plan_names_its_outlet_and_quotes_the_mayor():
    from geo.loaders import load_plan
    from geo.settings import PROJECT_ROOT

    bundled = load_plan(PROJECT_ROOT / "data")
    assert "스포츠동아" in plan_facts.source_line(bundled, "ko")
    assert "fields" not in bundled  # the four fields are the mayor's, kept under mayor_fields
    assert "교통·환경·안전·복지" in (plan_facts.mayor_remark(bundled, "ko") or "")
    assert any("데이터·환경·산업" in aim for aim in plan_facts.aims(bundled, "ko"))
