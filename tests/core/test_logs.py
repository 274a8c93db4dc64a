"""No full ID number reaches a log line, not even inside a traceback."""
import io
import logging

from core.logs import RedactIdNumbers


def test_log_messages_arguments_and_tracebacks_are_redacted():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactIdNumbers())
    logger = logging.getLogger("test.redaction")
    logger.addHandler(handler)
    try:
        logger.warning("申请人 %s 提交了申请", "11010519491231002X")
        try:
            raise ValueError("bad id 440524188001010014")
        except ValueError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    out = stream.getvalue()
    assert "11010519491231002X" not in out and "440524188001010014" not in out
    assert "110105********002X" in out and "440524********0014" in out
    assert "ValueError" in out  # the traceback itself is kept
