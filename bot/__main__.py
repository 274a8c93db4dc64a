"""`python -m bot`: long-poll the Bot API (Telegram's, or BOT_API_BASE when set); `--webhook` serves a webhook."""
from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from aiogram.utils.token import TokenValidationError, validate_token

from core.bootstrap import bootstrap
from core.deployment import check_identity_key
from core.errors import ConfigError
from core.logs import configure_logging
from core.settings import Settings

from .config import BotConfig
from .runner import run_polling, run_webhook

MISSING_TOKEN = (
    "未设置 BOT_TOKEN：请先向 @BotFather 申请机器人令牌，再以 BOT_TOKEN=... python -m bot 启动。\n"
    "BOT_TOKEN is not set: get a bot token from @BotFather and start with BOT_TOKEN=... python -m bot"
)
BAD_TOKEN = (
    "BOT_TOKEN 格式不对：应形如 123456789:AA…（@BotFather 给出的整串）。\n"
    "BOT_TOKEN is malformed: it looks like 123456789:AA… as given by @BotFather."
)


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bot", description="兰台 Telegram 机器人 / the Lantai Telegram bot")
    parser.add_argument("--webhook", action="store_true",
                        help="serve a webhook (WEBHOOK_URL, WEBHOOK_SECRET, BOT_HOST, BOT_PORT) instead of polling")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    try:
        settings, config = Settings.from_env(), BotConfig.from_env()
        if args.webhook:
            config.check_webhook()
    except ConfigError as e:
        print(e.message, file=sys.stderr)
        return 2
    if not settings.bot_token:
        print(MISSING_TOKEN, file=sys.stderr)
        return 2
    try:
        validate_token(settings.bot_token)
    except TokenValidationError:
        print(BAD_TOKEN, file=sys.stderr)
        return 2
    configure_logging(logging.INFO)
    try:
        services = bootstrap(settings)
        check_identity_key(services.sessions, services.vault)
    except ConfigError as e:
        print(e.message, file=sys.stderr)
        return 2
    try:
        if args.webhook:
            run_webhook(settings, config, services)
        else:
            asyncio.run(run_polling(settings, config, services))
    except ConfigError as e:
        print(e.message, file=sys.stderr)
        return 2
    finally:
        services.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
