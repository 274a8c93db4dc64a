"""Intent and slots of one message: cue tables (cues.py) + slot evidence + the FAQ index's best match.

    classify_text("开结婚证明需要什么证件", ctx) → ("procedure_faq", {"category": "婚姻登记"})
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from . import cues
from .normalise import normalise
from .slots import extract

INTENTS = ("search_records", "apply_certificate", "book_appointment", "check_status", "cancel", "procedure_faq",
           "service_info", "human_handoff", "greeting", "out_of_scope")
#: Which slots mean something for which intent (a township is a centre when booking, a place when searching).
KEEP: dict[str, frozenset[str]] = {
    "search_records": frozenset({"category", "year", "place", "persons", "relation"}),
    "apply_certificate": frozenset({"category", "year", "place", "persons", "relation", "centre"}),
    "book_appointment": frozenset({"category", "relation", "centre", "date", "persons"}),
    "check_status": frozenset({"code", "category"}),
    "cancel": frozenset({"code", "centre", "date"}),
    "procedure_faq": frozenset({"category", "relation"}),
    "service_info": frozenset({"centre", "date"}),
}
_PATTERNS = {intent: [(re.compile(p), w) for p, w in pats] for intent, pats in cues.PATTERNS.items()}


@dataclass
class Analysis:
    """What one message says: normalised text, intent, slots, every intent's score, the best FAQ entry."""

    text: str
    intent: str
    slots: dict
    scores: dict[str, float] = field(default_factory=dict)
    faq: tuple[dict, float] | None = None


def cue_scores(text: str) -> dict[str, float]:
    """Each intent's score from its cue words and patterns."""
    scores = {}
    for intent in INTENTS:
        s = sum(w for word, w in cues.CUES.get(intent, {}).items() if word in text)
        s += sum(w for rx, w in _PATTERNS.get(intent, ()) if rx.search(text))
        scores[intent] = s
    return scores


def decide(scores: dict[str, float], in_domain: bool = True) -> str:
    """The winning intent; greetings yield to anything substantial, weak evidence means not understood."""
    if not in_domain and scores["out_of_scope"] >= cues.OFF_TOPIC_DECIDES:
        return "out_of_scope"
    others = {k: v for k, v in scores.items() if k != "greeting"}
    best = max(others, key=lambda k: (others[k], -INTENTS.index(k)))
    if scores["greeting"] >= cues.MIN_SCORE and others[best] < cues.GREETING_YIELDS_TO:
        return "greeting"
    if others[best] < cues.MIN_SCORE:
        return "out_of_scope"
    return best


def analyse(raw: str, lexicon, centres: list[dict], faq_index, today: date) -> Analysis:
    """Intent, slots and evidence of one message."""
    text = normalise(raw)
    slots = extract(text, raw, lexicon, centres, today)
    scores = cue_scores(text)
    for intent, weights in cues.SLOT_EVIDENCE.items():
        scores[intent] += sum(w for key, w in weights.items() if key in slots)
    if "code" in slots:
        scores["check_status"] += 3
        if scores["cancel"]:
            scores["cancel"] += 3
    best_faq = faq_index.best(text, slots.get("relation")) if faq_index is not None and text else None
    if best_faq and best_faq[1] >= cues.FAQ_MIN_COVERAGE:
        scores["procedure_faq"] += cues.FAQ_WEIGHT * best_faq[1]
    in_domain = "category" in slots or any(w in text for w in cues.DOMAIN_WORDS)
    intent = decide(scores, in_domain)
    if re.sub(r"[\s,，.。!！?？~～、]+", "", text) in cues.SEARCH_REQUESTS:  # 「查档案」 alone: a search to begin
        intent = "search_records"
    keep = KEEP.get(intent, frozenset())
    kept = {k: v for k, v in slots.items() if k in keep or k.startswith("_")}  # _private: evidence for replies
    return Analysis(text, intent, kept, scores, best_faq)
