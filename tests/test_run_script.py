"""`make run` (scripts/run.sh) serves the archive and stops all it started, whether by Ctrl+C or by a TERM."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["term-to-the-script", "ctrl-c-to-the-group"])
def test_run_serves_and_stops_everything_it_started(tmp_path, sig):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "TEST_DATABASE_URL", "BOT_TOKEN")}
    env.update(LANTAI_DATA_DIR=str(tmp_path / "data"), PORT=str(port), DEMO_RECORDS="200",
               PATH=f"{Path(sys.executable).parent}:{env.get('PATH', '')}")
    log = (tmp_path / "run.log").open("w+")
    script = subprocess.Popen(["bash", "scripts/run.sh"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)  # its own process group, as a terminal would give it
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if script.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"make run did not start:\n{log.read()[-3000:]}")
            time.sleep(0.5)
        if sig == signal.SIGTERM:
            script.send_signal(sig)  # to the script alone: it must pass the stop on
        else:
            os.killpg(script.pid, sig)  # Ctrl+C: the terminal signals the whole group
        script.wait(timeout=30)
        deadline = time.monotonic() + 30
        while _group_alive(script.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        log.seek(0)
        assert not _group_alive(script.pid), f"left running after make run stopped:\n{log.read()[-2000:]}"
        with pytest.raises(OSError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
    finally:
        if _group_alive(script.pid):
            os.killpg(script.pid, signal.SIGKILL)
        log.close()
