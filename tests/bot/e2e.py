"""Run `python -m bot` as a separate process against the fake Bot API, on the test database and data directory."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from contextlib import contextmanager

from tests.bot.fake_api import FakeBotAPI
from tests.conftest import ROOT

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bot_env(settings, api: FakeBotAPI, token: str = "42:TEST", **extra) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("LANTAI_", "DATABASE_URL", "BOT_", "REDIS_URL", "WEBHOOK_"))}
    env.update(LANTAI_DATA_DIR=str(settings.data_dir), DATABASE_URL=settings.database_url, PYTHONPATH=str(ROOT),
               BOT_TOKEN=token, BOT_API_BASE=api.base, BOT_NOTIFY_SECONDS="0.2",
               BOT_RATE_LIMIT="1000/60")  # a script types faster than people
    env.update({k: str(v) for k, v in extra.items()})
    return env


@contextmanager
def running_bot(settings, api: FakeBotAPI, log_path, *args: str, ready: str = "getUpdates", **env):
    """Start the bot process, wait until it talks to the API (`ready` method seen), stop it with SIGTERM after."""
    seen = sum(1 for c in api.calls if c.method == ready)
    command = [sys.executable, "-m", "bot", *args]
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(command, cwd=ROOT, env=bot_env(settings, api, **env), stdout=log, stderr=log)
    try:
        api.wait_for(lambda: proc.poll() is not None or sum(1 for c in api.calls if c.method == ready) > seen,
                     what="the bot to start")
        assert proc.poll() is None, open(log_path, encoding="utf-8", errors="replace").read()
        yield proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
