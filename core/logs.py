"""Logging set-up shared by every process; ID numbers are masked before any handler sees them."""
from __future__ import annotations

import logging

from .identity import redact_id_numbers


class RedactIdNumbers(logging.Filter):
    """Mask anything that looks like an ID number in a log record's message and arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_id_numbers(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info:  # tracebacks quote exception messages, which may quote user input
            record.exc_text = redact_id_numbers(_plain.formatException(record.exc_info))
            record.exc_info = None
        return True


_plain = logging.Formatter()


def configure_logging(level: int = logging.INFO) -> None:
    """Log to stderr with timestamps, through the ID-number redaction filter."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactIdNumbers())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
