"""The translation table: every user-facing text, Korean first, English available.

Pages call ``t(key, lang)``; a missing key shows the key itself so it is
noticed, and ``tests/test_geo_core.py`` checks that every key has both languages.
The texts live in one table per area of the app (``common``, ``maps``,
``districts``, ``audience``, ``data``, ``voice``, ``access``, ``cli``): add a key to its area's table; a key
in two tables fails that test too. Labels of vocabulary values
(statuses, domains, areas) live in ``geo.model.vocab``.
"""

from geo.i18n.lookup import GLOSSARY, LANGUAGES, TEXTS, Lang, localized, localized_column, t

__all__ = ["GLOSSARY", "LANGUAGES", "TEXTS", "Lang", "localized", "localized_column", "t"]
