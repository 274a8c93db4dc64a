"""The web app as `make run` and the Procfile serve it: gunicorn with gunicorn.conf.py."""
import socket
import subprocess
import sys
import time
import urllib.request

from tests.conftest import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gunicorn_serves_the_chinese_home_page_and_writes_nothing_outside_the_data_dir(services, cli_env, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    port = free_port()
    env = dict(cli_env, PORT=str(port), BIND_HOST="127.0.0.1", HOME=str(home), WEB_CONCURRENCY="1")
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "kiosk:create_app()"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    html = response.read().decode()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert "欢迎使用" in html and "档案查询服务" in html
    assert list(home.iterdir()) == []  # no ~/.gunicorn control socket or other stray files
