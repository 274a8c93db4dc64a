"""The placeholder kiosk home page and the error pages."""
from core.models import Archive, Record, ServiceCentre

HOURS = {d: [["08:30", "12:00"], ["13:30", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


def test_home_is_chinese_and_shows_archive_holdings_and_centres(client, services):
    with services.sessions.begin() as s:
        s.add(Archive(code="A", name="临江县档案馆"))
        s.add(ServiceCentre(code="C01", name="城关镇便民服务中心", township="城关镇", address="人民路1号",
                            phone="0580-1234567", latitude=30.0, longitude=122.0, hours=HOURS))
        for i, access in enumerate(["开放", "控制", "控制"]):
            s.add(Record(ref=f"X-{i}", title="题名", date_year=1980, access=access, persons=[], content_hash="x"))
    page = client.get("/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert '<html lang="zh-CN">' in html
    assert "欢迎使用临江县档案馆自助查档服务" in html
    assert "已登记档案目录 <strong>3</strong> 条" in html and "向社会开放 <strong>1</strong> 条" in html
    assert "城关镇便民服务中心" in html and "08:30–12:00、13:30–17:00" in html


def test_home_works_on_an_empty_database(client):
    html = client.get("/").get_data(as_text=True)
    assert "暂无服务中心信息" in html


def test_unknown_page_is_a_chinese_404_and_api_errors_are_json(client):
    page = client.get("/no-such-page")
    assert page.status_code == 404 and "页面不存在" in page.get_data(as_text=True)
    api = client.get("/api/no-such-thing")
    assert api.status_code == 404
    assert api.get_json()["error"]["code"] == "http_404"


def test_server_error_page_shows_nothing_of_the_request(app, client):
    @app.get("/boom")
    def boom():
        raise RuntimeError("secret 11010519491231002X")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    page = client.get("/boom")
    html = page.get_data(as_text=True)
    assert page.status_code == 500
    assert "系统暂时出了点问题" in html and "11010519491231002X" not in html and "RuntimeError" not in html
