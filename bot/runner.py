"""Run the bot: long polling (one process) or a webhook server (several processes behind a load balancer).

Both modes share the wiring: Bot API server (BOT_API_BASE or Telegram's), FSM storage (Redis when REDIS_URL is
set, else memory), the rate limiter (Redis or memory), the command menu, and the notifier loop, which starts with
the Dispatcher and stops with it.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder
from aiogram.fsm.storage.memory import MemoryStorage
from aiogram.types import BotCommand

from core.bootstrap import Services
from core.settings import Settings

from .app import create_dispatcher
from .config import BotConfig
from .i18n import COMMANDS
from .notifier import Notifier
from .ratelimit import MemoryLimiter, RedisLimiter

log = logging.getLogger("lantai.bot")
STATE_TTL = timedelta(days=30)  # a conversation untouched this long (and its language choice) is forgotten


def make_bot(settings: Settings) -> Bot:
    """A Bot talking to BOT_API_BASE when set, Telegram otherwise."""
    session = AiohttpSession(api=TelegramAPIServer.from_base(settings.bot_api_base)) if settings.bot_api_base else None
    return Bot(settings.bot_token, session=session)


def make_storage(settings: Settings) -> BaseStorage:
    """Redis when REDIS_URL is set (state survives restarts, instances share it), else memory."""
    if not settings.redis_url:
        return MemoryStorage()
    from aiogram.fsm.storage.redis import RedisStorage

    return RedisStorage.from_url(settings.redis_url, key_builder=DefaultKeyBuilder(with_bot_id=True),
                                 state_ttl=STATE_TTL, data_ttl=STATE_TTL)


def build(settings: Settings, config: BotConfig, services: Services, bot: Bot) -> Dispatcher:
    """The Dispatcher with storage, limiter and the notifier hooked to its start and stop."""
    storage = make_storage(settings)
    redis = getattr(storage, "redis", None)
    limiter = RedisLimiter(redis, config.rate, prefix=f"lantai:rate:{bot.id}") if redis else MemoryLimiter(config.rate)
    dp = create_dispatcher(services, storage, limiter=limiter)
    notifier = Notifier(bot, services, interval=config.notify_seconds)
    tasks: list[asyncio.Task] = []

    async def on_startup() -> None:
        await set_commands(bot)
        tasks.append(asyncio.create_task(notifier.run(), name="outbox-notifier"))
        tasks.append(asyncio.create_task(asyncio.to_thread(warm_up, services), name="warm-up"))
        log.info("bot started (%s storage)", "Redis" if redis else "memory")

    async def on_shutdown() -> None:
        for task in tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await dp.storage.close()

    dp.startup.register(on_startup)
    dp.shutdown.register(on_shutdown)
    return dp


def warm_up(services: Services) -> None:
    """Load the engine's dictionaries and indexes now, so the first citizen does not wait a second and a half."""
    try:
        from core.dialogue import classify

        classify(services, "你好")
    except Exception:  # noqa: BLE001 - a cold start is slower, not broken
        log.exception("warming up the dialogue engine failed")


async def set_commands(bot: Bot) -> None:
    """The command menu: Chinese for everyone, English for English clients."""
    for lang, commands in COMMANDS.items():
        await bot.set_my_commands([BotCommand(command=c, description=d) for c, d in commands],
                                  language_code=None if lang == "zh" else lang)


async def run_polling(settings: Settings, config: BotConfig, services: Services) -> None:
    """Long-poll getUpdates until SIGINT/SIGTERM."""
    bot = make_bot(settings)
    dp = build(settings, config, services, bot)
    await bot.delete_webhook(drop_pending_updates=False)  # a webhook left set would make getUpdates fail
    await dp.start_polling(bot, handle_signals=True)


def run_webhook(settings: Settings, config: BotConfig, services: Services) -> None:
    """Serve the webhook on BOT_HOST:BOT_PORT (and /healthz for the load balancer) until SIGINT/SIGTERM."""
    from aiohttp import web
    from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application

    config.check_webhook()
    bot = make_bot(settings)
    dp = build(settings, config, services, bot)

    async def register_webhook() -> None:
        # every instance sets the same URL and secret: harmless, and the first one up makes it right
        await bot.set_webhook(config.webhook_url, secret_token=config.webhook_secret,
                              allowed_updates=dp.resolve_used_update_types())

    async def healthz(_request) -> web.Response:
        return web.Response(text="ok")

    dp.startup.register(register_webhook)
    app = web.Application()
    app.router.add_get("/healthz", healthz)
    SimpleRequestHandler(dispatcher=dp, bot=bot, secret_token=config.webhook_secret).register(
        app, path=config.webhook_path)
    setup_application(app, dp, bot=bot)
    log.info("webhook server on %s:%s%s", config.host, config.port, config.webhook_path)
    web.run_app(app, host=config.host, port=config.port, print=None)
