"""Configuration in one place: environment variables, read once, with defaults.

Nothing else in the project reads ``os.environ``. ``DASHBOARD_DATA_DIR`` points
at the data folder (default: the bundled ``data/``), ``DASHBOARD_MODE`` selects
the audience (``staff`` by default, or ``kiosk``), ``DASHBOARD_BASEMAP`` picks an
optional online basemap (``none`` by default: the map draws offline).
``DASHBOARD_SECRETS_FILE`` names the staff accounts file (default
``.streamlit/secrets.toml`` in the project), so tests can use a temporary one.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_DATA_DIR = PROJECT_ROOT / "data"
STATIC_DIR = PROJECT_ROOT / "static"
DEFAULT_SECRETS_FILE = PROJECT_ROOT / ".streamlit" / "secrets.toml"
# Streamlit serves PROJECT_ROOT/static at this URL path (server.enableStaticServing).
STATIC_URL = "/app/static"

MODES = ("staff", "kiosk")
BASEMAPS = ("none", "osm", "carto", "vworld")


class SettingsError(ValueError):
    """A setting has a value the app cannot use; the message says which and why."""


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    mode: str
    basemap: str
    kiosk_interval_s: int
    kiosk_idle_reset_s: int
    kiosk_location: tuple[float, float] | None  # (lat, lon) of the kiosk, for "being built near you"
    database_url: str | None
    store_dir: Path
    secrets_file: Path = DEFAULT_SECRETS_FILE

    @property
    def is_kiosk(self) -> bool:
        return self.mode == "kiosk"


def _int_setting(env: Mapping[str, str], name: str, default: int, minimum: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise SettingsError(f"{name}={raw!r}: 정수(초)여야 합니다.") from exc
    if value < minimum:
        raise SettingsError(f"{name}={value}: {minimum} 이상이어야 합니다.")
    return value


def _location_setting(env: Mapping[str, str], name: str) -> tuple[float, float] | None:
    raw = env.get(name, "").strip()
    if not raw:
        return None
    try:
        lat, lon = (float(part) for part in raw.split(","))
    except ValueError as exc:
        raise SettingsError(f"{name}={raw!r}: '위도,경도' 형식이어야 합니다 (예: 37.3219,126.8309).") from exc
    if not (37.0 <= lat <= 37.5 and 126.3 <= lon <= 127.0):
        raise SettingsError(f"{name}={raw!r}: 안산시 부근의 위도,경도가 아닙니다 (위도·경도 순서를 확인하세요).")
    return lat, lon


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Read the settings from ``env`` (default: the process environment)."""
    env = os.environ if env is None else env
    mode = env.get("DASHBOARD_MODE", "staff").strip().lower() or "staff"
    if mode not in MODES:
        raise SettingsError(f"DASHBOARD_MODE={mode!r}: 허용되는 값은 {', '.join(MODES)} 입니다.")
    basemap = env.get("DASHBOARD_BASEMAP", "none").strip().lower() or "none"
    if basemap not in BASEMAPS:
        raise SettingsError(f"DASHBOARD_BASEMAP={basemap!r}: 허용되는 값은 {', '.join(BASEMAPS)} 입니다.")
    data_dir = Path(env.get("DASHBOARD_DATA_DIR", "").strip() or BUNDLED_DATA_DIR).expanduser()
    store_dir = Path(env.get("DASHBOARD_STORE_DIR", "").strip() or data_dir).expanduser()
    return Settings(
        data_dir=data_dir,
        mode=mode,
        basemap=basemap,
        kiosk_interval_s=_int_setting(env, "DASHBOARD_KIOSK_INTERVAL", 20, 3),
        kiosk_idle_reset_s=_int_setting(env, "DASHBOARD_KIOSK_IDLE_RESET", 90, 5),
        kiosk_location=_location_setting(env, "DASHBOARD_KIOSK_LOCATION"),
        database_url=env.get("DATABASE_URL", "").strip() or None,
        store_dir=store_dir,
        secrets_file=Path(env.get("DASHBOARD_SECRETS_FILE", "").strip() or DEFAULT_SECRETS_FILE).expanduser(),
    )
