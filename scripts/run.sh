#!/usr/bin/env bash
# Start Lantai locally: migrate, load the demo archive on first start, serve with gunicorn (and the bot).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export LANTAI_DATA_DIR="${LANTAI_DATA_DIR:-$PWD/instance}"
export PORT="${PORT:-8000}"

$PY -m core init
$PY -m core demo --if-empty --records "${DEMO_RECORDS:-20000}"

if [ -n "${BOT_TOKEN:-}" ]; then
  $PY -m bot &
  bot_pid=$!
  trap 'kill $bot_pid 2>/dev/null || true' EXIT INT TERM
  echo "机器人已启动 (pid $bot_pid)"
fi
echo "兰台已启动：http://127.0.0.1:$PORT/  （Ctrl+C 停止）"
BIND_HOST=127.0.0.1 .venv/bin/gunicorn "kiosk:create_app()"
