"""Helpers shared by the benchmarks: a throw-away data directory and peak memory."""
from __future__ import annotations

import atexit
import os
import resource
import shutil
import sys
import tempfile
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.bootstrap import Services, bootstrap  # noqa: E402
from core.migrate import upgrade  # noqa: E402
from core.settings import Settings  # noqa: E402


def fresh_services(database_url: str | None = None) -> Services:
    """Services on a new data directory and an empty database: a new SQLite file, or database_url WIPED first."""
    data_dir = Path(tempfile.mkdtemp(prefix="lantai-bench-"))
    if not os.environ.get("LANTAI_BENCH_KEEP"):  # set it to inspect the data afterwards
        atexit.register(shutil.rmtree, data_dir, ignore_errors=True)
    overrides = {"database_url": database_url} if database_url else {}
    services = bootstrap(Settings.from_env({}, data_dir=data_dir, **overrides))
    if not services.settings.is_sqlite:
        with services.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    upgrade(services.engine)
    return services


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
