"""Catalogue import by upload (archivists and administrators): the file runs through core's importer and the
validation report is shown, paged, with each rejected row's line number and problems.

The upload goes to a temporary file in the data directory (removed afterwards). The import runs inside the
request: core writes in batches of 2,000 rows, each its own short transaction, so other workers are never held
for long, but a very large file keeps this one request busy (≈17,000 rows/s on SQLite). The report is kept as
JSON in `<data dir>/imports/` for a week so its pages can be turned (POST → redirect → GET).
"""
from __future__ import annotations

import json
import os
import re
import secrets
import tempfile
import time
from pathlib import Path

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired

from core.catalogue import import_catalogue
from core.clock import local_now
from core.errors import ImportFileError

from .. import services_of
from . import bp
from .auth import staff_required

ROLES = ("archivist", "admin")
ROWS_PER_PAGE = 50
KEEP_SECONDS = 7 * 24 * 3600
RECENT = 10
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,40}$")


class ImportForm(FlaskForm):
    file = FileField("目录文件", validators=[FileRequired("请选择要导入的目录文件。"),
                                         FileAllowed(["csv", "xlsx"], "只能导入 CSV 或 XLSX 文件。")])


def _reports_dir() -> Path:
    path = services_of(current_app).settings.data_dir / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _rejected_rows(problems) -> list[dict]:
    """Problems grouped by file line: [{"line": 7, "problems": [{"column": "日期", "reason": …}]}]."""
    rows: dict[int, list[dict]] = {}
    for p in problems:
        rows.setdefault(p.line, []).append({"column": p.column, "reason": p.reason})
    return [{"line": line, "problems": found} for line, found in sorted(rows.items())]


def _save_report(report, filename: str) -> str:
    folder = _reports_dir()
    cutoff = time.time() - KEEP_SECONDS
    for old in folder.iterdir():  # old reports, and uploads a killed worker left behind
        if old.is_file() and old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(18)
    data = {"file": filename, "by": current_user.display_name, "username": current_user.username,
            "at": local_now(services_of(current_app).settings.timezone).strftime("%Y-%m-%d %H:%M"),
            "read": report.read, "imported": report.imported, "updated": report.updated,
            "unchanged": report.unchanged, "rejected": report.rejected, "warnings": report.warnings,
            "rows": _rejected_rows(report.problems)}
    (folder / f"{token}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return token


def _recent() -> list[dict]:
    files = sorted(_reports_dir().glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)[:RECENT]
    out = []
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        out.append({"token": path.stem, "file": data["file"], "at": data["at"], "by": data["by"],
                    "imported": data["imported"], "updated": data["updated"], "rejected": data["rejected"]})
    return out


def _run(storage) -> tuple[str | None, str | None]:
    """Import the uploaded file; (report token, None), or (None, the Chinese reason the file was refused)."""
    filename = os.path.basename(storage.filename or "")[:120] or "上传的文件"
    suffix = Path(filename).suffix.lower()
    fd, path = tempfile.mkstemp(prefix="upload-", suffix=suffix, dir=_reports_dir())
    try:
        with os.fdopen(fd, "wb") as out:
            storage.save(out)
        report = import_catalogue(services_of(current_app).sessions, path, progress=False)
    except ImportFileError as e:
        return None, e.message
    finally:
        os.unlink(path)
    return _save_report(report, filename), None


@bp.route("/imports", methods=["GET", "POST"])
@staff_required(*ROLES)
def imports():
    """Upload a catalogue file (CSV or XLSX) and import it."""
    form = ImportForm()
    status = 200
    if form.validate_on_submit():
        token, refused = _run(form.file.data)
        if token:
            return redirect(url_for("staff.import_report", token=token))
        form.file.errors.append(refused)
        status = 400
    elif form.errors:
        status = 400
    return render_template("staff/imports.html", form=form, recent=_recent()), status


@bp.get("/imports/<token>")
@staff_required(*ROLES)
def import_report(token: str):
    """The validation report of one import, rejected rows paged."""
    path = _reports_dir() / f"{token}.json"
    if not _TOKEN.match(token) or not path.is_file():
        abort(404)
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = data["rows"]
    pages = max(1, -(-len(rows) // ROWS_PER_PAGE))
    page = min(max(request.args.get("page", 1, type=int), 1), pages)
    shown = rows[(page - 1) * ROWS_PER_PAGE: page * ROWS_PER_PAGE]
    return render_template("staff/import_report.html", report=data, rows=shown, page=page, pages=pages,
                           token=token, form=ImportForm())
