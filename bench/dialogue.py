"""Dialogue benchmark: intent accuracy, slot F1 and per-turn latency of answer() on a demo or existing archive.

    python bench/dialogue.py [--records 20000] [--data-dir DIR] [--repeat 3] [--errors]

The evaluation set, bench/dialogue_eval.jsonl, holds hand-written citizen messages (colloquial, typos, traditional
characters, dialect, some English) with the intent and slots a person would label. It was written before the rules;
every third line (index % 3 == 2) is "held out": the rules were developed looking only at the other lines' errors,
so the held-out figures show how the rules generalise.

Measures
- intent accuracy: share of messages whose classify() intent equals the label.
- slot F1: the slots are compared as (key, value) pairs, a list slot (persons) giving one pair per element, a year
  range one pair ([from, to]); true positives, false positives and false negatives are summed over all messages
  (micro-average) and F1 = 2PR / (P + R). Only the labelled keys count: category, year, place, persons, centre,
  relation, code (the visit date, which depends on the day, is not labelled).
- latency: answer() on every message with no state, as a channel calls it (a search runs for search_records); one
  untimed warm-up pass (its p95 is reported as first_pass), then --repeat timed passes. Form turns (an application
  up to the summary, a booking up to the summary; nothing is submitted) are timed separately.

Without --data-dir a demo archive of --records records is generated and indexed in a temporary directory. With
--data-dir the existing archive there is used READ-ONLY: the SQLite database is opened with mode=ro, the index
must already exist (it is never rebuilt), and the hand-off (the only intent that writes) is not stored.
Prints one JSON line; progress and, with --errors, the misclassified messages go to stderr.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import Counter
from pathlib import Path

from _common import fresh_services, peak_rss_mb

from core.bootstrap import bootstrap
from core.settings import Settings

EVAL = Path(__file__).with_name("dialogue_eval.jsonl")
SCORED = ("category", "year", "place", "persons", "centre", "relation", "code")
TARGETS = {"intent_accuracy": 0.9, "slot_f1": 0.85, "p95_ms": 100}
VISITOR_ID = "11010519491231002X"


def log(*args) -> None:
    print(*args, file=sys.stderr, flush=True)


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return round(ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)], 2) if ordered else 0.0


def pairs(slots: dict) -> set[tuple[str, str]]:
    out = set()
    for key in SCORED:
        if key in slots:
            values = slots[key] if key == "persons" else [slots[key]]
            out |= {(key, json.dumps(v, ensure_ascii=False)) for v in values}
    return out


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return round(p, 3), round(r, 3), round(2 * p * r / (p + r), 3) if p + r else 0.0


def evaluate(services, rows: list[dict], show_errors: bool) -> dict:
    from core.dialogue import classify

    counts = {part: Counter() for part in ("all", "dev", "held_out")}
    by_intent: dict[str, Counter] = {}
    for i, row in enumerate(rows):
        intent, slots = classify(services, row["text"])
        expected, got = pairs(row["slots"]), pairs(slots)
        ok = intent == row["intent"]
        for part in ("all", "held_out" if i % 3 == 2 else "dev"):
            c = counts[part]
            c.update(n=1, ok=ok, tp=len(expected & got), fp=len(got - expected), fn=len(expected - got))
        by_intent.setdefault(row["intent"], Counter()).update(n=1, ok=ok)
        if show_errors and (not ok or expected != got):
            log(f"{'INTENT' if not ok else 'slots '} {row['text']} → {intent} (label {row['intent']}); "
                f"extra {sorted(got - expected)} missing {sorted(expected - got)}")
    out = {}
    for part, c in counts.items():
        p, r, f = f1(c["tp"], c["fp"], c["fn"])
        suffix = "" if part == "all" else f"_{part}"
        out[f"intent_accuracy{suffix}"] = round(c["ok"] / c["n"], 3)
        out[f"slot_f1{suffix}"] = f
        if part == "all":
            out["slot_precision"], out["slot_recall"] = p, r
    out["per_intent_accuracy"] = {k: round(v["ok"] / v["n"], 3) for k, v in sorted(by_intent.items())}
    return out


def _timed(services, text: str, state=None):
    from core.dialogue import answer

    t0 = time.perf_counter()
    reply = answer(services, text, state=state, channel="kiosk")
    return reply, (time.perf_counter() - t0) * 1000


def conversation(services, script: list) -> list[float]:
    """Run a scripted conversation (a callable picks a button's value); the timings of its turns."""
    state, times = None, []
    reply = None
    for step in script:
        text = step(reply) if callable(step) else step
        reply, ms = _timed(services, text, state)
        state = reply.state
        times.append(ms)
    return times


def first_button(reply) -> str:
    return reply.buttons[0].value if reply and reply.buttons else "明天"


APPLY = ["开证明", "婚姻登记", "本人", "张伟、李娜", "1985", "跳过", "房产过户", "张伟", VISITOR_ID, "跳过", "电子证明", "取消"]
BOOK = ["预约", first_button, first_button, first_button, "王芳", VISITOR_ID, "跳过", "取消"]


def latency(services, rows: list[dict], repeat: int) -> dict:
    texts = [r["text"] for r in rows]
    first = [_timed(services, t)[1] for t in texts[1:]]  # the very first turn loads jieba and the columns
    turns, search_turns, form_turns = [], [], []
    for _ in range(repeat):
        for row in rows:
            ms = _timed(services, row["text"])[1]
            turns.append(ms)
            if row["intent"] == "search_records":
                search_turns.append(ms)
        form_turns += conversation(services, APPLY) + conversation(services, BOOK)
    stats = lambda v: {"p50": percentile(v, 50), "p95": percentile(v, 95), "p99": percentile(v, 99),  # noqa: E731
                       "max": round(max(v), 2), "n": len(v)}
    return {"turn_ms": stats(turns), "first_pass_ms": stats(first), "search_turn_ms": stats(search_turns),
            "form_turn_ms": stats(form_turns)}


def read_only_services(data_dir: Path, database_url: str | None):
    url = database_url or f"sqlite:///file:{data_dir / 'lantai.db'}?mode=ro&uri=true"
    services = bootstrap(Settings.from_env({}, data_dir=data_dir, database_url=url))
    store = services.search.store
    if not store.exists():
        sys.exit(f"{data_dir}: no search index of the current schema; this benchmark never rebuilds one")

    def refuse(*args, **kwargs):
        raise RuntimeError("bench/dialogue.py must not rebuild an existing archive's index")

    store.rebuild = refuse
    import core.dialogue.engine as engine

    engine.create_handoff = lambda services, **kwargs: 0  # the one write of the dialogue: not in a read-only run
    return services


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=20_000, help="demo archive size when no --data-dir")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data-dir", type=Path, help="an existing archive (used read-only)")
    parser.add_argument("--database-url", help="with --data-dir: its database if not the SQLite file there")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--errors", action="store_true", help="list misclassified messages on stderr")
    args = parser.parse_args()
    rows = [json.loads(line) for line in EVAL.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.data_dir:
        services = read_only_services(args.data_dir.resolve(), args.database_url)
        with services.sessions() as s:
            from sqlalchemy import func, select

            from core.models import Record
            records = s.scalar(select(func.count(Record.id)))
    else:
        from core.catalogue.demo_loader import load_demo

        services = fresh_services()
        log(f"loading a demo archive of {args.records} records …")
        load_demo(services, records=args.records, seed=args.seed, progress=False, index=True)
        records = args.records
    services.search.warm_up()
    log("classifying the evaluation set …")
    result = {"bench": "dialogue", "records": records, "data_dir": str(args.data_dir) if args.data_dir else None,
              "db": services.engine.dialect.name, "messages": len(rows), "held_out": len(rows[2::3])}
    result.update(evaluate(services, rows, args.errors))
    log("timing answer() …")
    result.update(latency(services, rows, args.repeat))
    result["peak_rss_mb"] = peak_rss_mb()
    result["targets"] = TARGETS
    result["targets_met"] = {"intent_accuracy": result["intent_accuracy"] >= TARGETS["intent_accuracy"],
                             "slot_f1": result["slot_f1"] >= TARGETS["slot_f1"],
                             "p95_ms": result["turn_ms"]["p95"] <= TARGETS["p95_ms"]}
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
