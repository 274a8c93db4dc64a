"""Catalogue import: every format archives export, bad rows reported and never written, idempotent upserts."""
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from core.catalogue import import_catalogue
from core.errors import ImportFileError
from core.models import Fonds, Record
from tests.core.catalogue_files import HEADER, good_row, write_csv, write_jsonl, write_xlsx


def records(services) -> dict[str, Record]:
    with services.sessions() as s:
        return {r.ref: r for r in s.scalars(select(Record).options(selectinload(Record.fonds)))}


@pytest.mark.parametrize("writer", [
    lambda p, rows: write_csv(p / "c.csv", rows, encoding="utf-8"),
    lambda p, rows: write_csv(p / "c.csv", rows, encoding="utf-8-sig"),
    lambda p, rows: write_csv(p / "c.csv", rows, encoding="gb18030"),
    lambda p, rows: write_xlsx(p / "c.xlsx", rows),
    lambda p, rows: write_jsonl(p / "c.jsonl", rows),
], ids=["utf8", "utf8-bom", "gb18030", "xlsx", "jsonl"])
def test_each_format_imports_the_same_records(services, tmp_path, writer):
    rows = [good_row(i) for i in range(1, 6)]
    report = import_catalogue(services.sessions, writer(tmp_path, rows))
    assert (report.read, report.imported, report.rejected) == (5, 5, 0)
    got = records(services)["X001-001-000-001"]
    assert got.title == "张伟1、李娜1结婚登记申请书及审查处理表"
    assert got.category == "婚姻登记"  # 结婚登记 is mapped onto the canonical category
    assert got.persons == ["张伟1", "李娜1"]
    assert (got.date_year, got.date_month, got.date_day) == (1985, 2, 12)
    assert (got.retention, got.access, got.classification, got.pages) == ("永久", "控制", "非密", 4)
    assert got.fonds.code == "X001" and got.fonds.name == "临江县民政局"


def test_english_headers_and_partial_dates_and_vocabulary_variants(services, tmp_path):
    header = ["ref", "title", "date", "retention", "access", "category", "persons"]
    rows = [
        {"ref": "C038-001-002-003", "title": "城关中学1983届高中毕业生学籍登记表", "date": "1983-07", "retention": "D30",
         "access": "", "category": "学历", "persons": "王建国，刘芳; 陈静 赵磊"},
        {"ref": "C038-001-002-004", "title": "关于同意王建国同志招工转正的批复", "date": "1985年3月12日",
         "retention": "长期", "access": "开放", "category": "工龄", "persons": ""},
        {"ref": "C038-001-002-005", "title": "[县人民政府关于春耕生产的通知]", "date": "1992", "retention": "Y",
         "access": "延期开放", "category": "", "persons": ""},
    ]
    report = import_catalogue(services.sessions, write_csv(tmp_path / "en.csv", rows, header=header))
    assert report.imported == 3, report.problems
    got = records(services)
    a, b, c = got["C038-001-002-003"], got["C038-001-002-004"], got["C038-001-002-005"]
    assert (a.date_year, a.date_month, a.date_day, a.retention, a.access, a.category) == (1983, 7, None, "定期30年", "未审核", "学籍")
    assert a.persons == ["王建国", "刘芳", "陈静", "赵磊"]
    assert (b.date_day, b.retention, b.category) == (12, "长期", "招工工龄")
    assert (c.date_month, c.category, c.access) == (None, None, "延期开放")
    assert a.fonds.code == "C038"  # the fonds comes from the 档号 when no 全宗号 column is given


@pytest.mark.parametrize("value", ["19850312", "1985-03-12", "1985.3.12", "1985年3月12日", "1985/03/12"])
def test_date_spellings(services, tmp_path, value):
    import_catalogue(services.sessions, write_csv(tmp_path / "d.csv", [good_row(1, 日期=value)]))
    r = records(services)["X001-001-000-001"]
    assert (r.date_year, r.date_month, r.date_day) == (1985, 3, 12)


def test_bad_rows_are_reported_with_line_column_and_reason_and_never_written(services, tmp_path):
    rows = [good_row(i) for i in range(1, 8)]
    rows[1]["日期"] = "1985-02-30"        # line 3
    rows[2]["类别"] = "外星人登记"         # line 4
    rows[3]["档号"] = rows[0]["档号"]      # line 5: duplicate of line 2
    rows[4]["题名"] = ""                   # line 6
    rows[5]["页数"] = "四页"               # line 7
    report = import_catalogue(services.sessions, write_csv(tmp_path / "bad.csv", rows))
    assert (report.read, report.imported, report.rejected) == (7, 2, 5)
    problems = {(p.line, p.column): p.reason for p in report.problems}
    assert "不存在" in problems[(3, "日期")]
    assert "外星人登记" in problems[(4, "类别")]
    assert "第2行重复" in problems[(5, "档号")]
    assert "不能为空" in problems[(6, "题名")]
    assert "正整数" in problems[(7, "页数")]
    stored = records(services)
    assert set(stored) == {rows[0]["档号"], rows[6]["档号"]}
    assert not report.ok


def test_reimporting_the_same_file_changes_nothing_and_an_edit_is_an_update(services, tmp_path):
    rows = [good_row(i) for i in range(1, 51)]
    path = write_csv(tmp_path / "c.csv", rows)
    first = import_catalogue(services.sessions, path)
    before = records(services)["X001-001-000-010"].updated_at
    second = import_catalogue(services.sessions, path)
    assert (first.imported, second.imported, second.updated, second.unchanged) == (50, 0, 0, 50)
    assert records(services)["X001-001-000-010"].updated_at == before
    rows[9]["题名"] = "张伟10、李娜10离婚登记材料"
    third = import_catalogue(services.sessions, write_csv(tmp_path / "c.csv", rows))
    assert (third.imported, third.updated, third.unchanged) == (0, 1, 49)
    assert records(services)["X001-001-000-010"].title == "张伟10、李娜10离婚登记材料"
    with services.sessions() as s:
        assert s.scalar(select(func.count(Record.id))) == 50
        assert s.scalar(select(func.count(Fonds.id))) == 1


def test_missing_required_column_rejects_the_whole_file_by_name(services, tmp_path):
    header = [h for h in HEADER if h != "日期"]
    with pytest.raises(ImportFileError) as e:
        import_catalogue(services.sessions, write_csv(tmp_path / "c.csv", [good_row(1)], header=header))
    assert "日期" in e.value.message
    assert records(services) == {}


@pytest.mark.parametrize("content, expected", [
    (b"", "空"),
    (b"\xff\xfe\xfd\x00\xff" * 10, "编码"),     # neither UTF-8 nor GB18030 (nor a UTF-16 BOM)
])
def test_unreadable_files_get_a_clear_message(services, tmp_path, content, expected):
    path = tmp_path / "c.csv"
    path.write_bytes(content[2:] if expected == "编码" else content)
    with pytest.raises(ImportFileError) as e:
        import_catalogue(services.sessions, path)
    assert expected in e.value.message


def test_gbk_file_is_not_read_as_mojibake(services, tmp_path):
    path = write_csv(tmp_path / "gbk.csv", [good_row(1, 题名="龚氏宗祠修缮批复", 人名="龚喆")], encoding="gbk")
    import_catalogue(services.sessions, path)
    r = records(services)["X001-001-000-001"]
    assert (r.title, r.persons) == ("龚氏宗祠修缮批复", ["龚喆"])


def test_unsupported_and_missing_files(services, tmp_path):
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ImportFileError, match="xlsx"):
        import_catalogue(services.sessions, tmp_path / "old.xls")
    with pytest.raises(ImportFileError, match="找不到"):
        import_catalogue(services.sessions, tmp_path / "nope.csv")


def test_header_only_file_is_refused_as_empty(services, tmp_path):
    with pytest.raises(ImportFileError, match="没有数据行"):
        import_catalogue(services.sessions, write_csv(tmp_path / "c.csv", []))


def test_broken_jsonl_line_is_rejected_and_the_rest_imported(services, tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", [good_row(1), good_row(2)])
    path.write_text(path.read_text(encoding="utf-8") + "{not json\n[1, 2]\n", encoding="utf-8")
    report = import_catalogue(services.sessions, path)
    assert (report.imported, report.rejected) == (2, 2)
    assert [p.line for p in report.problems] == [3, 4]


def test_future_dates_and_secret_records_marked_open_are_refused(services, tmp_path):
    rows = [good_row(1, 日期=f"{date.today().year + 1}0101"), good_row(2, 密级="秘密", 开放标识="开放")]
    report = import_catalogue(services.sessions, write_csv(tmp_path / "c.csv", rows))
    assert report.rejected == 2
    assert {p.column for p in report.problems} == {"日期", "开放标识"}


def test_a_ten_megabyte_file_imports_completely(services, tmp_path):
    note = "卷内有照片、附件及手写批注，原件纸张发黄，部分字迹模糊。" * 3
    rows = [good_row(i, 备注=note) for i in range(1, 36001)]
    path = write_csv(tmp_path / "big.csv", rows)
    assert path.stat().st_size >= 10 * 1024 * 1024
    report = import_catalogue(services.sessions, path)
    assert (report.read, report.imported, report.rejected) == (36000, 36000, 0)
    with services.sessions() as s:
        assert s.scalar(select(func.count(Record.id))) == 36000
