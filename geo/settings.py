"""Configuration in one place: environment variables, read once, with defaults.

Nothing else in the project reads ``os.environ``. ``DASHBOARD_DATA_DIR`` points
at the data folder (default: the bundled ``data/``), ``DASHBOARD_MODE`` selects
the audience (``staff`` by default, or ``kiosk``), ``DASHBOARD_BASEMAP`` picks an
optional online basemap (``none`` by default: the map draws offline).
``DASHBOARD_SECRETS_FILE`` names the staff accounts file (default
``.streamlit/secrets.toml`` in the project), so tests can use a temporary one.
``DASHBOARD_REQUIRE_SIGNIN=1`` makes every staff page ask for a staff sign-in
(default off: only the data page does; the kiosk never does).
``DASHBOARD_TRUSTED_PROXIES`` lists the reverse proxies (addresses or networks,
comma-separated) whose ``X-Forwarded-For`` names the client for the sign-in
limit (default ``127.0.0.1,::1``: nginx on the same machine; empty: none).
The kiosk's help names whom to ask: ``DASHBOARD_KIOSK_CONTACT`` (e.g. the desk's
name and number; empty: "ask the staff at the information desk").
``DASHBOARD_HANDOUT_PREPARE=0`` stops building the briefing's PDF handout in the background (then a click
builds it). Citizens' voice: ``DASHBOARD_KIOSK_ID`` (this kiosk's name in the limits),
``DASHBOARD_VOICE_LIMIT_PER_MINUTE`` (per kiosk, default 30),
``DASHBOARD_VOICE_CLIENT_LIMIT_PER_MINUTE`` (per public-view client, default 10),
``DASHBOARD_VOICE_HIDE_AFTER_REPORTS`` (default 3), ``DASHBOARD_VOICE_RETENTION_DAYS`` (default 365).
``DASHBOARD_PUBLIC_URL``: the public kiosk view's address (http or https) that the kiosk's
"내 휴대폰으로 보기" QR code points at; unset, the kiosk shows no QR code. ``DASHBOARD_PUBLIC_VIEW=1`` marks a
kiosk-mode instance as that public view (visitors' phones): its 필요해요 and opinions are counted per visitor's
browser session (``DASHBOARD_VOICE_CLIENT_LIMIT_PER_MINUTE``) on the channel "public", not as one kiosk.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from geo.i18n.problems import ProblemError, message
from geo.model.extent import VIEW_BOX

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_DATA_DIR = PROJECT_ROOT / "data"
STATIC_DIR = PROJECT_ROOT / "static"
DEFAULT_SECRETS_FILE = PROJECT_ROOT / ".streamlit" / "secrets.toml"
# Streamlit serves PROJECT_ROOT/static at this URL path (server.enableStaticServing).
STATIC_URL = "/app/static"

MODES = ("staff", "kiosk")
BASEMAPS = ("none", "osm", "carto", "vworld")


class SettingsError(ProblemError):
    """A setting has a value the app cannot use: ``str(error)`` says which and why in Korean, ``text(lang)`` in
    the reader's language (its words are the ``settings_*`` codes of ``geo.i18n.problems_store``)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(message(code, **params))


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
    require_signin: bool = False
    # The briefing's PDF handout is built in the background when the briefing opens (both languages).
    handout_prepare: bool = True
    # Reverse proxies whose X-Forwarded-For is believed (addresses or networks); default: one on this machine.
    trusted_proxies: tuple[str, ...] = ("127.0.0.1", "::1")
    # The web server's (uvicorn's) own trusted hosts, FORWARDED_ALLOW_IPS: their X-Forwarded-For it applies
    # before the app sees the peer; geo.auth.server_peer undoes that so only trusted_proxies decide.
    server_forwarded_allow_ips: tuple[str, ...] = ("127.0.0.1",)
    # --- citizens' voice (필요해요 and opinions) ---
    kiosk_id: str = "kiosk"  # names this kiosk in the per-kiosk limit (several kiosks, one store)
    kiosk_contact: str = ""  # whom a visitor asks for help (the kiosk's help screen); empty: the desk staff
    voice_limit_per_minute: int = 30  # 필요해요 and opinions from one kiosk per minute
    voice_client_limit_per_minute: int = 10  # ... from one client of the public view per minute
    voice_hide_after_reports: int = 3  # visitors' reports that hide an opinion until staff look
    voice_retention_days: int = 365  # opinions and reactions older than this are purged
    public_url: str | None = None  # the public kiosk view for visitors' phones (the kiosk's QR code)
    public_view: bool = False  # this instance IS that public view: voice limited per visitor, not per kiosk

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
        raise SettingsError("settings_not_integer", name=name, raw=raw) from exc
    if value < minimum:
        raise SettingsError("settings_too_small", name=name, value=value, minimum=minimum)
    return value


def _location_setting(env: Mapping[str, str], name: str) -> tuple[float, float] | None:
    raw = env.get(name, "").strip()
    if not raw:
        return None
    try:
        lat, lon = (float(part) for part in raw.split(","))
    except ValueError as exc:
        raise SettingsError("settings_location_format", name=name, raw=raw) from exc
    west, south, east, north = VIEW_BOX
    if not (south <= lat <= north and west <= lon <= east):
        raise SettingsError("settings_location_far", name=name, raw=raw)
    return lat, lon


def _bool_setting(env: Mapping[str, str], name: str, default: bool = False) -> bool:
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in ("0", "false", "no", "off"):
        return False
    if raw in ("1", "true", "yes", "on"):
        return True
    raise SettingsError("settings_not_switch", name=name, raw=raw)


def _proxies_setting(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    raw = env.get(name)
    if raw is None:
        return ("127.0.0.1", "::1")
    proxies = tuple(part.strip() for part in raw.split(",") if part.strip())
    for proxy in proxies:
        try:
            ipaddress.ip_network(proxy, strict=False)
        except ValueError as exc:
            raise SettingsError("settings_not_network", name=name, raw=raw, proxy=proxy) from exc
    return proxies


def _public_url_setting(env: Mapping[str, str], name: str) -> str | None:
    raw = env.get(name, "").strip()
    if not raw:
        return None
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SettingsError("settings_not_web_address", name=name, raw=raw)
    return raw


def _folder_setting(env: Mapping[str, str], name: str, default: Path) -> Path:
    path = Path(env.get(name, "").strip() or default).expanduser()
    if path.exists() and not path.is_dir():
        raise SettingsError("settings_folder_is_file", name=name, raw=str(path))
    return path


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Read the settings from ``env`` (default: the process environment)."""
    env = os.environ if env is None else env
    mode = env.get("DASHBOARD_MODE", "staff").strip().lower() or "staff"
    if mode not in MODES:
        raise SettingsError("settings_not_allowed", name="DASHBOARD_MODE", raw=mode, allowed=MODES)
    basemap = env.get("DASHBOARD_BASEMAP", "none").strip().lower() or "none"
    if basemap not in BASEMAPS:
        raise SettingsError("settings_not_allowed", name="DASHBOARD_BASEMAP", raw=basemap, allowed=BASEMAPS)
    data_dir = _folder_setting(env, "DASHBOARD_DATA_DIR", BUNDLED_DATA_DIR)
    store_dir = _folder_setting(env, "DASHBOARD_STORE_DIR", data_dir)
    secrets_file = Path(env.get("DASHBOARD_SECRETS_FILE", "").strip() or DEFAULT_SECRETS_FILE).expanduser()
    if secrets_file.is_dir():
        raise SettingsError("settings_file_is_folder", name="DASHBOARD_SECRETS_FILE", raw=str(secrets_file))
    return Settings(
        data_dir=data_dir,
        mode=mode,
        basemap=basemap,
        kiosk_interval_s=_int_setting(env, "DASHBOARD_KIOSK_INTERVAL", 20, 3),
        kiosk_idle_reset_s=_int_setting(env, "DASHBOARD_KIOSK_IDLE_RESET", 90, 5),
        kiosk_location=_location_setting(env, "DASHBOARD_KIOSK_LOCATION"),
        database_url=env.get("DATABASE_URL", "").strip() or None,
        store_dir=store_dir,
        secrets_file=secrets_file,
        require_signin=_bool_setting(env, "DASHBOARD_REQUIRE_SIGNIN"),
        handout_prepare=_bool_setting(env, "DASHBOARD_HANDOUT_PREPARE", default=True),
        trusted_proxies=_proxies_setting(env, "DASHBOARD_TRUSTED_PROXIES"),
        server_forwarded_allow_ips=tuple(
            part.strip() for part in env.get("FORWARDED_ALLOW_IPS", "127.0.0.1").split(",") if part.strip()
        ),
        kiosk_id=(env.get("DASHBOARD_KIOSK_ID", "").strip() or "kiosk")[:64],
        kiosk_contact=env.get("DASHBOARD_KIOSK_CONTACT", "").strip()[:200],
        voice_limit_per_minute=_int_setting(env, "DASHBOARD_VOICE_LIMIT_PER_MINUTE", 30, 1),
        voice_client_limit_per_minute=_int_setting(env, "DASHBOARD_VOICE_CLIENT_LIMIT_PER_MINUTE", 10, 1),
        voice_hide_after_reports=_int_setting(env, "DASHBOARD_VOICE_HIDE_AFTER_REPORTS", 3, 1),
        voice_retention_days=_int_setting(env, "DASHBOARD_VOICE_RETENTION_DAYS", 365, 1),
        public_url=_public_url_setting(env, "DASHBOARD_PUBLIC_URL"),
        public_view=_bool_setting(env, "DASHBOARD_PUBLIC_VIEW"),
    )
