"""Settings read from the environment, with embedded defaults (see DESIGN.md)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError


def _normalise_db_url(url: str) -> str:
    """Map plain PostgreSQL URLs onto the psycopg 3 driver we ship."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    redis_url: str | None = None
    bot_token: str | None = None
    bot_api_base: str | None = None
    public_base_url: str = "http://127.0.0.1:8000"
    secret_key: str | None = None
    port: int = 8000
    identity_key: str | None = None
    timezone: str = "Asia/Shanghai"
    kiosk_centre: str | None = None  # the service centre code of this kiosk (LANTAI_KIOSK_CENTRE)
    kiosk_idle_seconds: int = 90  # idle time before the kiosk warns, then wipes the session
    kiosk_id_reader: str = "typed"  # the ID-card reader adapter (kiosk/idcard.py)
    bot_username: str = "LantaiArchiveBot"  # for the kiosk's bind QR (t.me/<bot>?start=bind_…)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides) -> "Settings":
        """Build settings from environment variables (or the given mapping)."""
        env = dict(os.environ if env is None else env)
        data_dir = Path(overrides.pop("data_dir", None) or env.get("LANTAI_DATA_DIR") or "instance").resolve()
        db_url = overrides.pop("database_url", None) or env.get("DATABASE_URL") or f"sqlite:///{data_dir / 'lantai.db'}"
        try:
            port = int(env.get("PORT") or 8000)
        except ValueError:
            raise ConfigError(f"环境变量 PORT 应为端口号（整数），现在是「{env.get('PORT')}」") from None
        try:
            idle = int(env.get("LANTAI_KIOSK_IDLE_SECONDS") or 90)
        except ValueError:
            raise ConfigError(f"环境变量 LANTAI_KIOSK_IDLE_SECONDS 应为秒数（整数），现在是「{env.get('LANTAI_KIOSK_IDLE_SECONDS')}」") from None
        values = dict(
            data_dir=data_dir,
            database_url=_normalise_db_url(db_url),
            redis_url=env.get("REDIS_URL") or None,
            bot_token=env.get("BOT_TOKEN") or None,
            bot_api_base=env.get("BOT_API_BASE") or None,
            public_base_url=(env.get("PUBLIC_BASE_URL") or f"http://127.0.0.1:{port}").rstrip("/"),
            secret_key=env.get("SECRET_KEY") or None,
            port=port,
            identity_key=env.get("LANTAI_IDENTITY_KEY") or None,
            timezone=env.get("LANTAI_TIMEZONE") or "Asia/Shanghai",
            kiosk_centre=env.get("LANTAI_KIOSK_CENTRE") or None,
            kiosk_idle_seconds=max(5, idle),
            kiosk_id_reader=env.get("LANTAI_KIOSK_ID_READER") or "typed",
            bot_username=(env.get("BOT_USERNAME") or "LantaiArchiveBot").lstrip("@"),
        )
        values.update(overrides)
        return cls(**values)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def keys_dir(self) -> Path:
        return self.data_dir / "keys"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"
