"""The bot through a real Dispatcher: commands, languages, keyboards, location, rate limit, errors, start-up checks."""
import logging
import time
import uuid
import subprocess
import sys

import pytest

from bot.i18n import language_of
from bot.keyboards import CALLBACK_LIMIT
from bot.ratelimit import MemoryLimiter, Rate, RedisLimiter
from core.models import ServiceCentre
from tests.bot import stub_dialogue
from tests.bot.driver import ChatDriver
from tests.conftest import ROOT

ALL_WEEK = {d: [["08:30", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


@pytest.fixture
def chat(services):
    driver = ChatDriver(services)
    yield driver
    driver.close()


def add_centre(services, code, name, lat, lon, hours=ALL_WEEK, **extra):
    with services.sessions.begin() as s:
        s.add(ServiceCentre(code=code, name=name, township=name[:3], address=f"{name}人民路1号", phone="0580-1234567",
                            latitude=lat, longitude=lon, hours=hours, **extra))


def test_start_welcomes_in_chinese_and_in_english_for_english_clients(services, chat):
    [reply] = chat.say("/start")
    assert "兰台档案查询服务" in reply
    english = ChatDriver(services, chat_id=8, language_code="en-US")
    try:
        [reply] = english.say("/start")
        assert "archive inquiry service" in reply
    finally:
        english.close()


@pytest.mark.parametrize("code, lang", [("zh-hans", "zh"), ("zh-hant", "zh"), ("zh", "zh"), ("en", "en"),
                                        ("en-GB", "en"), (None, "zh"), ("ru", "zh")])
def test_telegram_language_codes_map_to_chinese_unless_english(code, lang):
    assert language_of(code) == lang


def test_lang_switches_the_bots_language_and_the_dialogues(chat):
    assert "/search" in chat.say("/help")[0] and "查档案目录" in chat.say("/help")[0]
    assert chat.say("/lang en") == ["OK, I will reply in English from now on."]
    assert "search the catalogue" in chat.say("/help")[0]
    assert chat.say("你好")[0].endswith("（en）")  # the dialogue engine is asked in English too
    chat.say("/lang")
    chat.press("中文")
    edited = [m for m in chat.session.sent if type(m).__name__ == "EditMessageText"]
    assert edited[-1].text == "好的，以后用中文回复您。"
    assert chat.say("你好")[0].endswith("（zh）")


def test_centres_lists_addresses_and_todays_hours(services, chat):
    add_centre(services, "C01", "城关镇便民服务中心", 30.0, 122.0)
    [reply] = chat.say("/centres")
    assert "城关镇便民服务中心" in reply and "人民路1号" in reply and "08:30–17:00" in reply


def test_free_text_goes_to_the_dialogue_which_keeps_its_state_between_messages(chat):
    assert chat.say("我想问个事")[0] == "收到：我想问个事（zh）"
    assert chat.say("第二句")[0] == "收到：第二句（zh）"
    assert chat.data()["dialogue"] == {"turns": 2}
    chat.say("/start")  # starts afresh
    assert chat.data()["dialogue"] is None


def test_one_users_quick_messages_are_answered_in_order_from_the_saved_state(services):
    def slow_first(services, text, **kw):
        if text == "慢":
            time.sleep(0.3)  # provokes the race: the second message arrives while the first is being answered
        return stub_dialogue.answer(services, text, **kw)

    chat = ChatDriver(services, dialogue=slow_first)
    try:
        assert chat.say_together("慢", "快") == ["收到：慢（zh）", "收到：快（zh）"]
        assert chat.data()["dialogue"] == {"turns": 2}
    finally:
        chat.close()


def test_shared_location_lists_the_three_nearest_centres_with_distance_and_todays_hours(services, chat):
    add_centre(services, "C01", "城关镇便民服务中心", 29.000, 120.000)
    add_centre(services, "C02", "河上镇便民服务中心", 29.010, 120.000)  # ≈ 1.1 km north
    add_centre(services, "C03", "沈家门便民服务中心", 29.100, 120.000, hours={})  # ≈ 11 km, closed every day
    add_centre(services, "C04", "远山乡便民服务中心", 30.000, 120.000)  # ≈ 111 km: not among the three
    [reply] = chat.share_location(29.0005, 120.0)
    assert reply.index("城关镇") < reply.index("河上镇") < reply.index("沈家门")
    assert "远山乡" not in reply
    assert "约 0.1 公里" in reply and "约 1.1 公里" in reply and "约 11.1 公里" in reply
    assert "今日：08:30–17:00" in reply and "今日：休息" in reply


def test_when_the_dialogue_wants_a_location_the_bot_offers_the_location_button(chat):
    chat.say("附近")
    markup = chat.session.sent[-1].reply_markup
    [[button]] = markup.keyboard
    assert button.request_location and button.text == "📍 发送我的位置"
    chat.share_location(29.0, 120.0)
    assert chat.session.sent[-1].reply_markup.remove_keyboard  # and takes it away after


def test_a_long_button_value_travels_through_a_short_key(chat):
    chat.say("长按钮")
    keyboard = dict(chat.last_keyboard())
    assert all(len(data.encode()) <= CALLBACK_LIMIT for data in keyboard.values())
    assert chat.press("长选项") == [f"您选了：{stub_dialogue.LONG_VALUE}"]


def test_a_button_the_bot_no_longer_knows_is_answered_politely(chat):
    sent = chat.press_data("k:0123456789abcdef")
    assert sent[-1].text == "这个按钮已失效，请重新发送您的问题。" and sent[-1].show_alert


def test_pressing_a_button_removes_the_keyboard_it_was_on(chat):
    chat.say("长按钮")
    chat.press("短")
    assert any(type(m).__name__ == "EditMessageReplyMarkup" and m.reply_markup is None for m in chat.session.sent)


def test_too_many_messages_get_one_polite_answer_then_silence(services):
    chat = ChatDriver(services, limiter=MemoryLimiter(Rate(limit=3, window=3600)))
    try:
        replies = [chat.say(f"第{i}句") for i in range(5)]
    finally:
        chat.close()
    assert [len(r) for r in replies[:3]] == [1, 1, 1]
    assert replies[3] == ["您发送得有点快，请稍等片刻再发，我们会逐条为您办理。"]
    assert replies[4] == []


def test_the_rate_limit_can_be_counted_in_redis_for_several_bot_processes(services):
    import redis
    import redis.asyncio

    url, prefix = "redis://127.0.0.1:6379/0", f"lantai:test-rate:{uuid.uuid4().hex}"
    try:
        redis.Redis.from_url(url).ping()
    except redis.RedisError as e:
        pytest.skip(f"Redis at {url} is not reachable ({e})")
    rate = Rate(limit=2, window=3600)
    clients = [redis.asyncio.Redis.from_url(url), redis.asyncio.Redis.from_url(url)]
    first, second = (ChatDriver(services, limiter=RedisLimiter(c, rate, prefix=prefix)) for c in clients)
    try:
        assert len(first.say("一")) == 1 and len(second.say("二")) == 1  # one user, two processes
        assert second.say("三") == ["您发送得有点快，请稍等片刻再发，我们会逐条为您办理。"]
    finally:
        for driver, client in zip((first, second), clients):
            driver.run(client.aclose())
            driver.close()
        client = redis.Redis.from_url(url)
        for key in client.scan_iter(prefix + ":*"):
            client.delete(key)


def test_a_domain_error_shows_its_chinese_message(chat):
    assert chat.say("领域错误") == ["这是一个领域错误。"]


def test_a_bug_is_apologised_for_and_logged_without_the_id_number(chat, caplog):
    with caplog.at_level(logging.ERROR, logger="lantai.bot"):
        [reply] = chat.say("坏了")
    assert "系统刚才出了点问题" in reply
    assert "RuntimeError" in caplog.text and "stub failure" in caplog.text
    assert "11010519491231002X" not in caplog.text and "110105********002X" in caplog.text


def test_other_kinds_of_message_get_a_pointer_to_words(chat):
    from aiogram.types import Sticker
    sent = chat._feed(message=chat._message(sticker=Sticker(file_id="s", file_unique_id="s", type="regular",
                                                             width=1, height=1, is_animated=False,
                                                             is_video=False)))
    assert "文字" in sent[-1].text


@pytest.mark.parametrize("token, chinese, english", [
    (None, "未设置 BOT_TOKEN", "BOT_TOKEN is not set"),
    ("abc", "BOT_TOKEN 格式不对", "BOT_TOKEN is malformed"),
])
def test_missing_or_malformed_token_is_explained_in_chinese_and_english(tmp_path, token, chinese, english):
    env = {"PATH": "/usr/bin:/bin", "LANTAI_DATA_DIR": str(tmp_path)}
    if token:
        env["BOT_TOKEN"] = token
    done = subprocess.run([sys.executable, "-m", "bot"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert chinese in done.stderr and english in done.stderr and "Traceback" not in done.stderr


def test_webhook_mode_without_url_or_secret_says_what_to_set(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "LANTAI_DATA_DIR": str(tmp_path), "BOT_TOKEN": "42:TEST"}
    done = subprocess.run([sys.executable, "-m", "bot", "--webhook"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2 and "WEBHOOK_URL" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("env, message", [
    ({"BOT_RATE_LIMIT": "many"}, "BOT_RATE_LIMIT 应写成「条数/秒数」"),
    ({"BOT_PORT": "http"}, "BOT_PORT 应为端口号"),
])
def test_bad_bot_settings_are_explained_in_chinese(env, message):
    from bot.config import BotConfig
    from core.errors import ConfigError

    with pytest.raises(ConfigError, match=message):
        BotConfig.from_env(env)
    assert BotConfig.from_env({"BOT_RATE_LIMIT": "5/10"}).rate == Rate(5, 10)
