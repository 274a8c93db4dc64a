"""`python -m bot`: long-poll the Bot API (Telegram's, or BOT_API_BASE when set)."""
from __future__ import annotations

import asyncio
import logging
import sys

from core.bootstrap import bootstrap
from core.logs import configure_logging
from core.settings import Settings

MISSING_TOKEN = (
    "未设置 BOT_TOKEN：请先向 @BotFather 申请机器人令牌，再以 BOT_TOKEN=... python -m bot 启动。\n"
    "BOT_TOKEN is not set: get a bot token from @BotFather and start with BOT_TOKEN=... python -m bot"
)


async def run(settings: Settings) -> None:
    from aiogram import Bot
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer

    from .app import create_dispatcher

    session = AiohttpSession(api=TelegramAPIServer.from_base(settings.bot_api_base)) if settings.bot_api_base else None
    bot = Bot(settings.bot_token, session=session)
    services = bootstrap(settings)
    try:
        await create_dispatcher(services).start_polling(bot, handle_signals=True)
    finally:
        services.dispose()


def main() -> int:
    settings = Settings.from_env()
    if not settings.bot_token:
        print(MISSING_TOKEN, file=sys.stderr)
        return 2
    configure_logging(logging.INFO)
    asyncio.run(run(settings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
