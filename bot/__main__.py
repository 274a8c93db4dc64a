"""`python -m bot`: long-poll the Bot API (Telegram's, or BOT_API_BASE when set)."""
from __future__ import annotations

import asyncio
import logging
import sys

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.utils.token import TokenValidationError

from core.bootstrap import bootstrap
from core.deployment import check_identity_key
from core.errors import ConfigError
from core.logs import configure_logging
from core.settings import Settings

from .app import create_dispatcher

MISSING_TOKEN = (
    "未设置 BOT_TOKEN：请先向 @BotFather 申请机器人令牌，再以 BOT_TOKEN=... python -m bot 启动。\n"
    "BOT_TOKEN is not set: get a bot token from @BotFather and start with BOT_TOKEN=... python -m bot"
)
BAD_TOKEN = (
    "BOT_TOKEN 格式不对：应形如 123456789:AA…（@BotFather 给出的整串）。\n"
    "BOT_TOKEN is malformed: it looks like 123456789:AA… as given by @BotFather."
)


async def run(settings: Settings) -> None:
    session = AiohttpSession(api=TelegramAPIServer.from_base(settings.bot_api_base)) if settings.bot_api_base else None
    bot = Bot(settings.bot_token, session=session)
    services = bootstrap(settings)
    check_identity_key(services.sessions, services.vault)
    try:
        await create_dispatcher(services).start_polling(bot, handle_signals=True)
    finally:
        services.dispose()


def main() -> int:
    try:
        settings = Settings.from_env()
    except ConfigError as e:
        print(e.message, file=sys.stderr)
        return 2
    if not settings.bot_token:
        print(MISSING_TOKEN, file=sys.stderr)
        return 2
    configure_logging(logging.INFO)
    try:
        asyncio.run(run(settings))
    except TokenValidationError:
        print(BAD_TOKEN, file=sys.stderr)
        return 2
    except ConfigError as e:
        print(e.message, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
