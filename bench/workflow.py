"""Workflow benchmark: bookings/s with concurrent clients, overbookings counted from the database; certificates.

    python bench/workflow.py [--database-url sqlite] [--database-url postgresql://postgres@127.0.0.1:5432/test_h2]
                             [--clients 20] [--bookings 2000] [--capacity 4] [--certificates 200]

For each database (default: one fresh SQLite file; "sqlite" names a fresh one; any other URL is WIPED first —
its public schema is dropped) the script migrates an empty schema, creates one centre open every day 08:00–18:00
with 15-minute slots of `--capacity` seats, and lets `--clients` threads book `--bookings` visits through
`core.appointments.book_appointment` (each a new applicant with its own ID number, as at a kiosk), aimed at
random slots of the nearest open days that hold only 75% as many seats as attempts, so that the last seats are
fought over and a quarter of the attempts end in 409 已约满.

After the run it counts from the database, never from what the clients saw: seats over capacity per slot
(`overbookings`, must be 0), slots whose seat counter disagrees with the number of active appointments
(`counter_mismatches`, must be 0), and bookings in the database vs. bookings the clients were told succeeded.

When bench/workflow_certs.py exists (certificates), its `measure(services, n)` runs on the first database and its
figures are merged into the same JSON line.

Prints ONE JSON line on stdout; progress goes to stderr.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from _common import fresh_services, peak_rss_mb
from sqlalchemy import func, select

from core.appointments import book_appointment
from core.appointments.slots import BOOKING_DAYS, slot_times
from core.errors import Conflict
from core.identity import check_character
from core.models import Appointment, ServiceCentre, SlotLoad

DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test_h2"


def log(*args) -> None:
    print(*args, file=sys.stderr, flush=True)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1)] if ordered else 0.0


def id_number(i: int) -> str:
    first17 = f"33090219{60 + i // 1000 % 40}0315{i % 1000:03d}"
    return first17 + check_character(first17)


def make_centre(services, capacity: int) -> ServiceCentre:
    hours = {d: [["08:00", "18:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    with services.sessions.begin() as s:
        centre = ServiceCentre(code="B01", name="基准测试便民服务中心", township="城关镇", address="兰台县城关镇人民路1号",
                               phone=None, latitude=29.1, longitude=119.6, hours=hours, closed_days=[],
                               slot_minutes=15, slot_capacity=capacity)
        s.add(centre)
    return centre


def target_slots(services, centre: ServiceCentre, seats_wanted: int) -> list[datetime]:
    """Slot starts from tomorrow on until they hold `seats_wanted` seats (holidays skipped by the calendar)."""
    tz = services.settings.timezone
    day, out = datetime.now(ZoneInfo(tz)).date(), []
    for _ in range(BOOKING_DAYS):
        day += timedelta(days=1)
        out += [a for a, _ in slot_times(centre, day, services.calendar, tz)]
        if len(out) * centre.slot_capacity >= seats_wanted:
            break
    return out[:max(1, seats_wanted // centre.slot_capacity)]


def count_from_database(services, centre: ServiceCentre) -> dict:
    with services.sessions() as s:
        active = dict(s.execute(select(Appointment.starts_at, func.count()).where(
            Appointment.centre_id == centre.id, Appointment.status.in_(("booked", "checked_in")))
            .group_by(Appointment.starts_at)).all())
        counters = dict(s.execute(select(SlotLoad.starts_at, SlotLoad.booked)
                                  .where(SlotLoad.centre_id == centre.id)).all())
    cap = centre.slot_capacity
    return {
        "bookings_in_db": sum(active.values()),
        "overbookings": sum(max(0, n - cap) for n in active.values()) + sum(max(0, n - cap) for n in counters.values()),
        "counter_mismatches": sum(1 for at in set(active) | set(counters) if active.get(at, 0) != counters.get(at, 0)),
        "full_slots": sum(1 for n in counters.values() if n >= cap),
    }


def run_bookings(url: str, clients: int, attempts: int, capacity: int, seed: int, cert_n: int, measure) -> dict:
    services = fresh_services(None if url == "sqlite" else url)
    kind = services.engine.dialect.name
    centre = make_centre(services, capacity)
    slots = target_slots(services, centre, int(attempts * 0.75))
    log(f"[{kind}] {clients} clients, {attempts} attempts at {len(slots)} slots × {capacity} seats")
    rng, lock = random.Random(seed), threading.Lock()
    plan = [rng.choice(slots) for _ in range(attempts)]
    results: list[tuple[str, float]] = []

    def attempt(i: int) -> None:
        t = time.perf_counter()
        try:
            book_appointment(services, centre_id=centre.id, starts_at=plan[i], channel="kiosk",
                             applicant={"name": "测试", "id_number": id_number(i), "phone": "13800000000"})
            outcome = "booked"
        except Conflict as e:
            outcome = e.code
        with lock:
            results.append((outcome, (time.perf_counter() - t) * 1000))
            if len(results) % 500 == 0:
                log(f"[{kind}] {len(results)}/{attempts}")

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(attempt, range(attempts)))
    elapsed = time.perf_counter() - started
    booked = sum(1 for o, _ in results if o == "booked")
    latencies = [ms for _, ms in results]
    out = {
        "database": kind, "clients": clients, "attempts": attempts, "booked": booked,
        "slot_full": sum(1 for o, _ in results if o == "slot_full"),
        "other_conflicts": sum(1 for o, _ in results if o not in ("booked", "slot_full")),
        "seconds": round(elapsed, 2), "bookings_per_s": round(booked / elapsed, 1),
        "attempts_per_s": round(attempts / elapsed, 1),
        "latency_p50_ms": round(percentile(latencies, 50), 1), "latency_p95_ms": round(percentile(latencies, 95), 1),
        **count_from_database(services, centre),
    }
    out["bookings_reported_match_db"] = out["bookings_in_db"] == booked
    log(f"[{kind}] {booked} booked in {elapsed:.1f} s ({out['bookings_per_s']}/s), "
        f"overbookings {out['overbookings']}, counter mismatches {out['counter_mismatches']}")
    certs = None
    if measure is not None and cert_n:
        log(f"[{kind}] certificates: {cert_n} issued and verified (bench/workflow_certs.py)")
        certs = measure(services, cert_n)
    services.dispose()
    return {"bookings": out, "certificates": certs}


def load_measure():
    path = Path(__file__).with_name("workflow_certs.py")
    if not path.exists():
        log("bench/workflow_certs.py not found: certificate figures left out")
        return None
    spec = importlib.util.spec_from_file_location("workflow_certs", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.measure


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", action="append",
                        help='"sqlite" (a fresh file, the default) or a PostgreSQL URL — WIPED first; repeatable')
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--bookings", type=int, default=2000, help="booking attempts per database")
    parser.add_argument("--capacity", type=int, default=4, help="seats per 15-minute slot")
    parser.add_argument("--certificates", type=int, default=200, help="certificates to issue and verify (0: none)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    measure = load_measure()
    out: dict = {"bookings": {}}
    for i, url in enumerate(args.database_url or ["sqlite"]):
        result = run_bookings(url, args.clients, args.bookings, args.capacity, args.seed,
                              args.certificates if i == 0 else 0, measure)
        out["bookings"][result["bookings"]["database"]] = result["bookings"]
        if result["certificates"]:
            out.update(result["certificates"])
    out["overbookings"] = sum(b["overbookings"] for b in out["bookings"].values())
    out["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
