"""The public kiosk (키오스크), one audience's screens end to end.

Modules, from the bottom up: :mod:`~geo.kiosk.screens` (the rotation's screens, the public services and
their cards), :mod:`~geo.kiosk.overview` (the first screen: the plan and the reported projects),
:mod:`~geo.kiosk.rotation` (time: the unattended rotation, pause and idle reset), :mod:`~geo.kiosk.access`
(display modes, help, colour pairs); on them :mod:`~geo.kiosk.area` (the areas' screens and maps),
:mod:`~geo.kiosk.then` (then and now) and :mod:`~geo.kiosk.voice` (citizens' voice on a screen's cards);
on top :mod:`~geo.kiosk.speech` (what 읽어 주기 reads). The order is the import contract in pyproject.toml.
"""
