"""End to end: `python -m bot` long-polls a fake Bot API on 127.0.0.1; whole conversations, as a user sees them."""
import json
import time
import urllib.error
import urllib.request
import uuid

import pytest

from core import binding
from tests.bot.e2e import free_port, running_bot
from tests.bot.fake_api import FakeBotAPI
from tests.bot.scripts import APPLY, BOOK, RIGHT_ID, WRONG_ID_STEP, converse
from tests.core.application_factories import move, submit
from tests.core.appointment_factories import make_centre
from tests.core.certificate_factories import issue, make_records


@pytest.fixture
def api():
    server = FakeBotAPI().start()
    yield server
    server.stop()


@pytest.fixture
def log_path(tmp_path):
    return tmp_path / "bot.log"


class User:
    """One citizen typing into one chat, reading what the bot sends back."""

    def __init__(self, api: FakeBotAPI, chat_id: int):
        self.api, self.chat_id = api, chat_id

    def says(self, text: str, count: int = 1) -> list[str]:
        before = len(self.api.sent(self.chat_id))
        self.api.say(self.chat_id, text)
        return [c.text for c in self.api.reply_to(self.chat_id, before, count=count)]

    def presses(self, label: str, count: int = 1) -> list[str]:
        keyboard = [c for c in self.api.sent(self.chat_id) if c.buttons()][-1]
        before = len(self.api.sent(self.chat_id))
        self.api.press(self.chat_id, keyboard, label)
        return [c.text for c in self.api.reply_to(self.chat_id, before, count=count)]

    def shares_location(self, lat: float, lon: float) -> list[str]:
        before = len(self.api.sent(self.chat_id))
        self.api.share_location(self.chat_id, lat, lon)
        return [c.text for c in self.api.reply_to(self.chat_id, before)]

    def last_buttons(self) -> list[str]:
        return [label for label, _ in [c for c in self.api.sent(self.chat_id) if c.buttons()][-1].buttons()]

    def waits_for(self, predicate, what: str):
        return self.api.wait_for(lambda: [c for c in self.api.sent(self.chat_id) if predicate(c)], what=what)

    def all_texts(self) -> list[str]:
        return [c.text for c in self.api.sent(self.chat_id)]


def test_search_apply_status_book_and_location_in_one_bot_process(indexed, api, log_path):
    services = indexed
    make_centre(services, "C01")
    make_centre(services, "C02", name="河上镇便民服务中心", latitude=29.3)
    with running_bot(services.settings, api, log_path):
        assert any(c.method == "setMyCommands" for c in api.calls)
        user = User(api, 1001)
        [welcome] = user.says("/start")
        assert "兰台档案查询服务" in welcome

        [found] = user.says("查县革命委员会防汛的文件")
        assert "县革命委员会关于防汛抗旱工作的通知" in found and "C038-001-002-003" in found
        [restricted] = user.says("我想查1985年张伟的结婚登记")
        assert "婚姻登记" in restricted and "未开放" in restricted and "李娜" not in restricted

        replies = converse(user, APPLY)
        assert "校验位不符" in replies[WRONG_ID_STEP][0]
        assert any(c.method == "editMessageReplyMarkup" for c in api.calls)  # a pressed keyboard is taken away
        # the engine's answer and the outbox's official notice (which may overtake it) both arrive
        [done] = user.waits_for(lambda c: "申请已提交" in c.text, "the engine's confirmation")
        [notice] = user.waits_for(lambda c: c.text.startswith("您的查档申请已提交"), "the official notice")
        code = notice.text.split("取件码 ")[1].split("，")[0]
        assert code in done.text

        user.says("/status")
        [status] = user.says(code)
        assert "已提交" in status

        *_, [booked] = converse(user, BOOK, centre="城关镇")
        assert "预约成功" in booked and "取消码" in booked
        user.waits_for(lambda c: c.text.startswith("预约成功：城关镇便民服务中心C01"), "the booking notice")

        [nearest] = user.shares_location(29.1, 119.6)
        assert nearest.startswith("离您最近的服务中心：") and "约 0.0 公里" in nearest and "今日" in nearest
        assert not [t for t in user.all_texts() if RIGHT_ID in t]  # the full ID number is never echoed
    assert RIGHT_ID not in log_path.read_text(encoding="utf-8")


def test_bind_then_the_certificate_arrives_as_a_document(services, api, log_path):
    centre = make_centre(services)
    application = submit(services, centre.id, chat_id=None)  # applied and identified at a kiosk
    code = binding.create_binding_code(services, application.citizen_id)
    with running_bot(services.settings, api, log_path):
        user = User(api, 1002)
        api.say(1002, f"/start bind_{code}")
        user.waits_for(lambda c: c.text.startswith("绑定成功！张*"), "the binding to be confirmed")
        user.waits_for(lambda c: "您的查档申请已提交" in c.text, "the notice that waited for a chat")
        move(services, application.id, "in_review", "approved")
        make_records(services)
        with services.sessions() as s:
            issue(services, application=s.get(type(application), application.id))
        move(services, application.id, "issued")
        [document] = user.waits_for(lambda c: c.method == "sendDocument", "the certificate")
        name, pdf = document.files[document.params["document"].removeprefix("attach://")]
        assert name.startswith("LT-") and name.endswith(".pdf") and pdf.startswith(b"%PDF")
        assert "查档证明" in document.text and "已出具" in document.text
        assert user.says(f"/start bind_{code}")[0].startswith("这个绑定码已经用过了")


def _redis_or_skip(url):
    import redis

    try:
        redis.Redis.from_url(url).ping()
    except redis.RedisError as e:
        pytest.skip(f"Redis at {url} is not reachable ({e}); the restart test needs it")
    return redis.Redis.from_url(url)


def test_a_redis_backed_conversation_survives_a_bot_restart(services, api, log_path):
    url = "redis://127.0.0.1:6379/0"
    client = _redis_or_skip(url)
    bot_id = 700000000 + uuid.uuid4().int % 100000000  # keys are per bot: this test's own
    token = f"{bot_id}:TEST"
    stop = APPLY.index("1985")
    try:
        user = User(api, 1003)
        with running_bot(services.settings, api, log_path, REDIS_URL=url, token=token):
            converse(user, APPLY[:stop])  # category, relation and names given
        with running_bot(services.settings, api, log_path, REDIS_URL=url, token=token):
            [asked] = user.says("1985")  # the new process goes on with the form where it was: place comes next
            assert "乡镇" in asked and "没有听懂" not in asked
            converse(user, APPLY[stop + 1:])
            user.waits_for(lambda c: "申请已提交" in c.text, "the engine's confirmation")
        assert client.keys(f"fsm:{bot_id}:*")
    finally:
        for key in client.scan_iter(f"*:{bot_id}:*"):
            client.delete(key)


def test_webhook_mode_takes_updates_with_the_secret_only(services, api, log_path):
    port = free_port()
    with running_bot(services.settings, api, log_path, "--webhook", ready="setWebhook",
                     WEBHOOK_URL="https://bot.example.org/tg/hook", WEBHOOK_SECRET="s3cret-token", BOT_PORT=port):
        [hook] = [c for c in api.calls if c.method == "setWebhook"]
        assert hook.params["url"] == "https://bot.example.org/tg/hook" and hook.params["secret_token"] == "s3cret-token"
        update = {"update_id": 1, "message": {"message_id": 1, "date": 0, "chat": {"id": 1004, "type": "private"},
                                              "from": {"id": 1004, "is_bot": False, "first_name": "市民"},
                                              "text": "/help", "entities": [{"type": "bot_command", "offset": 0,
                                                                              "length": 5}]}}

        def post(secret):
            request = urllib.request.Request(f"http://127.0.0.1:{port}/tg/hook", data=json.dumps(update).encode(),
                                             headers={"Content-Type": "application/json",
                                                      "X-Telegram-Bot-Api-Secret-Token": secret})
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    return response.status
            except urllib.error.HTTPError as e:
                return e.code

        for _ in range(300):  # the server comes up right after setWebhook
            if _healthy(port):
                break
            time.sleep(0.1)
        assert post("wrong") == 401
        assert post("s3cret-token") == 200
        [reply] = User(api, 1004).waits_for(lambda c: c.method == "sendMessage", "the answer to /help")
        assert "/search" in reply.text


def _healthy(port) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
            return response.read() == b"ok"
    except OSError:
        return False
