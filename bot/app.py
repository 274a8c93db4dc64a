"""Build the Dispatcher; services reach handlers as workflow data, never through module globals."""
from __future__ import annotations

import asyncio

from aiogram import Dispatcher, F, Router
from aiogram.filters import Command, CommandStart
from aiogram.fsm.storage.base import BaseStorage
from aiogram.fsm.storage.memory import MemoryStorage
from aiogram.types import Message

from core.bootstrap import Services

from .views import centres_text

WELCOME = (
    "您好！这里是兰台档案查询服务。\n"
    "婚姻登记、学籍、招工工龄、知青、退伍安置等民生档案，可就近查询、就近出证。\n"
    "在线查档、申请和预约功能正在建设中；现在请携带身份证到就近的服务中心窗口办理。\n"
    "发送 /help 查看可用功能。"
)
HELP = "可用命令：\n/start 开始\n/help 帮助\n/centres 服务中心地址和办公时间"


def _start_router() -> Router:
    router = Router(name="start")

    @router.message(CommandStart())
    async def start(message: Message) -> None:
        await message.answer(WELCOME)

    @router.message(Command("help"))
    async def help_(message: Message) -> None:
        await message.answer(HELP)

    @router.message(Command("centres"))
    async def centres(message: Message, services: Services) -> None:
        await message.answer(await asyncio.to_thread(centres_text, services))

    @router.message(F.text)
    async def fallback(message: Message) -> None:
        await message.answer("抱歉，智能问答功能还在建设中。发送 /help 查看现在能办的事。")

    return router


def create_dispatcher(services: Services, storage: BaseStorage | None = None) -> Dispatcher:
    """A Dispatcher with every router attached and the services available to handlers as `services`."""
    dp = Dispatcher(storage=storage or MemoryStorage(), services=services)
    dp.include_routers(_start_router())
    return dp
