"""A local fake of the Telegram Bot API (aiohttp on 127.0.0.1), for running `python -m bot` end to end.

The test pushes updates (messages, button presses, locations) that the bot fetches with getUpdates, and reads
back every call the bot made (sendMessage, sendDocument with its file, editMessageReplyMarkup …).
"""
from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from dataclasses import dataclass, field

from aiohttp import web

BOT_USER = {"id": 42, "is_bot": True, "first_name": "兰台", "username": "lantai_test_bot"}
INT_FIELDS = {"chat_id", "message_id", "offset", "limit", "timeout"}


@dataclass
class Call:
    method: str
    params: dict
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)

    @property
    def chat_id(self):
        return self.params.get("chat_id")

    @property
    def text(self) -> str:
        return self.params.get("text") or self.params.get("caption") or ""

    def buttons(self) -> list[tuple[str, str]]:
        """(label, callback data) of an inline keyboard."""
        markup = self.params.get("reply_markup") or {}
        return [(b["text"], b.get("callback_data")) for row in markup.get("inline_keyboard", []) for b in row]


class FakeBotAPI:
    def __init__(self):
        self.calls: list[Call] = []
        self._updates: list[dict] = []
        self._lock = threading.Condition()
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- running -------------------------------------------------------------------------------------------
    def start(self) -> "FakeBotAPI":
        ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, args=(ready,), daemon=True)
        self._thread.start()
        ready.wait(10)
        return self

    def _serve(self, ready: threading.Event) -> None:
        self._loop = asyncio.new_event_loop()
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_post("/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app)
        self._loop.run_until_complete(self._runner.setup())
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        self._loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]
        ready.set()
        self._loop.run_forever()

    def stop(self) -> None:
        if self._loop:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- the test's side -----------------------------------------------------------------------------------
    def push(self, **update) -> None:
        with self._lock:
            self._updates.append({"update_id": next(self._update_ids), **update})
            self._lock.notify_all()

    def _user(self, chat_id: int, language_code: str) -> dict:
        return {"id": chat_id, "is_bot": False, "first_name": "市民", "language_code": language_code}

    def say(self, chat_id: int, text: str, *, language_code: str = "zh-hans") -> None:
        """The user types a message (commands too)."""
        message = {"message_id": next(self._message_ids), "date": int(time.time()),
                   "chat": {"id": chat_id, "type": "private"}, "from": self._user(chat_id, language_code),
                   "text": text}
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        self.push(message=message)

    def press(self, chat_id: int, call: Call, label: str, *, language_code: str = "zh-hans") -> None:
        """The user presses the inline button with this label under the message `call` sent."""
        data = dict(call.buttons())[label]
        message = {"message_id": call.params["_message_id"], "date": int(time.time()),
                   "chat": {"id": chat_id, "type": "private"}, "from": BOT_USER, "text": call.text}
        self.push(callback_query={"id": str(next(self._message_ids)), "from": self._user(chat_id, language_code),
                                  "chat_instance": "1", "message": message, "data": data})

    def share_location(self, chat_id: int, lat: float, lon: float) -> None:
        self.push(message={"message_id": next(self._message_ids), "date": int(time.time()),
                           "chat": {"id": chat_id, "type": "private"}, "from": self._user(chat_id, "zh-hans"),
                           "location": {"latitude": lat, "longitude": lon}})

    def sent(self, chat_id: int | None = None, methods=("sendMessage", "sendDocument")) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method in methods and (chat_id is None or c.chat_id == chat_id)]

    def wait_for(self, predicate, timeout: float = 60.0, what: str = "the bot"):
        """Block until predicate() is truthy (returning it); a generous limit only catches a bot that hangs."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                result = predicate()
                if result:
                    return result
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"waited {timeout:.0f} s for {what}; calls: "
                                         f"{[(c.method, c.text[:60]) for c in self.calls[-10:]]}")
                self._lock.wait(min(left, 0.5))

    def reply_to(self, chat_id: int, after: int, timeout: float = 60.0, count: int = 1) -> list[Call]:
        """Wait for the bot's next `count` messages to the chat after the first `after` ones; return them."""
        return self.wait_for(lambda: (lambda got: got[after:] if len(got) >= after + count else None)(
            self.sent(chat_id)), timeout, f"{count} message(s) to chat {chat_id}")

    # -- the bot's side ------------------------------------------------------------------------------------
    async def _params(self, request: web.Request) -> tuple[dict, dict]:
        params, files = {}, {}
        if request.content_type == "application/json":
            return await request.json(), files
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, web.FileField):
                files[key] = (value.filename, value.file.read())
            elif key in INT_FIELDS and value.lstrip("-").isdigit():
                params[key] = int(value)
            elif value[:1] in "{[":
                params[key] = json.loads(value)
            else:
                params[key] = value
        return params, files

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params, files = await self._params(request)
        if method.lower() == "getupdates":
            return web.json_response({"ok": True, "result": await self._get_updates(params)})
        result = self._result(method, params, files)
        with self._lock:
            self.calls.append(Call(method, params, files))
            self._lock.notify_all()
        return web.json_response({"ok": True, "result": result})

    async def _get_updates(self, params: dict) -> list[dict]:
        offset, deadline = params.get("offset", 0), time.monotonic() + min(params.get("timeout", 0), 2)
        with self._lock:
            self.calls.append(Call("getUpdates", params))
            self._updates = [u for u in self._updates if u["update_id"] >= offset]  # older ones are confirmed
            self._lock.notify_all()
        while True:
            with self._lock:
                if self._updates or time.monotonic() >= deadline:
                    return list(self._updates)
            await asyncio.sleep(0.02)

    def _result(self, method: str, params: dict, files: dict):
        name = method.lower()
        if name == "getme":
            return BOT_USER
        if name in ("sendmessage", "senddocument", "editmessagetext", "editmessagereplymarkup"):
            message_id = params.get("message_id") or next(self._message_ids)
            params["_message_id"] = message_id
            message = {"message_id": message_id, "date": int(time.time()), "from": BOT_USER,
                       "chat": {"id": params.get("chat_id"), "type": "private"}}
            if "text" in params:
                message["text"] = params["text"]
            if name == "senddocument":
                attached = params.get("document", "").removeprefix("attach://")
                filename = files.get(attached, ("file",))[0]
                message.update(caption=params.get("caption"),
                               document={"file_id": "F1", "file_unique_id": "U1", "file_name": filename})
            return message
        return True  # answerCallbackQuery, setMyCommands, deleteWebhook, setWebhook …
