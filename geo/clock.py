"""The city's clock: Ansan keeps Korean time (UTC+9) whatever zone the server runs in.

Every "today" and "now" the product shows or stores comes from here. A server set to UTC
(the usual container default) is nine hours behind Ansan: between 00:00 and 09:00 KST its
``date.today()`` is still yesterday, so an edit stamped in Korean time would lie "after"
a 기준일 taken from the system date and vanish from the map until morning.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

KST = timezone(timedelta(hours=9))


def city_now() -> datetime:
    """The current moment in Korean time (aware)."""
    return datetime.now(KST)


def city_today() -> date:
    """Today's date in Ansan, the default 기준일 of every page."""
    return city_now().date()
