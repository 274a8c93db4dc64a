"""Shared fixtures: a real database (SQLite in a temp dir, or TEST_DATABASE_URL), migrated once per run."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from core.bootstrap import Services, bootstrap
from core.db import Base
from core.migrate import upgrade
from core.settings import Settings, _normalise_db_url

ROOT = Path(__file__).resolve().parent.parent
pytest_plugins = ["tests.core.search_fixtures"]  # the `indexed` fixture


def reset_database(url: str) -> None:
    """Drop everything in the test database (PostgreSQL: the public schema; SQLite: the file)."""
    if url.startswith("sqlite"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        return
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    url = _normalise_db_url(url) if url else f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    reset_database(url)
    return url


@pytest.fixture(scope="session")
def migrated(database_url, tmp_path_factory) -> str:
    services = bootstrap(Settings.from_env({}, data_dir=tmp_path_factory.mktemp("data"), database_url=database_url))
    upgrade(services.engine)
    services.dispose()
    return database_url


@pytest.fixture
def settings(tmp_path, migrated) -> Settings:
    return Settings.from_env({}, data_dir=tmp_path / "data", database_url=migrated)


def _empty_tables(services: Services) -> None:
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    with services.engine.begin() as conn:
        if services.engine.dialect.name == "postgresql":
            conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for name in tables:
                conn.execute(text(f"DELETE FROM {name}"))


@pytest.fixture
def services(settings) -> Services:
    """Core services on an empty, migrated database."""
    services = bootstrap(settings)
    _empty_tables(services)
    yield services
    services.dispose()


@pytest.fixture
def cli_env(settings) -> dict[str, str]:
    """Environment for running `python -m core` in a subprocess against the test database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LANTAI_", "DATABASE_URL"))}
    env.update(LANTAI_DATA_DIR=str(settings.data_dir), DATABASE_URL=settings.database_url, PYTHONPATH=str(ROOT))
    return env


@pytest.fixture(scope="session", autouse=True)
def jieba_cache(tmp_path_factory):
    """jieba keeps its dictionary cache in the data directory; tests give it a temporary one."""
    from core.search.text import configure

    configure(tmp_path_factory.mktemp("jieba"))
