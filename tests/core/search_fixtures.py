"""A small hand-made catalogue with the cases search must get right, and a fixture that indexes it."""
from __future__ import annotations

import pytest

from core.catalogue import import_catalogue
from core.search import index as index_module
from tests.core.catalogue_files import write_csv

HEADER = ["档号", "题名", "日期", "类别", "人名", "地点", "开放标识"]

ROWS = [
    # the marriage the citizen asks about, and decoys that share parts of it
    ("X002-001-001-001", "张伟、李娜结婚登记申请书及审查处理表", "19850312", "婚姻登记", "张伟、李娜", "城关镇", "控制"),
    ("X002-001-001-002", "张伟、王芳结婚登记申请书及审查处理表", "19850601", "婚姻登记", "张伟、王芳", "城关镇", "控制"),
    ("X002-001-001-003", "李强、李娜结婚证存根", "19851111", "婚姻登记", "李强、李娜", "河上镇", "控制"),
    ("X002-001-001-004", "张伟张伟张伟调动介绍信", "1985", "招工工龄", "张伟", "", "控制"),
    ("X002-001-001-005", "[陳國華、劉秀蘭結婚登記材料]", "1958", "婚姻登记", "陳國華、劉秀蘭", "沈家门镇", "控制"),
    # school records
    ("X003-001-001-001", "城关中学1983届高中毕业生学籍登记表", "198307", "学籍",
     "赵磊、钱敏、孙丽、周杰、吴静、郑强、王建国、冯梅、陈刚、褚红", "城关镇", "控制"),
    ("X003-001-001-002", "河上中学1993届初中毕业生学籍登记表", "1993", "学籍", "刘洋", "河上镇", "控制"),
    ("X003-001-001-003", "县教育局关于加强中小学学籍档案管理的通知", "19860405", "文书", "", "", "开放"),
    # work seniority
    ("X004-001-042-001", "关于同意王建国同志招工转正的批复", "19720315", "招工工龄", "王建国", "", "控制"),
    ("X004-001-042-002", "王建国同志先进事迹材料", "1990", "文书", "王建国", "", "开放"),
    ("X004-001-042-003", "县劳动局关于下达1977年招工任务的通知", "1977", "文书", "", "", "开放"),
    # open administrative records
    ("X001-WS·1992-Y-BGS-0001", "县人民政府关于印发1992年农业生产工作要点的通知", "19920220", "文书", "", "", "开放"),
    ("X001-WS·1992-Y-BGS-0002", "关于生产队农业机械管理的报告", "19921001", "文书", "", "", "开放"),
    ("X001-WS·1995-Y-BGS-0003", "北京市对口支援临江县协议书", "1995", "文书", "", "", "开放"),
    ("X001-WS·1996-Y-BGS-0004", "关于赴北京学习考察的报告", "1996", "文书", "", "", "开放"),
    ("C038-001-002-003", "县革命委员会关于防汛抗旱工作的通知", "1975", "文书", "", "", "开放"),
    ("C038-001-002-004", "县革命委员会关于知识青年上山下乡工作的意见", "1975", "文书", "", "", "开放"),
    ("C038-002-001-001", "李红梅等知识青年到河上公社插队落户登记表", "1975", "知青", "李红梅、张建军", "河上公社", "控制"),
]


def write_rows(path, rows):
    return write_csv(path, [dict(zip(HEADER, r)) for r in rows], header=HEADER)


@pytest.fixture
def indexed(services, tmp_path, monkeypatch):
    """Services whose catalogue holds ROWS, indexed; searches see index changes at once."""
    monkeypatch.setattr(index_module, "REFRESH_SECONDS", 0)
    report = import_catalogue(services.sessions, write_rows(tmp_path / "catalogue.csv", ROWS))
    assert report.ok, report.problems
    services.search.store.sync()
    return services
