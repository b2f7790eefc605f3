"""Citizens' voice shown back: the kiosk's cards linked to their projects, the briefing slide, and the wording.

Counts are visitors' responses: no screen text may present them as a vote, a poll or a ranking.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from geo.html import escape_html
from geo.i18n import TEXTS, t
from geo.kiosk.screens import PROJECT_GROUPS, kiosk_screens, project_screen_html, public_services
from geo.kiosk.voice import screen_projects
from geo.voice_view import briefing_voice_html

# Words that would make a count a vote or a poll, in both languages.
VOTE_WORDS = re.compile(r"투표|득표|여론조사|찬성|반대|순위|1위|vote|poll|ballot|rank|winner|percent|%", re.IGNORECASE)
# The only ways those words may appear: saying that it is not one.
NEGATIONS = ("투표나 여론조사가 아닙니다", "투표 아님", "not a vote or a poll", "not a vote")  # longest first


def _voice_texts() -> list[tuple[str, str, str]]:
    return [
        (key, lang, text)
        for key, entry in TEXTS.items()
        if key.startswith("voice.") or key == "briefing.voice"
        for lang, text in entry.items()
    ]


def test_no_voice_text_presents_the_counts_as_a_vote_or_a_poll():
    texts = _voice_texts()
    assert len(texts) > 100
    for key, lang, text in texts:
        rest = text
        for negation in NEGATIONS:
            rest = rest.replace(negation, "")
        assert not VOTE_WORDS.search(rest), (key, lang, text)
    # and the titles a visitor reads first say plainly that it is not one
    assert "투표 아님" in t("voice.kiosk.heading", "ko") and "not a vote" in t("voice.kiosk.heading", "en")
    assert "투표 아님" in t("voice.opinion.title", "ko") and "not a vote" in t("voice.detail", "en")


def test_a_project_screen_links_each_card_to_its_project_in_card_order(bundled):
    screens = [s for s in kiosk_screens(bundled.services) if s.kind == "projects"]
    assert screens
    for screen in screens[:3]:
        projects = screen_projects(bundled.services, screen, "ko")
        assert len(projects) == screen.count
        html = project_screen_html(bundled.services, screen, "ko")
        positions = [html.index(f">{name}<") for _, name in projects]
        assert positions == sorted(positions)  # the picker lists the cards as they stand
        names = dict(zip(bundled.services["service_id"], bundled.services["name_ko"], strict=True))
        assert all(names[pid] == name for pid, name in projects)
        assert "service_id" not in html and not any(pid in html for pid, _ in projects)  # no id on a card
    assert screen_projects(bundled.services, kiosk_screens(bundled.services)[0], "ko") == []  # the overview


def test_public_services_carry_their_id_without_showing_it(bundled):
    group = next(iter(PROJECT_GROUPS.values()))
    listed = public_services(bundled.services, "en", statuses=group, limit=3)
    assert all(s.project_id in set(bundled.services["service_id"]) for s in listed)


def _services() -> pd.DataFrame:
    return pd.DataFrame(
        {"service_id": ["A-1", "B-2"], "name_ko": ["가로등", "<b>버스</b>"], "name_en": ["Lights", "Bus"]}
    )


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_briefing_slide_gives_counts_with_context_opinions_and_answers(lang):
    counts = pd.DataFrame({"project_id": ["A-1", "B-2"], "needs": [3, 7], "opinions": [2, 0]})
    approved = pd.DataFrame(
        {
            "opinion_id": [5],
            "project_id": ["A-1"],
            "reason": ["safety"],
            "text": ["<script>alert(1)</script>"],
            "answer": ["내년에 더 설치합니다."],
        }
    )
    html = briefing_voice_html(counts, approved, _services(), "2026-09-08 – 2026-12-07", lang)
    assert "2026-09-08 – 2026-12-07" in html and escape_html(t("voice.counts.note", lang)) in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    if lang == "ko":  # most 필요해요 first, names escaped
        assert "&lt;b&gt;" in html and html.index("&lt;b&gt;") < html.index("가로등")
    assert escape_html(t("voice.answer", lang)) in html and "내년에 더 설치합니다." in html
    empty = briefing_voice_html(counts.iloc[0:0], approved.iloc[0:0], _services(), "…", lang)
    assert escape_html(t("voice.slide.none", lang)) in empty and escape_html(t("voice.opinions.none", lang)) in empty
