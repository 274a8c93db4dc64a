"""Correcting a name mistyped at the applicant's first identification: on the detail page and by `citizen rename`."""
import pytest

from core.citizens import identify_citizen
from core.errors import InvalidInput
from core.models import Citizen
from tests.core.appointment_factories import id_number
from tests.core.test_cli import core
from tests.kiosk.conftest import post_form
from tests.kiosk.staff_apps import audit_lines, signed_in, two_applications


@pytest.fixture
def pair(services, two_centres):
    return two_applications(services, two_centres)


def rename(client, application_id: int, name: str, reason: str):
    path = f"/staff/applications/{application_id}"
    return post_form(client, path, {"name": name, "reason": reason}, to=path + "/applicant-name")


def identify(services, name: str):
    with services.sessions.begin() as s:
        return identify_citizen(s, services.vault, name=name, id_number=id_number(1)).name


def test_an_archivist_corrects_the_name_and_the_citizen_can_identify_again(app, services, pair):
    mine, _ = pair
    with pytest.raises(InvalidInput, match="姓名与该身份证号码此前登记的姓名不一致"):
        identify(services, "张玮")  # the right name, refused: 张伟 was typed at first sight
    client = signed_in(app, "archivist")
    assert "更正申请人姓名" in client.get(f"/staff/applications/{mine.id}").get_data(as_text=True)
    r = rename(client, mine.id, "张玮", "首次登记时录入错误，已核对身份证原件")
    assert r.status_code == 302
    body = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "申请人姓名已更正为「张玮」" in body and "张玮（本人）" in body
    assert identify(services, "张玮") == "张玮"
    [line] = audit_lines(services, "citizen.rename")
    assert line.actor == "staff:archivist" and line.data == {"old": "张*", "new": "张*",
                                                             "reason": "首次登记时录入错误，已核对身份证原件"}
    log = client.get("/staff/audit").get_data(as_text=True)
    assert "更正申请人姓名" in log and "张伟" not in log and "张玮" not in log  # masked in the log


def test_a_reason_is_required_and_what_was_typed_stays(app, services, pair):
    mine, _ = pair
    r = rename(signed_in(app, "admin"), mine.id, "张玮", "  ")
    body = r.get_data(as_text=True)
    assert r.status_code == 400 and "更正姓名须写明理由" in body and 'value="张玮"' in body
    assert audit_lines(services, "citizen.rename") == []
    with services.sessions() as s:
        assert s.get(Citizen, mine.citizen_id).name == "张伟"


def test_clerks_may_not_rename(app, services, pair):
    mine, _ = pair
    client = signed_in(app, "clerk_a")
    assert "更正申请人姓名" not in client.get(f"/staff/applications/{mine.id}").get_data(as_text=True)
    assert rename(client, mine.id, "张玮", "录入错误").status_code == 403
    with services.sessions() as s:
        assert s.get(Citizen, mine.citizen_id).name == "张伟"


def test_the_cli_renames_by_id_number(services, cli_env, pair):
    args = ["citizen", "rename", "--id-number", id_number(1), "--name", "张玮", "--reason", "录入错误，已核对身份证"]
    refused = core(cli_env, *args, "--staff", "clerk_a")
    assert refused.returncode == 2 and "无权更正申请人姓名" in refused.stderr
    done = core(cli_env, *args, "--staff", "archivist")
    assert done.returncode == 0, done.stderr
    assert "张玮" in done.stdout and id_number(1) not in done.stdout
    with services.sessions() as s:
        assert s.get(Citizen, pair[0].citizen_id).name == "张玮"
    unknown = core(cli_env, "citizen", "rename", "--id-number", id_number(9), "--name", "李四", "--reason", "x",
                   "--staff", "archivist")
    assert unknown.returncode == 2 and "没有以该身份证号码登记的申请人" in unknown.stderr
