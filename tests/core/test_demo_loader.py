"""`python -m core demo`: a whole demo county archive in the database, rerunnable and resumable."""
from sqlalchemy import func, select

from core.catalogue.demo_loader import load_demo
from core.models import Archive, Fonds, Record, ServiceCentre, StaffUser
from core.staff import check_password
from tests.core.test_cli import core


def count(services, model) -> int:
    with services.sessions() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_demo_loads_archive_fonds_centres_staff_and_records(services):
    result = load_demo(services, records=300, seed=3, progress=False)
    assert (result.archive, result.imported) == ("临江县档案馆", 300)
    assert count(services, Record) == 300
    assert 8 <= count(services, ServiceCentre) == result.centres <= 15
    with services.sessions() as s:
        assert s.scalar(select(Archive.name)) == "临江县档案馆"
        fonds = set(s.scalars(select(Fonds.name)))
        assert {"临江县民政局", "临江县教育局", "临江县劳动局"} <= fonds
        users = {u.username: u for u in s.scalars(select(StaffUser))}
        for username, _role, _centre, password in result.new_accounts:
            assert check_password(users[username], password)
        assert {u.role for u in users.values()} == {"admin", "archivist", "clerk"}
        assert all(u.centre_id for u in users.values() if u.role == "clerk")


def test_rerun_changes_nothing_and_a_larger_run_adds_only_the_rest(services):
    load_demo(services, records=200, seed=3, progress=False)
    again = load_demo(services, records=200, seed=3, progress=False)
    assert (again.imported, again.unchanged, again.new_accounts) == (0, 200, [])
    more = load_demo(services, records=300, seed=3, progress=False)
    assert (more.imported, more.unchanged) == (100, 200)
    assert count(services, Record) == 300


def test_demo_command_prints_passwords_once_and_if_empty_skips(services, cli_env):
    first = core(cli_env, "demo", "--records", "100", "--if-empty")
    assert first.returncode == 0, first.stderr
    assert "新增 100" in first.stdout and "admin" in first.stdout and "密码只显示这一次" in first.stdout
    second = core(cli_env, "demo", "--records", "100", "--if-empty")
    assert second.returncode == 0 and second.stdout == ""


def test_demo_refuses_to_mix_into_a_real_archive(services, tmp_path):
    from core.catalogue import import_catalogue
    from core.errors import Conflict
    from tests.core.catalogue_files import good_row, write_csv

    import_catalogue(services.sessions, write_csv(tmp_path / "real.csv", [good_row(1)]))
    try:
        load_demo(services, records=10, progress=False)
    except Conflict as e:
        assert "只能装入空数据库" in e.message
    else:
        raise AssertionError("demo loaded into a real archive")
    assert count(services, Record) == 1
