"""Citizens' voice on the kiosk: which projects a project screen shows, and how the picker names them.

The kiosk's cards carry no ids (``geo.kiosk.screens``); this module links a screen's cards to
their projects for 필요해요 and opinions, in the order the cards show. The picker names a project
alone: beside its three buttons it is a one-line box of about 330 px, and a name followed by its counts
("… · 필요해요 3 · 의견 1") was cut after the first words. The chosen project's count is on its 필요해요
button: a response, never a vote, a rank or a share.
"""

from __future__ import annotations

import pandas as pd

from geo.kiosk.screens import PROJECT_GROUPS, KioskScreen, public_services


def screen_projects(
    services: pd.DataFrame, screen: KioskScreen, lang: str, near: tuple[float, float] | None = None
) -> list[tuple[str, str]]:
    """(project id, name in ``lang``) of the cards on a project screen, in card order; none on other screens."""
    if screen.kind != "projects" or screen.group not in PROJECT_GROUPS or "service_id" not in services.columns:
        return []
    statuses = PROJECT_GROUPS[screen.group]
    listed = public_services(services, lang, statuses=statuses, near=near, limit=screen.first + screen.count)
    return [(s.project_id, s.name) for s in listed[screen.first : screen.first + screen.count] if s.project_id]
