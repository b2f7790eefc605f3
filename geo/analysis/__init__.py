"""Pure computations on loaded data: what the pages, the kiosk, the briefing and the exports count and replay.

``budget`` says what a total adds up (one rule for every screen), ``aggregate``
counts and sums per domain, direction and area, ``stats`` the headline figures,
``history`` replays the status history to a day, ``trend`` and ``playback`` follow
it over time, ``filters`` are the pages' filters as data, ``plan`` the city plan's
facts, ``exports`` the downloadable tables and files.
"""
