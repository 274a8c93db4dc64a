"""GET /api/search: the public audience over HTTP, with JSON errors."""


def test_search_api_returns_open_records_and_counts_of_restricted(indexed, client):
    response = client.get("/api/search", query_string={"q": "王建国", "limit": "5"})
    assert response.status_code == 200
    body = response.get_json()
    assert [h["ref"] for h in body["hits"]] == ["X004-001-042-002"]  # the open record about him
    assert {"category": "招工工龄", "year": 1972, "count": 1} in body["restricted"]
    assert "persons" not in body["hits"][0]
    assert "招工转正的批复" not in response.get_data(as_text=True)


def test_search_api_bad_input_is_a_json_400_in_chinese(indexed, client):
    for params, text in [({"q": ""}, "请输入"), ({"q": "王建国", "limit": "x"}, "整数"), ({"q": "王建国", "limit": "500"}, "之间")]:
        response = client.get("/api/search", query_string=params)
        assert response.status_code == 400
        assert text in response.get_json()["error"]["message"]
