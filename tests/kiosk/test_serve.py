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
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
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
        for path in ("/?id=11010519491231002X", "/api/no-such/11010519491231002X"):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5).read()
            except OSError:
                pass
    finally:
        server.terminate()
        log, _ = server.communicate(timeout=10)
    assert "欢迎使用" in html and "自助查档服务" in html
    assert '"GET /api/no-such/110105********002X HTTP/1.1" 404' in log  # requests are logged …
    assert "11010519491231002X" not in log  # … but never with a full ID number
    assert list(home.iterdir()) == []  # no ~/.gunicorn control socket or other stray files
