#!/usr/bin/env bash
# Start Lantai locally: migrate, load the demo archive on first start, serve with gunicorn (and the bot).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export LANTAI_DATA_DIR="${LANTAI_DATA_DIR:-$PWD/instance}"
export PORT="${PORT:-8000}"

$PY -m core init
$PY -m core demo --if-empty --records "${DEMO_RECORDS:-20000}"
$PY -m core index sync   # builds the search index if it is missing

# the one index writer: applies imports and edits to the search index every few seconds
$PY -m core index sync --watch &
pids=$!
if [ -n "${BOT_TOKEN:-}" ]; then
  $PY -m bot &
  pids="$pids $!"
  echo "机器人已启动"
fi
# gunicorn runs in the background too, so that a TERM to this script (not only Ctrl+C to the whole terminal
# group) reaches every process: bash runs a trap only once the command in the foreground has finished
BIND_HOST=127.0.0.1 .venv/bin/gunicorn "kiosk:create_app()" &
web=$!
pids="$pids $web"
trap 'kill $pids 2>/dev/null || true' EXIT
trap 'exit 143' TERM
trap 'exit 130' INT
echo "兰台已启动：http://127.0.0.1:$PORT/  （Ctrl+C 停止）"
wait "$web"   # gunicorn stopping (or failing to start) stops the rest
