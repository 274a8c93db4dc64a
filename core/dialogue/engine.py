"""The conversation engine every channel drives: one message in, one Reply out, the state carried by the channel.

    reply = answer(services, "我想开个结婚证明", state=None, channel="bot")
    reply.text, reply.buttons, reply.state  → the next message goes in with state=reply.state

State (JSON): {"flow": the form in progress or None, "misses": misunderstandings in a row, "pending": the first
question not understood, "transcript": the last turns (ID numbers masked), "last": intent and slots of the last
search, for a follow-up 「开证明」}. The state comes back from the client on /api/ask, so it is checked, and a bad
one starts afresh; it never decides who may do what (citizen_id is the channel's word, never the state's).
"""
from __future__ import annotations

import logging
import re
from datetime import datetime, timezone

from ..errors import InvalidInput
from ..identity import redact_id_numbers
from ..models import Citizen
from . import apply_form, book_form, cues, forms, visits
from .context import context
from .explain import KIN_RELATIONS, explain
from .handoff import create_handoff
from .intents import KEEP, analyse
from .replies import centre_reply, search_query, search_reply
from .reply import Button, Reply, buttons
from .texts import MENU, MENU_EN, say

log = logging.getLogger("lantai.dialogue")
CHANNELS = ("bot", "kiosk", "window")
COMMANDS = ("search", "apply", "book", "status", "cancel", "help", "start")
FORMS = {"apply": apply_form.SPEC, "book": book_form.SPEC}
FLOW_INTENT = {"apply": "apply_certificate", "book": "book_appointment", "cancel": "cancel",
               "status": "check_status", "search": "search_records"}
SIDE_INTENTS = ("procedure_faq", "service_info")  # answered in the middle of a form, which then goes on
SIDE_MIN_SCORE = 5.0
MAX_TEXT = 500
TRANSCRIPT_TURNS = 20
FAQ_MIN_COVERAGE = 0.25
FAQ_SURE = 0.5  # below this an entry is shown only when the eligibility rules have nothing more precise
NEAR_WORDS = ("最近", "附近", "离我", "nearest")
CJK = re.compile(r"[\u3400-\u9fff]")


def _load(state) -> dict:
    st = dict(state) if isinstance(state, dict) else {}
    flow = st.get("flow")
    if not (isinstance(flow, dict) and flow.get("form") in FLOW_INTENT and isinstance(flow.get("data"), dict)
            and isinstance(flow.get("history"), list)):
        flow = None
    misses = st.get("misses")
    transcript = st.get("transcript")
    last = st.get("last")
    return {"flow": flow, "misses": misses if isinstance(misses, int) and 0 <= misses < 100 else 0,
            "pending": st.get("pending") if isinstance(st.get("pending"), str) else None,
            "transcript": [t for t in transcript if isinstance(t, dict)][-TRANSCRIPT_TURNS:]
            if isinstance(transcript, list) else [],
            "last": last if isinstance(last, dict) and isinstance(last.get("slots"), dict) else None}


TURN_CHARS = 300  # of each turn kept in the transcript (the hand-off queue shows it to staff)


def transcript_text(text: str) -> str:
    """A turn as the transcript keeps it: ID numbers masked, at most TURN_CHARS."""
    return redact_id_numbers(text)[:TURN_CHARS]


def _log(st: dict, who: str, text: str) -> None:
    st["transcript"].append({"from": who, "text": transcript_text(text),
                             "at": datetime.now(timezone.utc).isoformat(timespec="seconds")})
    del st["transcript"][:-TRANSCRIPT_TURNS]


def _citizen(services, citizen_id: int | None) -> dict | None:
    if citizen_id is None:
        return None
    with services.sessions() as s:
        c = s.get(Citizen, citizen_id)
        return {"id": c.id, "name": c.name, "masked": c.id_masked} if c else None


def public(slots: dict) -> dict:
    """Slots without the engine's private evidence."""
    return {k: v for k, v in slots.items() if not k.startswith("_")}


def classify(services, text: str) -> tuple[str, dict]:
    """The intent and slots of one message."""
    ctx = context(services)
    a = _catalogue_words(services, analyse(text or "", ctx.lexicon, ctx.centres, ctx.faq, ctx.today))
    return a.intent, public(a.slots)


def _catalogue_words(services, a):
    """A message the rules did not understand whose words find catalogue records (「县革命委员会防汛」: title words
    without a verb) is a search: the strict level of the search must match, a loosened one is no evidence."""
    if a.intent != "out_of_scope" or a.scores.get("out_of_scope", 0) >= cues.OFF_TOPIC_DECIDES \
            or len(CJK.findall(a.text)) < 2 or forms.control_word(a.text):
        return a
    try:
        result = services.search.search(search_query(a.text, a.slots), audience="public", limit=1)
    except InvalidInput:
        return a
    if not result["relaxed"] and (result["total"] or result["restricted"]):
        a.intent = "search_records"
        a.slots = {k: v for k, v in a.slots.items() if k in KEEP["search_records"] or k.startswith("_")}
    return a


def answer(services, text: str, *, state: dict | None = None, channel: str = "bot", lang: str = "zh",
           citizen_id: int | None = None, chat_id: int | None = None, command: str | None = None,
           centre_id: int | None = None) -> Reply:
    """Answer one message (or start the flow of a command) and return the reply with the next state."""
    if channel not in CHANNELS:
        raise InvalidInput(f"channel 应为 {' / '.join(CHANNELS)} 之一。")
    if command is not None and command not in COMMANDS:
        raise InvalidInput(f"command 应为 {' / '.join(COMMANDS)} 之一。")
    lang = "en" if str(lang or "").lower().startswith("en") else "zh"
    st, text = _load(state), (text or "").strip()
    if len(text) > MAX_TEXT:
        return Reply("out_of_scope", {}, say("long", lang), state=st)
    rctx = context(services)
    ctx = forms.FormCtx(services, lang, channel, chat_id, _citizen(services, citizen_id), rctx.today, rctx.centres,
                        centre_id)
    if text:
        _log(st, "citizen", text)
    reply = _turn(ctx, rctx, st, text, command)
    _log(st, "bot", reply.text)
    reply.state = st
    return reply


def _turn(ctx, rctx, st: dict, text: str, command: str | None) -> Reply:
    if command:
        return _command(ctx, st, command)
    if not text:
        return Reply("out_of_scope", {}, say("empty", ctx.lang), _menu(ctx))
    if not st["flow"] and forms.bare(text) in cues.SEARCH_REQUESTS:  # the 「查档案」 button: ask what to look for
        return _command(ctx, st, "search")
    a = analyse(text, rctx.lexicon, rctx.centres, rctx.faq, rctx.today)
    flow = st["flow"]
    if not flow:
        a = _catalogue_words(ctx.services, a)
    if flow and a.intent == "human_handoff" and forms.control_word(text) is None:
        st["flow"] = None
        return _by_intent(ctx, st, a, text)
    if flow:
        if flow["form"] in FORMS and a.intent in SIDE_INTENTS and a.scores[a.intent] >= SIDE_MIN_SCORE:
            side = _by_intent(ctx, st, a, text)
            again = forms.reprompt(FORMS[flow["form"]], ctx, flow, say("continue_form", ctx.lang))
            return Reply(FLOW_INTENT[flow["form"]], public(a.slots), side.text + again.text, again.buttons)
        return _advance(ctx, st, flow, text, a)
    return _by_intent(ctx, st, a, text)


def _advance(ctx, st: dict, flow: dict, text: str, a) -> Reply:
    intent = FLOW_INTENT[flow["form"]]
    if flow["form"] == "search":  # after the search command: the message is the query, whatever it sounds like
        st["flow"] = None
        if forms.control_word(text) == "cancel":
            return Reply(intent, {}, say("cancelled_flow", ctx.lang), _menu(ctx))
        return _by_intent(ctx, st, a, text, force="search_records")
    try:
        if flow["form"] in FORMS:
            turn = forms.advance(FORMS[flow["form"]], ctx, flow, text)
        elif flow["form"] == "cancel":
            turn = visits.advance_cancel(ctx, flow, text)
        else:
            turn = visits.advance_status(ctx, flow, text)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        # the state came from outside (a client on /api/ask) and does not fit the form: start afresh
        log.warning("dialogue: discarded a %s flow state that does not fit", flow.get("form"), exc_info=True)
        st["flow"] = None
        return Reply(intent, {}, say("stale_state", ctx.lang), _menu(ctx))
    st["flow"] = turn.flow
    st["misses"] = st["misses"] + 1 if turn.invalid else 0
    btns = turn.buttons + (buttons("转人工", lang=ctx.lang) if st["misses"] >= 2 and turn.flow else [])
    return Reply(intent, {}, turn.text, btns, action=turn.action)


def _command(ctx, st: dict, command: str) -> Reply:
    if command == "cancel" and st["flow"]:
        st["flow"] = None
        return Reply("cancel", {}, say("cancelled_flow", ctx.lang), _menu(ctx))
    st["flow"], st["misses"] = None, 0
    if command == "search":
        st["flow"] = {"form": "search", "step": "query", "data": {}, "history": []}
        return Reply("search_records", {}, say("search_prompt", ctx.lang), buttons("取消", lang=ctx.lang))
    if command in ("apply", "book"):
        return _form(ctx, st, command, {}, "")
    if command == "status":
        return _visit_turn(ctx, st, "check_status", visits.start_status(ctx, {}), {})
    if command == "cancel":
        return _visit_turn(ctx, st, "cancel", visits.start_cancel(ctx, "", {}), {})
    return Reply("greeting", {}, say("help" if command == "help" else "welcome", ctx.lang), _menu(ctx))


def _menu(ctx) -> list[Button]:
    return [Button(label, value) for label, value in (MENU_EN if ctx.lang == "en" else MENU)]


def _form(ctx, st: dict, name: str, slots: dict, intro: str) -> Reply:
    spec = FORMS[name]
    turn = forms.start(spec, ctx, slots, intro)
    st["flow"] = turn.flow
    return Reply(spec.intent, public(slots), turn.text, turn.buttons, action=turn.action)


def _visit_turn(ctx, st: dict, intent: str, turn, slots: dict) -> Reply:
    st["flow"] = turn.flow
    return Reply(intent, public(slots), turn.text, turn.buttons, action=turn.action)


def _by_intent(ctx, st: dict, a, text: str, force: str | None = None) -> Reply:
    reply = _reply(ctx, st, a, text, force)
    if reply.intent != "out_of_scope":  # understood: the count of misunderstandings in a row starts again
        st["misses"], st["pending"] = 0, None
    return reply


def _reply(ctx, st: dict, a, text: str, force: str | None) -> Reply:
    intent, slots = force or a.intent, public(a.slots)
    services = ctx.services
    if intent == "search_records":
        body, btns = search_reply(services, search_query(a.text or text, a.slots), slots, ctx.today, ctx.lang)
        st["last"] = {"intent": intent, "slots": slots}
        return Reply(intent, slots, body, btns + buttons("转人工", lang=ctx.lang))
    if intent == "apply_certificate":
        if not slots.get("category") and st["last"]:  # 「开证明」 right after a search: apply for what was searched
            slots = {**st["last"]["slots"], **slots}
        kin = slots.get("relation") in KIN_RELATIONS
        intro = explain(slots.get("category"), slots.get("relation"), ctx.lang) if kin else None
        return _form(ctx, st, "apply", slots, intro + "\n\n" if intro else "")
    if intent == "book_appointment":
        return _form(ctx, st, "book", slots, "")
    if intent == "check_status":
        return _visit_turn(ctx, st, intent, visits.start_status(ctx, slots), slots)
    if intent == "cancel":
        return _visit_turn(ctx, st, intent, visits.start_cancel(ctx, a.text, slots), slots)
    if intent == "procedure_faq":
        return _faq(ctx, st, a, slots)
    if intent == "service_info":
        near = any(w in a.text for w in NEAR_WORDS)
        body, btns, ask = centre_reply(services, slots.get("centre"), near, ctx.today, ctx.lang)
        return Reply(intent, slots, body, btns, action={"type": "ask_location"} if ask else None,
                     request_location=ask)
    if intent == "human_handoff":
        return _handoff(ctx, st, text)
    if intent == "greeting":
        key = "thanks" if "谢" in a.text else "bye" if "再见" in a.text or "拜拜" in a.text else "welcome"
        return Reply(intent, {}, say(key, ctx.lang), _menu(ctx) if key == "welcome" else [])
    return _miss(ctx, st, a, text)


def _faq(ctx, st: dict, a, slots: dict) -> Reply:
    entry = a.faq[0] if a.faq and a.faq[1] >= FAQ_MIN_COVERAGE else None
    note = explain(slots.get("category"), slots.get("relation"), ctx.lang)
    if entry is None and note is None:
        return _miss(ctx, st, a, a.text)
    parts = []
    if entry is not None and not (note and a.faq[1] < FAQ_SURE):  # the rules' own answer beats a vague entry
        parts.append(entry.answer_en if ctx.lang == "en" and entry.answer_en else entry.answer)
    if note and (not parts or entry.relation != slots.get("relation")):
        parts.append(note)
    return Reply("procedure_faq", slots, "\n".join(parts), buttons("开证明", "预约", "转人工", lang=ctx.lang))


def _miss(ctx, st: dict, a, text: str) -> Reply:
    st["misses"] += 1
    if st["misses"] == 1 or not st["pending"]:
        st["pending"] = text
    off_topic = a.scores.get("out_of_scope", 0) >= 4
    body = say("out_of_scope" if off_topic else "not_understood", ctx.lang)
    btns = _menu(ctx)
    if st["misses"] >= 2:
        body += "\n" + say("offer_handoff", ctx.lang)
        btns = buttons("转人工", lang=ctx.lang) + btns
    return Reply("out_of_scope", public(a.slots), body, btns)


def _handoff(ctx, st: dict, text: str) -> Reply:
    question = st["pending"] or next((t["text"] for t in reversed(st["transcript"][:-1])
                                      if t.get("from") == "citizen"), None) or text
    handoff_id = create_handoff(ctx.services, question=question, transcript=st["transcript"], channel=ctx.channel,
                                chat_id=ctx.chat_id, citizen_id=ctx.citizen["id"] if ctx.citizen else None,
                                centre_id=ctx.centre_id)
    st["misses"], st["pending"], st["flow"] = 0, None, None
    return Reply("human_handoff", {}, say("handoff_done", ctx.lang, id=handoff_id), [],
                 action={"type": "handoff", "handoff_id": handoff_id})
