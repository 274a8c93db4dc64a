"""Catalogue import by upload: roles, the validation report (counts, line numbers, paging), what is stored."""
import io

import pytest
from sqlalchemy import select

from core.models import Record
from kiosk.staff.imports import ROWS_PER_PAGE
from tests.core.catalogue_files import good_row, write_csv, write_xlsx
from tests.kiosk.conftest import login, post_form

MULTIPART = {"content_type": "multipart/form-data", "follow_redirects": True}


def upload(client, path, name: str | None = None):
    """Post a file through the upload form, as a browser would."""
    return post_form(client, "/staff/imports", {"file": (io.BytesIO(path.read_bytes()), name or path.name)},
                     **MULTIPART)


def refs(services) -> set[str]:
    with services.sessions() as s:
        return set(s.scalars(select(Record.ref)))


@pytest.fixture
def mixed_csv(tmp_path):
    """Rows at file lines 2–6 (line 1 is the header): lines 3 and 5 are bad."""
    rows = [good_row(1), good_row(2, 题名=""), good_row(3), good_row(4, 日期="19851340"), good_row(5)]
    return write_csv(tmp_path / "目录.csv", rows)


def test_anonymous_visitors_are_sent_to_the_login(client, two_centres):
    r = client.get("/staff/imports")
    assert r.status_code == 302 and "/staff/login" in r.headers["Location"]


def test_clerks_may_not_import(client, two_centres, mixed_csv, services):
    login(client, "clerk_a")
    assert client.get("/staff/imports").status_code == 403
    r = post_form(client, "/staff/visits", to="/staff/imports",
                  data={"file": (io.BytesIO(mixed_csv.read_bytes()), "x.csv")}, content_type="multipart/form-data")
    assert r.status_code == 403 and refs(services) == set()
    assert "目录导入" not in client.get("/staff/visits").get_data(as_text=True)  # nor see it in the menu


def test_an_upload_with_good_and_bad_rows_reports_both(client, two_centres, mixed_csv, services):
    login(client, "archivist")
    r = upload(client, mixed_csv)
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "导入报告 · 目录.csv" in html
    assert "读取 5 行：新增 3，更新 0，未变 0，拒绝 2。" in html
    assert "第3行" in html and "第5行" in html and "第2行" not in html and "第4行" not in html
    assert "题名" in html and "日期" in html
    assert "几秒钟内即可检索" in html
    assert refs(services) == {good_row(i)["档号"] for i in (1, 3, 5)}


def test_importing_the_same_file_again_updates_nothing_twice(client, two_centres, mixed_csv, services):
    login(client, "admin")
    upload(client, mixed_csv)
    html = upload(client, mixed_csv).get_data(as_text=True)
    assert "新增 0，更新 0，未变 3，拒绝 2" in html
    assert len(refs(services)) == 3


def test_xlsx_files_are_imported_too(client, two_centres, tmp_path, services):
    login(client, "archivist")
    html = upload(client, write_xlsx(tmp_path / "catalogue.xlsx", [good_row(7), good_row(8)])).get_data(as_text=True)
    assert "新增 2" in html and "拒绝 0" in html
    assert refs(services) == {good_row(7)["档号"], good_row(8)["档号"]}


def test_the_upload_leaves_no_temporary_file(client, two_centres, mixed_csv, settings):
    login(client, "archivist")
    upload(client, mixed_csv)
    leftovers = [p.name for p in (settings.data_dir / "imports").iterdir() if not p.name.endswith(".json")]
    assert leftovers == []


def test_a_long_report_is_paged(client, two_centres, tmp_path, services):
    rows = [good_row(i, 日期="badday") for i in range(1, ROWS_PER_PAGE + 11)]
    login(client, "archivist")
    r = upload(client, write_csv(tmp_path / "bad.csv", rows))
    first = r.get_data(as_text=True)
    assert f"拒绝 {ROWS_PER_PAGE + 10}" in first and "第 1 / 2 页" in first
    assert "第2行" in first and f"第{ROWS_PER_PAGE + 1}行" in first and f"第{ROWS_PER_PAGE + 2}行" not in first
    second = client.get(r.request.path + "?page=2").get_data(as_text=True)
    assert f"第{ROWS_PER_PAGE + 2}行" in second and f"第{ROWS_PER_PAGE + 11}行" in second and "第2行<" not in second
    assert refs(services) == set()


def test_recent_imports_are_listed_with_a_link_to_their_report(client, two_centres, mixed_csv):
    login(client, "archivist")
    report = upload(client, mixed_csv).request.path
    html = client.get("/staff/imports").get_data(as_text=True)
    assert "目录.csv" in html and f'href="{report}"' in html


def test_no_file_or_a_wrong_type_is_refused_in_chinese(client, two_centres, tmp_path):
    login(client, "archivist")
    r = post_form(client, "/staff/imports", {}, content_type="multipart/form-data")
    assert r.status_code == 400 and "请选择要导入的目录文件" in r.get_data(as_text=True)
    r = post_form(client, "/staff/imports", {"file": (io.BytesIO(b"hello"), "notes.txt")},
                  content_type="multipart/form-data")
    assert r.status_code == 400 and "只能导入 CSV 或 XLSX 文件" in r.get_data(as_text=True)


def test_a_file_that_cannot_be_read_says_why(client, two_centres, tmp_path, services):
    login(client, "archivist")
    header_only = write_csv(tmp_path / "empty.csv", [])
    r = upload(client, header_only)
    assert r.status_code == 400 and "只有表头，没有数据行" in r.get_data(as_text=True)
    r = post_form(client, "/staff/imports", {"file": (io.BytesIO(b"\x00\x01garbage"), "broken.xlsx")},
                  content_type="multipart/form-data")
    assert r.status_code == 400 and "无法打开 Excel 文件" in r.get_data(as_text=True)


def test_an_unknown_report_is_not_found(client, two_centres):
    login(client, "archivist")
    assert client.get("/staff/imports/AAAAAAAAAAAAAAAAAAAAAAAA").status_code == 404
    assert client.get("/staff/imports/..%2Fkeys").status_code == 404
