"""The composition root: build Lantai's services from settings, once per process."""
from __future__ import annotations

import os
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from .db import make_engine, make_sessionmaker
from .settings import Settings
from .vault import Vault, load_master_key


@dataclass
class Services:
    """Everything a front end needs; the kiosk keeps it in app.extensions, the bot in Dispatcher data."""

    settings: Settings
    engine: Engine
    sessions: sessionmaker
    vault: Vault

    def dispose(self) -> None:
        """Close pooled database connections."""
        self.engine.dispose()


def bootstrap(settings: Settings | None = None) -> Services:
    """Wire the services for the given settings (default: from the environment)."""
    settings = settings or Settings.from_env()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings)
    vault = Vault(load_master_key(settings.keys_dir, os.environ.get("LANTAI_IDENTITY_KEY")))
    return Services(settings=settings, engine=engine, sessions=make_sessionmaker(engine), vault=vault)
