"""The catalogue files archives really send: Excel quirks, register padding, broken quoting."""
import pytest
from sqlalchemy import select

from core.catalogue import import_catalogue
from core.catalogue.fields import parse_date, split_persons
from core.errors import ImportFileError
from core.models import Record
from tests.core.catalogue_files import HEADER, good_row, write_csv, write_jsonl


def stored(services, ref):
    with services.sessions() as s:
        return s.scalar(select(Record).where(Record.ref == ref))


@pytest.mark.parametrize("value, expected", [
    ("1985-03-12 00:00:00", (1985, 3, 12)),   # Excel date cell exported as text
    ("1985/3/12 0:00", (1985, 3, 12)),
    ("19850000", (1985, None, None)),          # 00 means "not known" in many catalogues
    ("19850300", (1985, 3, None)),
    ("1985-00", (1985, None, None)),
    ("１９８５年３月", (1985, 3, None)),          # full-width digits
])
def test_date_conventions(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("cell, names", [
    ("王　芳，李　强", ["王芳", "李强"]),        # register padding inside names
    ("王建国，刘芳; 陈静 赵磊", ["王建国", "刘芳", "陈静", "赵磊"]),
    ("张三", ["张三"]),
])
def test_person_cells(cell, names):
    assert split_persons(cell) == names


def test_odd_page_counts_are_rejected_not_a_crash(services, tmp_path):
    rows = [good_row(1, 页数="②"), good_row(2, 页数="１２"), good_row(3, 页数="十二")]
    report = import_catalogue(services.sessions, write_csv(tmp_path / "p.csv", rows))
    assert report.imported == 2 and [p.line for p in report.problems] == [4]
    assert stored(services, good_row(2)["档号"]).pages == 12


def test_a_title_row_above_the_header_is_skipped(services, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["临江县档案馆归档文件目录（2023年）"])
    ws.append(HEADER)
    ws.append([good_row(1)[h] for h in HEADER])
    wb.save(tmp_path / "t.xlsx")
    assert import_catalogue(services.sessions, tmp_path / "t.xlsx").imported == 1


def test_an_unclosed_quote_is_reported_with_the_lines_it_swallowed(services, tmp_path):
    rows = [good_row(i) for i in range(1, 60)]
    rows[9]["题名"] = "关于防汛的通知"
    path = write_csv(tmp_path / "q.csv", rows)
    text = path.read_text(encoding="utf-8").replace(",关于防汛的通知,", ',"关于防汛的通知,')  # opened, never closed
    path.write_text(text, encoding="utf-8")
    report = import_catalogue(services.sessions, path)
    assert report.imported == 9 and report.rejected == 1 and report.read == 10
    assert "引号可能没有闭合" in report.problems[0].reason and report.problems[0].line == 11


def test_a_row_with_an_unquoted_comma_is_named(services, tmp_path):
    path = write_csv(tmp_path / "c.csv", [good_row(1), good_row(2)])
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2] + ",多余,多余,多余,多余"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = import_catalogue(services.sessions, path)
    assert report.imported == 1 and "表头没有这么多列" in report.problems[0].reason


def test_a_huge_cell_is_a_rejected_row_not_a_fatal_error(services, tmp_path):
    rows = [good_row(1), good_row(2, 备注="很长" * 100000), good_row(3)]
    report = import_catalogue(services.sessions, write_csv(tmp_path / "h.csv", rows))
    assert report.imported == 2 and report.problems[0].column == "备注"


def test_jsonl_without_required_keys_is_a_file_error(services, tmp_path):
    with pytest.raises(ImportFileError, match="缺少必填项"):
        import_catalogue(services.sessions, write_jsonl(tmp_path / "x.jsonl", [{"title": "t", "date": "1985"}]))


def test_id_numbers_pasted_into_cells_are_masked_in_problems(services, tmp_path):
    report = import_catalogue(services.sessions, write_csv(tmp_path / "i.csv", [good_row(1, 日期="11010519491231002X")]))
    assert "11010519491231002X" not in str(report.problems[0]) and "110105********002X" in str(report.problems[0])


def test_a_directory_is_not_a_file(services, tmp_path):
    with pytest.raises(ImportFileError, match="文件夹"):
        import_catalogue(services.sessions, tmp_path)
