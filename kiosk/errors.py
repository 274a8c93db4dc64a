"""Error pages: Chinese, with nothing from the request or the traceback on them."""
from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError

from core.errors import LantaiError

_MESSAGES = {
    400: "请求有误，请返回重试。",
    403: "您没有权限查看此页面。",
    404: "页面不存在，请返回首页。",
    405: "不支持此操作。",
    413: "上传的文件太大。",
    500: "系统暂时出了点问题，请稍后再试，或向窗口工作人员求助。",
}


def _render(status: int, message: str, code: str):
    if request.path.startswith("/api/"):
        return jsonify(error={"code": code, "message": message}), status
    return render_template("error.html", status=status, message=message), status


def init_app(app: Flask) -> None:
    """Register the error handlers."""

    @app.errorhandler(LantaiError)
    def domain_error(e: LantaiError):
        return _render(e.status, e.message, e.code)

    @app.errorhandler(CSRFError)
    def stale_form(e: CSRFError):  # an old page, or a form posted after the idle wipe
        return _render(400, "页面已过期，请返回首页重新操作。", "csrf")

    for status, message in _MESSAGES.items():
        if status == 500:
            continue
        app.register_error_handler(status, lambda e, s=status, m=message: _render(s, m, f"http_{s}"))

    @app.errorhandler(500)
    def server_error(e):  # Flask has already logged the traceback (through the redaction filter)
        return _render(500, _MESSAGES[500], "internal")
