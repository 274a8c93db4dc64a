"""Models round-trip through the real database, and the migrations build exactly the models' schema."""
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text

from core.citizens import identify_citizen, reveal_id_number
from core.db import Base
from core.migrate import alembic_config, current_revision, upgrade
from core.models import Archive, Citizen, Fonds, Record, ServiceCentre, StaffUser
from core.staff import add_staff, check_password
from tests.conftest import reset_database

HOURS = {"mon": [["08:30", "12:00"], ["13:30", "17:00"]], "sat": [["08:30", "11:30"]], "sun": []}


def test_catalogue_record_round_trip_keeps_partial_date_and_person_list(services):
    with services.sessions.begin() as s:
        archive = Archive(code="A1", name="临江县档案馆")
        fonds = Fonds(archive=archive, code="X001", name="临江县民政局")
        s.add(Record(ref="X001-001-002-003", title="张伟、李娜结婚登记申请书及审查处理表", creator="临江县民政局",
                     date_year=1985, date_month=3, retention="永久", classification="非密", access="控制",
                     category="婚姻登记", persons=["张伟", "李娜"], place="城关镇", fonds=fonds,
                     doc_no=None, pages=4, note="原件破损", content_hash="x"))
    with services.sessions() as s:
        r = s.scalar(select(Record).where(Record.ref == "X001-001-002-003"))
        assert r.persons == ["张伟", "李娜"]
        assert (r.date_year, r.date_month, r.date_day, r.date_display) == (1985, 3, None, "1985-03")
        assert r.fonds.name == "临江县民政局" and r.fonds.archive.name == "临江县档案馆"
        assert r.created_at is not None and r.updated_at is not None


def test_service_centre_hours_round_trip(services):
    with services.sessions.begin() as s:
        s.add(ServiceCentre(code="C01", name="城关镇便民服务中心", township="城关镇", address="人民路1号",
                            latitude=29.1, longitude=121.2, hours=HOURS))
    with services.sessions() as s:
        c = s.scalar(select(ServiceCentre))
        assert c.hours == HOURS
        assert c.hours_text("mon") == "08:30–12:00、13:30–17:00"
        assert c.hours_text("sun") == "休息"


def test_citizen_id_number_is_not_in_the_database_but_staff_can_reveal_it(services):
    with services.sessions.begin() as s:
        c = identify_citizen(s, services.vault, name="张伟", id_number="11010519491231002X", phone="13800138000")
    with services.sessions.begin() as s:  # the same person again is found, not duplicated
        again = identify_citizen(s, services.vault, name="张伟", id_number="11010519491231002x")
        assert again.id == c.id
    with services.engine.connect() as conn:
        dump = " ".join(str(v) for row in conn.execute(text("SELECT * FROM citizen")) for v in row)
    assert "11010519491231002X" not in dump and "13800138000" not in dump
    assert "110105********002X" in dump
    with services.sessions() as s:
        assert reveal_id_number(s.scalar(select(Citizen)), services.vault) == "11010519491231002X"


def test_staff_password_is_hashed_and_checked(services):
    with services.sessions.begin() as s:
        s.add(ServiceCentre(code="C01", name="城关镇便民服务中心", township="城关镇", address="人民路1号",
                            latitude=29.1, longitude=121.2, hours=HOURS))
        s.flush()
        add_staff(s, username="clerk1", display_name="王芳", role="clerk", password="correct horse 1", centre_code="C01")
    with services.sessions() as s:
        user = s.scalar(select(StaffUser))
        assert "correct horse" not in user.password_hash
        assert check_password(user, "correct horse 1")
        assert not check_password(user, "correct horse 2")
        assert user.centre.code == "C01"


def test_migrations_build_the_models_schema_from_an_empty_database(services, migrated):
    services.dispose()
    reset_database(migrated)
    assert current_revision(services.engine) is None
    upgrade(services.engine)
    with services.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    assert {"archive", "fonds", "record", "service_centre", "citizen", "staff_user"} <= set(
        inspect(services.engine).get_table_names())


def test_migrations_downgrade_to_empty_and_up_again(services):
    from alembic import command

    cfg = alembic_config(services.engine)
    command.downgrade(cfg, "base")
    assert "record" not in inspect(services.engine).get_table_names()
    command.upgrade(cfg, "head")
    assert "record" in inspect(services.engine).get_table_names()
