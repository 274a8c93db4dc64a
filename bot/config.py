"""The bot's own settings (the shared ones — BOT_TOKEN, BOT_API_BASE, REDIS_URL — are in core.settings)."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from core.errors import ConfigError

from .ratelimit import Rate

_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what Telegram accepts as X-Telegram-Bot-Api-Secret-Token


@dataclass(frozen=True)
class BotConfig:
    webhook_url: str | None = None
    webhook_secret: str | None = None
    host: str = "127.0.0.1"
    port: int = 8081
    notify_seconds: float = 2.0
    rate: Rate = Rate()

    @property
    def webhook_path(self) -> str:
        return urlsplit(self.webhook_url or "").path or "/telegram/webhook"

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> "BotConfig":
        """Read WEBHOOK_URL, WEBHOOK_SECRET, BOT_HOST, BOT_PORT, BOT_NOTIFY_SECONDS, BOT_RATE_LIMIT."""
        env = dict(os.environ if env is None else env)
        try:
            port = int(env.get("BOT_PORT") or 8081)
            notify = float(env.get("BOT_NOTIFY_SECONDS") or 2.0)
        except ValueError:
            raise ConfigError("BOT_PORT 应为端口号，BOT_NOTIFY_SECONDS 应为秒数。") from None
        limit, _, window = (env.get("BOT_RATE_LIMIT") or "30/60").partition("/")
        if not (limit.isdigit() and window.isdigit() and int(limit) > 0 and int(window) > 0):
            raise ConfigError("BOT_RATE_LIMIT 应写成「条数/秒数」，如 30/60。")
        return cls(webhook_url=env.get("WEBHOOK_URL") or None, webhook_secret=env.get("WEBHOOK_SECRET") or None,
                   host=env.get("BOT_HOST") or "127.0.0.1", port=port, notify_seconds=notify,
                   rate=Rate(int(limit), int(window)))

    def check_webhook(self) -> None:
        """Webhook mode needs a public https URL and a shared secret (every instance uses the same one)."""
        if not self.webhook_url or urlsplit(self.webhook_url).scheme not in ("https", "http"):
            raise ConfigError("webhook 模式需要设置 WEBHOOK_URL（Telegram 推送消息的公网 https 地址）。")
        if not self.webhook_secret or not _SECRET.match(self.webhook_secret):
            raise ConfigError("webhook 模式需要设置 WEBHOOK_SECRET（1–256 位字母、数字、_ 或 -，各实例相同）。")
