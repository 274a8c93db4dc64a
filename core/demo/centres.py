"""Township service centres (便民服务中心 / 党群服务中心) where applicants may file requests."""

from __future__ import annotations

import random

from .places import AREA_CODE, COUNTY, STREETS, TOWNSHIP_COORDS, TOWNSHIPS

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# Typical weekday schedules: (morning, afternoon); None = no lunch break.
_WEEKDAY_SCHEDULES = [
    (("08:30", "12:00"), ("13:30", "17:00")),
    (("08:30", "12:00"), ("14:00", "17:30")),  # summer hours
    (("08:00", "11:30"), ("14:30", "17:30")),
    (("08:30", "11:30"), ("13:30", "16:30")),
    (("08:30", "17:00"), None),  # 午间不休
]
_SATURDAY = [["08:30", "11:30"]]


def generate_centres(seed: int = 1) -> list[dict]:
    """8-13 township service centres, deterministic for a seed.

    The county seat (城关镇) always has one; the others are a seed-dependent
    subset of the townships, listed in the county's township order.
    """
    rng = random.Random(f"centres-{seed}")
    others = TOWNSHIPS[1:]
    chosen = {TOWNSHIPS[0], *rng.sample(others, rng.randint(7, len(others)))}
    centres = []
    for township in TOWNSHIPS:
        if township not in chosen:
            continue
        if township.endswith("街道") or rng.random() < 0.35:
            name = f"{township}党群服务中心"
        else:
            name = f"{township}便民服务中心"
        street = rng.choice(STREETS[township])
        lat, lon = TOWNSHIP_COORDS[township]
        morning, afternoon = rng.choice(_WEEKDAY_SCHEDULES)
        weekday = [list(morning)] + ([list(afternoon)] if afternoon else [])
        hours = {d: [list(iv) for iv in weekday] for d in WEEKDAYS[:5]}
        open_saturday = township == TOWNSHIPS[0] or rng.random() < 0.4
        hours["sat"] = [list(iv) for iv in _SATURDAY] if open_saturday else []
        hours["sun"] = []
        centres.append(
            {
                "code": f"C{len(centres) + 1:02d}",
                "name": name,
                "township": township,
                "address": f"{COUNTY}{township}{street}{rng.randint(1, 199)}号",
                "phone": f"{AREA_CODE}-{rng.choice('5678')}{rng.randint(0, 999999):06d}",
                "latitude": round(lat + rng.uniform(-0.003, 0.003), 6),
                "longitude": round(lon + rng.uniform(-0.003, 0.003), 6),
                "hours": hours,
            }
        )
    return centres
