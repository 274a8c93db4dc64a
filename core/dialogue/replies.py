"""Answers that read the archive: catalogue search (public audience), service centres, application status."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..applications import describe, find_by_pickup_code
from ..search.summary import restricted_by_category, years_text
from ..appointments import list_centres
from ..clock import WEEKDAY_NAMES
from ..errors import InvalidInput, NotFound
from ..models import Application, Archive
from ..models.places import WEEKDAYS
from ..vocabulary import LIVELIHOOD_CATEGORIES
from .explain import explain
from .i18n import WEEKDAYS_EN, category_label, localise, status_label
from .reply import Button, buttons, fits
from .texts import say

SEARCH_LIMIT = 5
TRANSFER_YEARS = 10  # records reach the archive about ten years after creation (Regulations 2024, Art. 20)
_AGENCY = {"婚姻登记": "民政局婚姻登记处", "学籍": "学校或教育局", "房地产": "不动产登记中心", "计划生育": "卫生健康部门",
           "招工工龄": "人力资源和社会保障局", "退伍安置": "退役军人事务局", "林权": "林业部门", "公证": "公证处"}


def search_query(text: str, slots: dict) -> str:
    """What to hand the catalogue search: the understood parts only (names, kind, years, place, title words), so
    that 「我想查查我爸爸的工龄，他七几年进的厂」 becomes 「工龄 1970到1979年」, a filter-only query the database
    answers, instead of free text whose leftover words («他», «进的厂») make a slow, loose full-text search."""
    if slots.get("_exact") or not any(slots.get(k) for k in ("persons", "_category_words", "place")):
        return text  # years alone would be a walk over a whole year; the words as typed narrow it better
    parts = list(slots.get("persons") or []) + list(slots.get("_category_words") or [])
    if year := slots.get("year"):
        parts.append(f"{year[0]}年" if year[0] == year[1] else f"{year[0]}到{year[1]}年")
    parts += ([slots["place"]] if slots.get("place") else []) + list(slots.get("_keywords") or [])
    return " ".join(parts) or text


def search_reply(services, query: str, slots: dict, today: date, lang: str = "zh") -> tuple[str, list[Button]]:
    """Summarise a public search: open records in full, restricted ones as counts with a hint to apply."""
    try:
        result = services.search.search(query, audience="public", limit=SEARCH_LIMIT)
    except InvalidInput as e:
        return localise(e.message, lang), buttons(("常见问题", "查档要带什么材料"), lang=lang)
    lines, hits = [], result["hits"]
    if result["relaxed"]:
        lines.append(say("search_relaxed", lang, note=localise(result["relaxed"], lang)))
    if hits:
        total, more = result["total"], "" if result.get("total_exact", True) else ("+" if lang == "en" else "多")
        if not total:  # no exact match: these are looser ones
            lines.append(say("search_loose", lang))
        elif total > len(hits):
            lines.append(say("search_some", lang, total=total, more=more, n=len(hits)))
        else:
            lines.append(say("search_all", lang, total=total))
        lines += [say("search_hit", lang, title=h["title"], date=h["date"], ref=h["ref"]) for h in hits]
    restricted = restricted_by_category(result["restricted"])
    for i, line in enumerate(restricted):
        first = not hits and i == 0  # 「另有」 only after something was listed
        lines.append(say("search_restricted_only" if first else "search_restricted", lang, n=line["count"],
                         category=category_label(line["category"], lang), years=years_text(line["years"], lang)))
    if not hits and not restricted:
        lines.append(say("search_none", lang))
    year, category = slots.get("year"), slots.get("category") or (restricted[0]["category"] if restricted else None)
    if year and year[1] > today.year - TRANSFER_YEARS:
        agency = _AGENCY.get(category or "", "形成档案的单位")
        if lang == "en":
            agency = f"the office that made them ({agency})"
        lines.append(say("search_recent", lang, n=TRANSFER_YEARS, agency=agency))
    if note := explain(category, slots.get("relation"), lang):
        lines.append(note)
    offer = bool(restricted) or (category in LIVELIHOOD_CATEGORIES)
    btns = buttons(("申请出证明", "开证明"), ("预约到窗口办", "预约"), lang=lang) if offer else []
    return "\n".join(lines), btns


def _hours_line(hours: list[dict], lang: str = "zh") -> str:
    """Weekdays with the same hours grouped: 星期一至星期五 08:30–12:00；星期六 休息 …"""
    groups: list[tuple[list[str], str]] = []
    for i, h in enumerate(hours):
        name, text = (WEEKDAYS_EN[i], h["text"].replace("休息", "closed").replace("、", ", ")) if lang == "en" \
            else (h["name"], h["text"])
        if groups and groups[-1][1] == text:
            groups[-1][0].append(name)
        else:
            groups.append(([name], text))
    if lang == "en":
        return "; ".join(f"{d[0]}–{d[-1]} {t}" if len(d) > 2 else f"{', '.join(d)} {t}" for d, t in groups)
    return "；".join(f"{d[0]}至{d[-1][-1]} {t}" if len(d) > 2 else f"{'、'.join(d)} {t}" for d, t in groups)


def _today_text(centre: dict, calendar, today: date, lang: str = "zh") -> str:
    if calendar.is_holiday(today):
        return say("today_holiday", lang)
    day = WEEKDAYS[today.weekday()]
    if today.weekday() >= 5 and calendar.is_working_day(today):
        day = "mon"  # a 调休 working weekend keeps Monday's hours
    text = next(h["text"] for h in centre["hours"] if h["day"] == day)
    if lang == "en":
        text = text.replace("休息", "closed").replace("、", ", ")
    if today.isoformat() in centre["closed_days"]:
        text = say("today_closed", lang)
    weekday = WEEKDAYS_EN[today.weekday()] if lang == "en" else WEEKDAY_NAMES[today.weekday()]
    return say("today_hours", lang, weekday=weekday, hours=text)


def centre_reply(services, township: str | None, near: bool, today: date,
                 lang: str = "zh") -> tuple[str, list[Button], bool]:
    """Hours, address and phone of one centre, or all of them; asks for a location for the nearest one."""
    centres = list_centres(services)
    one = next((c for c in centres if c["township"] == township), None)
    if one:
        text = say("centre_one", lang, name=one["name"], address=one["address"], phone=one["phone"] or "—",
                   hours=_hours_line(one["hours"], lang), today=_today_text(one, services.calendar, today, lang))
        upcoming = [d for d in one["closed_days"] if d >= today.isoformat()][:3]
        if upcoming:
            text += say("also_closed", lang, days=("、" if lang != "en" else ", ").join(upcoming))
        return text, buttons(("预约这里", fits(f"预约{one['name']}", f"预约{one['township']}")), lang=lang), False
    lines = []
    if near:
        lines.append(say("send_location", lang))
    elif not centres:
        return say("no_centres", lang), [], False
    for c in centres:
        lines.append(say("centre_line", lang, name=c["name"], address=c["address"], phone=c["phone"] or "—",
                         today=_today_text(c, services.calendar, today, lang)))
    with services.sessions() as s:
        archive = s.scalar(select(Archive).order_by(Archive.id).limit(1))
    if archive is not None and archive.address:
        phone = say("phone_suffix", lang, phone=archive.phone) if archive.phone else ""
        lines.append(f"{archive.name}：{archive.address}{phone}" if lang != "en"
                     else f"{archive.name}: {archive.address}{phone}")
    return "\n".join(lines), [Button(c["name"], fits(f"{c['name']}几点开门", f"{c['township']}几点开门"))
                               for c in centres[:10]], near


def status_text(services, code: str, lang: str = "zh") -> str:
    """What the pickup code's application shows the public (masked names, status, due date)."""
    with services.sessions() as s:
        data = describe(services, s, find_by_pickup_code(s, code), staff=False, with_history=True)
    return _status_line(code, data, lang)


def _status_line(code: str, data: dict, lang: str = "zh") -> str:
    due = date.fromisoformat(data["due_date"])
    text = say("status_line", lang, code=code.upper(), category=category_label(data["category"], lang),
               subjects="、".join(data["subject_names"]),
               status=status_label(data["status"], data["status_label"], lang))
    if data["status"] in ("submitted", "in_review", "approved", "needs_info"):
        text += say("status_overdue" if data["overdue"] else "status_due", lang, month=due.month, day=due.day, due=due)
    notes = [h["note"] for h in data["history"] or [] if h.get("note")]
    if data["status"] in ("needs_info", "rejected") and notes:
        text += say("status_note", lang, note=notes[-1])
    if data.get("verify_url"):
        text += say("status_verify", lang, url=data["verify_url"])
    if data["status"] == "issued" and data["delivery"] == "pickup":
        text += say("status_pickup", lang, centre=data["centre"])
    return text


def my_applications(services, citizen_id: int, limit: int = 5, lang: str = "zh") -> str | None:
    """The bound citizen's latest applications, one line each; None when there are none."""
    with services.sessions() as s:
        rows = list(s.scalars(select(Application).where(Application.citizen_id == citizen_id)
                              .order_by(Application.id.desc()).limit(limit)))
        if not rows:
            return None
        return "\n\n".join(_status_line(a.pickup_code, describe(services, s, a, staff=False), lang) for a in rows)


def status_or_error(services, code: str, lang: str = "zh") -> tuple[str, bool]:
    """(text, found)."""
    try:
        return status_text(services, code, lang), True
    except NotFound as e:
        return localise(e.message, lang), False
