"""gunicorn settings shared by `make run` and the Procfile (gunicorn reads ./gunicorn.conf.py by itself)."""
import os

from gunicorn.glogging import Logger

from core.logs import RedactIdNumbers

bind = f"{os.environ.get('BIND_HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
accesslog = "-"
# Path without the query string and no referrer: both can carry an ID number typed into a form.
access_log_format = '%(h)s - - %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)ss'
# Lantai writes nothing outside its data directory: no control socket in ~/.gunicorn.
control_socket_disable = True


class RedactingLogger(Logger):
    """gunicorn's own logs go through the same ID-number redaction as Lantai's."""

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.addFilter(RedactIdNumbers())


logger_class = RedactingLogger
