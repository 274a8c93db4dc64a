"""Build the Dispatcher; services reach handlers as workflow data, never through module globals."""
from __future__ import annotations

from aiogram import Dispatcher
from aiogram.fsm.storage.base import BaseStorage
from aiogram.fsm.storage.memory import MemoryStorage

from core.bootstrap import Services

from .conversation import default_dialogue
from .errors import on_error
from .handlers import routers
from .middlewares import LanguageMiddleware, OneAtATime, RateLimitMiddleware
from .ratelimit import MemoryLimiter, Rate


def create_dispatcher(services: Services, storage: BaseStorage | None = None, *, dialogue=None,
                      limiter=None) -> Dispatcher:
    """A Dispatcher with every router attached.

    Handlers receive `services` (core), `dialogue` (the engine's `answer`; core.dialogue by default) and `lang`.
    `storage` keeps each user's conversation (memory by default); `limiter` counts messages per user.
    """
    dp = Dispatcher(storage=storage or MemoryStorage(), services=services, dialogue=dialogue or default_dialogue())
    limiter = limiter or MemoryLimiter(Rate())
    serial = OneAtATime()
    for observer in (dp.message, dp.callback_query):
        observer.outer_middleware(LanguageMiddleware())
        observer.outer_middleware(RateLimitMiddleware(limiter))
        observer.outer_middleware(serial)
    dp.errors.register(on_error)
    dp.include_routers(*routers())
    return dp
