"""The bot answers through a real Dispatcher; without a token it says so in Chinese and English."""
import asyncio

import pytest
import subprocess
import sys
from datetime import datetime, timezone

from aiogram import Bot
from aiogram.types import Chat, Message, Update, User

from bot.app import create_dispatcher
from core.models import ServiceCentre
from tests.bot.fake_session import RecordingSession
from tests.conftest import ROOT

ALL_WEEK = {d: [["08:30", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


def say(services, text: str) -> list[str]:
    session = RecordingSession()
    bot = Bot("42:TEST", session=session)
    dp = create_dispatcher(services)
    user = User(id=7, is_bot=False, first_name="张", language_code="zh-hans")
    message = Message(message_id=1, date=datetime.now(timezone.utc), chat=Chat(id=7, type="private"),
                      from_user=user, text=text)
    asyncio.run(dp.feed_update(bot, Update(update_id=1, message=message)))
    return session.texts()


def test_start_welcomes_in_chinese(services):
    [reply] = say(services, "/start")
    assert "兰台档案查询服务" in reply


def test_centres_lists_addresses_and_todays_hours(services):
    with services.sessions.begin() as s:
        s.add(ServiceCentre(code="C01", name="城关镇便民服务中心", township="城关镇", address="人民路1号",
                            phone="0580-1234567", latitude=30.0, longitude=122.0, hours=ALL_WEEK))
    [reply] = say(services, "/centres")
    assert "城关镇便民服务中心" in reply and "人民路1号" in reply and "08:30–17:00" in reply


def test_free_text_gets_a_polite_pointer_to_help(services):
    [reply] = say(services, "我想查1985年的结婚登记")
    assert "/help" in reply


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
