"""The composition root: build Lantai's services from settings, once per process."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from .db import make_engine, make_sessionmaker
from .search import IndexStore, SearchService
from .settings import Settings
from .vault import Vault, load_master_key
from .workdays import WorkCalendar


@dataclass
class Services:
    """Everything a front end needs; the kiosk keeps it in app.extensions, the bot in Dispatcher data."""

    settings: Settings
    engine: Engine
    sessions: sessionmaker
    vault: Vault
    search: SearchService
    calendar: WorkCalendar

    def dispose(self) -> None:
        """Close the index and pooled database connections."""
        self.search.store.close()
        self.engine.dispose()


def bootstrap(settings: Settings | None = None) -> Services:
    """Wire the services for the given settings (default: from the environment)."""
    settings = settings or Settings.from_env()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings)
    vault = Vault(load_master_key(settings.keys_dir, settings.identity_key))
    sessions = make_sessionmaker(engine)
    search = SearchService(IndexStore(settings.index_dir, sessions, cache_dir=settings.data_dir / "cache"))
    return Services(settings=settings, engine=engine, sessions=sessions, vault=vault, search=search,
                    calendar=WorkCalendar.from_data_dir(settings.data_dir))
