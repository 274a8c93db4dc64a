"""gunicorn settings shared by `make run` and the Procfile (gunicorn reads ./gunicorn.conf.py by itself)."""
import os

bind = f"{os.environ.get('BIND_HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
accesslog = "-"
# Lantai writes nothing outside its data directory: no control socket in ~/.gunicorn.
control_socket_disable = True
