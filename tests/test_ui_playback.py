"""The page side of the map's time control (``ui.playback``): which days reach the URL, and when the map is moved."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from ui.playback import MAP_KEY


def _page() -> None:
    import streamlit as st

    from ui.playback import choose_day_on_page, day_counter, take_map_day

    if st.session_state.get("choose"):
        st.session_state["choose"] = False
        choose_day_on_page()
    take_map_day("as_of")
    st.write(f"day_n={day_counter()}")


def _report(day: str, token: str, day_n: int) -> dict[str, object]:
    return {"day": {"day": day, "step": 1, "day_n": day_n, "token": token}}


def _url_day(app: AppTest) -> str:
    value = app.query_params["as_of"]  # a list once the script wrote it, the string the test set otherwise
    return value[-1] if isinstance(value, list) else value


def _run(app: AppTest) -> int:
    app.run()
    assert not app.exception
    return int(app.markdown[0].value.removeprefix("day_n="))


def test_a_reported_step_goes_into_the_url_once_and_never_moves_the_map() -> None:
    app = AppTest.from_function(_page)
    app.session_state[MAP_KEY] = _report("2024-07-04", "t:1", 0)
    assert _run(app) == 0
    assert _url_day(app) == "2024-07-04"
    # A rerun whose URL lags behind (the browser had not applied the last one yet): the report acted already,
    # and the counter the map watches stays put, so the playing map is not pulled back.
    app.query_params["as_of"] = "2021-01-01"
    assert _run(app) == 0
    assert _url_day(app) == "2021-01-01"


def test_a_day_chosen_in_the_box_moves_the_map_and_drops_a_step_played_before_it() -> None:
    app = AppTest.from_function(_page)
    app.session_state["choose"] = True
    app.session_state[MAP_KEY] = _report("2024-07-04", "t:1", 0)  # sent before the map heard of the choice
    app.query_params["as_of"] = "2023-01-01"
    assert _run(app) == 1
    assert _url_day(app) == "2023-01-01"
    app.session_state[MAP_KEY] = _report("2023-03-01", "t:2", 1)  # played after it: taken
    assert _run(app) == 1
    assert _url_day(app) == "2023-03-01"
