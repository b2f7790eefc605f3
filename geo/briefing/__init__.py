"""The briefing, one audience's screens end to end: the slides and the handout PDF.

Modules: :mod:`~geo.briefing.content` (what the slides and the handout say, as plain data),
:mod:`~geo.briefing.slides` (the slides, their navigation and tables) and :mod:`~geo.briefing.handout`
(the PDF, one page per slide). The order is the import contract in pyproject.toml.
"""
