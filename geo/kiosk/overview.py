"""The kiosk's first screen: the plan as reported (approval, aims, the mayor's remark as his, vision,
directions, source), and apart from it Ansan's reported projects counted by how far along they are.

Every text from data is escaped here (``geo.html``); the project groups are the rotation's
(:data:`geo.kiosk.screens.PROJECT_GROUPS`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from geo.analysis import plan as plan_facts
from geo.html import escape_html
from geo.i18n import t
from geo.kiosk.screens import PROJECT_GROUPS
from geo.model.vocab import KIOSK_STATUSES


def plan_headline_html(plan: dict[str, Any], lang: str) -> str:
    """The plan's headline: approved by MOLIT (국토교통부) and its aims as reported; the mayor's fields as his."""
    aims = " · ".join(plan_facts.aims(plan, lang))
    remark = plan_facts.mayor_remark(plan, lang)
    return (
        f'<div class="kiosk-headline"><b>{escape_html(t("plan.approved", lang))}</b>'
        f"<span>{escape_html(t('plan.aims', lang))}: {escape_html(aims)}</span>"
        + (f'<span class="kiosk-remark">{escape_html(remark)}</span>' if remark else "")
        + "</div>"
    )


def overview_html(plan: dict[str, Any], services: pd.DataFrame, lang: str) -> str:
    """The plan as reported, then, apart from it, Ansan's reported projects counted by how far along they are.

    The plan: its approval, aims, the mayor's remark as his, vision and directions, with its source (the area
    screens say that it applies to them once gazetted, 고시). The projects are counted under their own
    heading, away from the approval: no source ties them to the plan (counts only, no budget).
    """
    statuses = services["status"]
    unit = t("metric.count_unit", lang)
    numbers = [(int(statuses.isin(KIOSK_STATUSES).sum()), t("kiosk.projects_all", lang))] + [
        (int(statuses.isin(group).sum()), t(f"kiosk.group_{key}", lang))
        for key, group in PROJECT_GROUPS.items()
        if statuses.isin(group).any()
    ]
    number_html = "".join(
        f'<div class="kiosk-number"><b>{n:,}{escape_html(unit)}</b><span>{escape_html(k)}</span></div>'
        for n, k in numbers
    )
    vision = "".join(f'<div class="kiosk-vision">“{escape_html(line[lang])}”</div>' for line in plan.get("vision", []))
    directions = "".join(
        f"<div>{n}. {escape_html(d[lang])}</div>" for n, d in enumerate(plan.get("directions", []), start=1)
    )
    source = plan.get("source", {}).get(lang, "")
    return (
        f"{plan_headline_html(plan, lang)}{vision}"
        f'<div class="kiosk-kind">{escape_html(t("home.directions", lang))}</div>'
        f'<div class="kiosk-directions">{directions}</div>'
        f'<div class="kiosk-source">{escape_html(t("field.source", lang))}: {escape_html(source)}</div>'
        f'<div class="kiosk-projects"><div class="kiosk-kind">{escape_html(t("kiosk.reported_projects", lang))}</div>'
        f'<div class="kiosk-numbers">{number_html}</div>'
        f'<div class="kiosk-facts">{escape_html(t("kiosk.projects_not_the_plan", lang))}</div></div>'
    )
