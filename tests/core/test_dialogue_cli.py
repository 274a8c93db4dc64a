"""`python -m core ask` and `python -m core handoff` as a developer and staff run them."""
from __future__ import annotations

import json

from tests.core.test_cli import core


def test_ask_one_message_and_a_batch_with_an_empty_line(services, cli_env, tmp_path):
    done = core(cli_env, "ask", "查档要带什么材料", "--json")
    assert done.returncode == 0, done.stderr
    line = json.loads(done.stdout)
    assert set(line) == {"intent", "slots", "reply"} and line["intent"] == "procedure_faq"

    batch = tmp_path / "messages.txt"
    batch.write_text("城关镇几点开门\n\n结婚证明要带什么\n", encoding="utf-8")
    done = core(cli_env, "ask", "--batch", str(batch), "--json")
    lines = [json.loads(x) for x in done.stdout.splitlines()]
    assert done.returncode == 0 and len(lines) == 3
    assert lines[0]["intent"] == "service_info" and lines[1]["error"]["code"] == "invalid_input"
    assert lines[2]["slots"] == {"category": "婚姻登记"}


def test_staff_list_and_answer_handoffs(services, cli_env):
    from core.dialogue import create_handoff

    handoff_id = create_handoff(services, question="我家老房子的地契怎么查？", channel="bot", chat_id=99,
                                transcript=[{"from": "citizen", "text": "我家老房子的地契怎么查？"}])
    listed = core(cli_env, "handoff", "list")
    assert listed.returncode == 0 and f"#{handoff_id}" in listed.stdout and "地契" in listed.stdout
    done = core(cli_env, "handoff", "answer", str(handoff_id), "--text", "请带身份证到档案馆查阅。")
    assert done.returncode == 0 and "已回复" in done.stdout
    again = core(cli_env, "handoff", "answer", str(handoff_id), "--text", "再说一次")
    assert again.returncode == 2 and "已处理" in again.stderr
    assert "没有待处理" in core(cli_env, "handoff", "list").stdout
