"""The kiosk's rotation: which screen shows, when it moves on, and the visitor's control of time.

Rotation is decided on the server from the time (:func:`advance`), a pure function that tests drive with
any clock. A touch pauses it until the idle time passes without one, then it returns to the start. The
visitor also has the time in hand (KWCAG 2.2.1 and 2.2.2): pause and resume (:func:`pause`,
:func:`resume`), a step back or forward (:func:`step`), and a warning before the idle reset
(:func:`warning_seconds`, :func:`seconds_to_reset`) that one touch dismisses.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

#: How long before the idle reset the warning shows at most (KWCAG 2.2.1 asks at least 20 s).
WARNING_S = 30


@dataclass(frozen=True)
class RotationState:
    """Which screen shows, since when, and when the screen was last touched (monotonic seconds)."""

    screen: int = 0
    shown_at: float = 0.0
    touched_at: float | None = None

    def paused(self) -> bool:
        return self.touched_at is not None


def advance(state: RotationState, now: float, count: int, interval_s: float, idle_reset_s: float) -> RotationState:
    """The rotation state at ``now``.

    - Touched less than ``idle_reset_s`` ago: nothing changes (the person is reading).
    - Touched ``idle_reset_s`` or more ago: back to the first screen, rotation resumes.
    - Not touched: the next screen (wrapping) once the screen has shown for ``interval_s``.
    """
    if count < 1:
        raise ValueError(f"count must be at least 1, not {count}")
    if state.touched_at is not None:
        if now - state.touched_at >= idle_reset_s:
            return RotationState(0, now, None)
        return state
    if now - state.shown_at >= interval_s:
        return RotationState((state.screen + 1) % count, now, None)
    return state


def touch(state: RotationState, now: float) -> RotationState:
    """Someone touched the screen: rotation stops until ``idle_reset_s`` passes without a touch."""
    return replace(state, touched_at=now)


def select(state: RotationState, screen: int, now: float, count: int) -> RotationState:  # noqa: ARG001 (same shape as the other transitions)
    """Someone chose a screen: show it and count the choice as a touch."""
    if not 0 <= screen < count:
        raise ValueError(f"screen must be from 0 to {count - 1}, not {screen}")
    return RotationState(screen, now, now)


def tick_seconds(interval_s: float, idle_reset_s: float) -> float:
    """How often the page re-checks the rotation: a quarter of the shorter timer, from 1 to 5 seconds."""
    return float(min(max(min(interval_s, idle_reset_s) / 4, 1.0), 5.0))


def pause(state: RotationState, now: float) -> RotationState:
    """Stop the rotation on this screen; it still returns to the start after the idle time (with a warning)."""
    return replace(state, touched_at=now)


def resume(state: RotationState, now: float) -> RotationState:
    """Let the rotation run again from this screen, which shows for a full interval first."""
    return RotationState(state.screen, now, None)


def step(state: RotationState, now: float, count: int, delta: int) -> RotationState:
    """The previous (``delta`` -1) or next (+1) screen, wrapping; a step is a touch, so the rotation pauses."""
    return select(state, (state.screen + delta) % count, now, count)


def warning_seconds(idle_reset_s: float) -> int:
    """How long before the idle reset its warning shows: 30 s, or two thirds of a shorter idle time.

    With an idle time of 30 s or more the warning comes at least 20 s ahead (KWCAG 2.2.1); a shorter idle
    time (the tests' 8 s) still warns for most of it.
    """
    return int(min(WARNING_S, idle_reset_s * 2 // 3))


def seconds_to_reset(state: RotationState, now: float, idle_reset_s: float) -> float | None:
    """Seconds left before a paused kiosk returns to the start; None while the rotation runs."""
    if state.touched_at is None:
        return None
    return max(0.0, idle_reset_s - (now - state.touched_at))


def warning_due(state: RotationState, now: float, idle_reset_s: float) -> bool:
    """Whether the "returning to the start" warning shows now."""
    left = seconds_to_reset(state, now, idle_reset_s)
    return left is not None and left <= warning_seconds(idle_reset_s)


def was_reset(before: RotationState, after: RotationState) -> bool:
    """Whether :func:`advance` just returned a paused kiosk to the start (the visitor's session ends there)."""
    return before.touched_at is not None and after.touched_at is None and after.screen == 0
