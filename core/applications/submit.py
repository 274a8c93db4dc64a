"""Submitting a 查档申请: check every field (in Chinese), check eligibility, identify the applicant, file it."""
from __future__ import annotations

import re
import secrets
from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..bootstrap import Services
from ..citizens import identify_citizen
from ..clock import local_today
from ..eligibility import check_eligibility
from ..errors import Conflict, InvalidInput, NotFound
from ..models import Application, Citizen, ServiceCentre
from ..models.workflow import CHANNELS
from ..search.text import fold_name
from . import rules
from .workflow import record_transition

_NAME_SPLIT = re.compile(r"[、，,；;\s]+")
_PHONE = re.compile(r"^\+?[\d\- ]{7,20}$")
_ALREADY_SUBMITTED = "这份申请已经提交过了，不会重复提交。"


def _text(value, label: str, *, limit: int, required: bool = True) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InvalidInput(f"请填写{label}。")
        return None
    if not isinstance(value, str):
        raise InvalidInput(f"{label}应为文字。")
    value = value.strip()
    if len(value) > limit:
        raise InvalidInput(f"{label}不能超过{limit}个字（现在{len(value)}个）。")
    return value


def _subject_names(value) -> list[str]:
    if isinstance(value, str):
        value = _NAME_SPLIT.split(value)
    if not isinstance(value, (list, tuple)) or not all(isinstance(n, str) for n in value):
        raise InvalidInput("档案当事人姓名应为姓名列表。")
    names = list(dict.fromkeys(n.strip() for n in value if n.strip()))  # drop blanks and repeats, keep order
    if not names:
        raise InvalidInput("请填写档案当事人的姓名。")
    if len(names) > rules.MAX_SUBJECTS:
        raise InvalidInput(f"一份申请最多填写{rules.MAX_SUBJECTS}位当事人，请分开申请。")
    for n in names:
        if len(n) > rules.MAX_NAME:
            raise InvalidInput(f"姓名「{n[:10]}…」过长（最多{rules.MAX_NAME}个字）。")
    return names


def _years(year_from, year_to, this_year: int) -> tuple[int, int]:
    for value in (year_from, year_to):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise InvalidInput("年份应为整数，如 1985。")
    if year_from is None and year_to is None:
        raise InvalidInput("请填写档案形成的年份（大概的年份或起止年份）。")
    year_from = year_to if year_from is None else year_from
    year_to = year_from if year_to is None else year_to
    for y in (year_from, year_to):
        if not rules.EARLIEST_YEAR <= y <= this_year:
            raise InvalidInput(f"年份 {y} 不在 {rules.EARLIEST_YEAR}–{this_year} 之间，请核对。")
    if year_from > year_to:
        raise InvalidInput(f"起始年份 {year_from} 晚于截止年份 {year_to}，请核对。")
    return year_from, year_to


def _delivery(session: Session, delivery) -> tuple[str, int | None]:
    if not isinstance(delivery, dict):
        raise InvalidInput("请选择取件方式：到服务中心领取（pickup）或电子证明（electronic）。")
    kind, centre_id = delivery.get("type"), delivery.get("centre_id")
    if not isinstance(kind, str) or kind not in rules.DELIVERY_LABELS:
        raise InvalidInput("取件方式应为 pickup（到服务中心领取）或 electronic（电子证明）。")
    if kind == "electronic":
        return kind, None  # an electronic certificate is not picked up anywhere
    if centre_id is None:
        raise InvalidInput("到服务中心领取时，请选择领取的服务中心。")
    if isinstance(centre_id, str) and centre_id.strip().isdigit():
        centre_id = int(centre_id)
    if isinstance(centre_id, bool) or not isinstance(centre_id, int) or not 0 < centre_id < 2**31:
        raise InvalidInput("服务中心编号应为正整数。")
    if session.get(ServiceCentre, centre_id) is None:
        raise InvalidInput(f"没有编号为 {centre_id} 的服务中心，请重新选择。")
    return kind, centre_id


def _applicant(applicant) -> tuple[str, str, str | None]:
    if not isinstance(applicant, dict):
        raise InvalidInput("请填写申请人的姓名和身份证号码。")
    name = _text(applicant.get("name"), "申请人姓名", limit=rules.MAX_NAME)
    id_number = applicant.get("id_number")
    if not isinstance(id_number, str) or not id_number.strip():
        raise InvalidInput("请填写申请人的身份证号码。")
    phone = _text(applicant.get("phone"), "联系电话", limit=20, required=False)
    if phone and not _PHONE.match(phone):
        raise InvalidInput("联系电话应为数字，如 13800138000 或 0571-88888888。")
    return name, id_number, phone


def _registered_name(services: Services, citizen_id) -> str:
    """The name of a citizen identified earlier (by ID card at a kiosk), or NotFound."""
    if isinstance(citizen_id, bool) or not isinstance(citizen_id, int):
        raise InvalidInput("申请人编号应为整数。")
    with services.sessions() as s:
        citizen = s.get(Citizen, citizen_id)
        if citizen is None:
            raise NotFound("没有这位申请人的记录，请重新刷身份证。")
        return citizen.name


def _reserved_code(code) -> str:
    code = normalise_pickup_code(code)
    if len(code) != rules.CODE_LENGTH or any(ch not in rules.CODE_ALPHABET for ch in code):
        raise InvalidInput("预留的取件码格式不对，请重新填写申请。")
    return code


def _same_person(a: str, b: str) -> bool:
    return fold_name(a) == fold_name(b)


def new_pickup_code(session: Session) -> str:
    """A pickup code no other application has (retried on the rare collision)."""
    for _ in range(10):
        code = "".join(secrets.choice(rules.CODE_ALPHABET) for _ in range(rules.CODE_LENGTH))
        if session.scalar(select(Application.id).where(Application.pickup_code == code)) is None:
            return code
    raise RuntimeError("could not find a free pickup code")  # 31^10 codes: only a broken RNG gets here


def normalise_pickup_code(code: str) -> str:
    """The code as stored: upper case, without the spaces and dashes people type or the slip prints."""
    return re.sub(r"[\s\-]", "", str(code or "")).upper()


def submit_application(services: Services, *, channel: str, applicant: dict | None = None, relation: str,
                       subject_names: list[str], category: str, year_from: int | None, year_to: int | None,
                       place: str | None, purpose: str, delivery: dict, chat_id: int | None = None,
                       actor: str | None = None, citizen_id: int | None = None,
                       pickup_code: str | None = None) -> Application:
    """File an application (status submitted) with its due date; audited and announced to the applicant.

    `actor` is the clerk ("staff:<username>") for window applications; by default the applicant themself.
    `citizen_id` files it for a citizen identified earlier (the kiosk's visitor) instead of `applicant`, so the
    caller never handles the ID number again. `pickup_code`, reserved with `new_pickup_code` when the form began,
    makes filing idempotent: the same form filed twice (a double tap) is a Conflict "already_submitted".
    """
    if channel not in CHANNELS:
        raise InvalidInput(f"申请渠道应为 {' / '.join(CHANNELS)} 之一。")
    if citizen_id is None:
        name, id_number, phone = _applicant(applicant)
    else:
        name = _registered_name(services, citizen_id)
    code = None if pickup_code is None else _reserved_code(pickup_code)
    eligibility = check_eligibility(category, relation)
    if not eligibility.allowed:
        raise InvalidInput(f"无法受理：{eligibility.reason}", code="not_eligible")
    names = _subject_names(subject_names)
    today = local_today(services.settings.timezone)
    year_from, year_to = _years(year_from, year_to, today.year)
    place = _text(place, "地点", limit=rules.MAX_PLACE, required=False)
    purpose = _text(purpose, "查档用途", limit=rules.MAX_PURPOSE)
    if chat_id is not None and (isinstance(chat_id, bool) or not isinstance(chat_id, int) or abs(chat_id) >= 2**63):
        raise InvalidInput("chat_id 应为整数。")
    if eligibility.relation == "self" and not any(_same_person(name, n) for n in names):
        raise InvalidInput(f"您选择了「本人」，但当事人姓名中没有申请人{name}。查他人的档案请选择与当事人的关系"
                           "（委托代理人、监护人、近亲属/继承人等）。", code="not_self")
    days = rules.DUE_WORKING_DAYS.get(eligibility.category, rules.DEFAULT_DUE_WORKING_DAYS)
    with services.sessions.begin() as s:
        if code and s.scalar(select(Application.id).where(Application.pickup_code == code)) is not None:
            raise Conflict(_ALREADY_SUBMITTED, code="already_submitted")
        kind, centre_id = _delivery(s, delivery)
        if citizen_id is None:
            citizen = identify_citizen(s, services.vault, name=name, id_number=id_number, phone=phone)
        else:
            citizen = s.get(Citizen, citizen_id)
        now = datetime.now(timezone.utc)
        application = Application(
            pickup_code=code or new_pickup_code(s), channel=channel, citizen_id=citizen.id,
            relation=eligibility.relation, subject_names=names, category=eligibility.category, year_from=year_from,
            year_to=year_to, place=place, purpose=purpose, delivery=kind, centre_id=centre_id, status="submitted",
            chat_id=chat_id, submitted_at=now, updated_at=now, due_date=services.calendar.add_working_days(today, days))
        s.add(application)
        try:
            s.flush()
        except IntegrityError:
            if code:  # the same form filed at the same moment by a second request: its twin won
                raise Conflict(_ALREADY_SUBMITTED, code="already_submitted") from None
            raise
        record_transition(s, application, None, "submitted", actor=actor or f"citizen:{citizen.id}",
                          note=f"经{rules.CHANNEL_LABELS[channel]}提交", papers="；".join(eligibility.papers))
    return application
