"""English for what the engine shows from core: category and relation names, papers, status labels, dates, and the
common Chinese messages of core services (ID check character, missing fields …), mapped when the user reads English.
Catalogue titles and 档号 stay as they are; a category keeps its Chinese name with an English gloss."""
from __future__ import annotations

import re
from datetime import date

from ..appointments.slots import md
from ..eligibility import RELATIONS

CATEGORY_EN: dict[str, str] = {
    "婚姻登记": "marriage registration", "计划生育": "family planning", "知青": "sent-down youth",
    "招工工龄": "employment and length of service", "学籍": "school records", "退伍安置": "veterans' resettlement",
    "工伤认定": "work injury", "房地产": "real estate", "林权": "forest rights", "公证": "notarial records",
    "收养": "adoption", "文书": "administrative documents",
}
RELATION_EN: dict[str, str] = {
    "self": "yourself", "agent": "authorised agent", "guardian": "guardian", "kin": "next of kin / heir",
    "authority": "court, procuratorate or police", "lawyer": "lawyer", "other": "someone else",
}
PAPERS_EN: dict[str, str] = {
    "申请人本人的有效身份证件": "your own valid ID card",
    "单位介绍信（写明查档事项）": "a letter from your organisation stating the request",
    "经办人工作证": "the officer's work ID",
    "当事人（委托人）的身份证件": "the ID card of the person in the record (who authorises you)",
    "代理人本人的有效身份证件": "your own valid ID card (as agent)",
    "载明查档事项的书面授权委托书": "a written authorisation stating the request",
    "被监护人的身份证件或户口簿": "the ward's ID card or household register",
    "监护人本人的有效身份证件": "your own valid ID card (as guardian)",
    "监护关系证明（户口簿、法院判决书或村居委会证明）": "proof of guardianship (household register, court ruling or "
                                             "village/residents' committee certificate)",
    "当事人的死亡证明": "the death certificate of the person in the record",
    "亲属关系或继承关系证明（户口簿、亲属关系证明、继承公证书等）": "proof of kinship or inheritance (household register, "
                                                 "kinship certificate, notarised inheritance deed …)",
    "律师执业证": "your lawyer's licence", "律师事务所介绍信": "a letter from your law firm",
    "人民法院出具的调查令或立案证明（仅限诉讼案件）": "a court investigation order or case filing certificate "
                                          "(litigation only)",
    "经公证的授权委托书（婚姻档案须公证，写明查档事项）": "a NOTARISED authorisation stating the request (required "
                                              "for marriage records)",
}
STATUS_EN: dict[str, str] = {
    "submitted": "submitted", "in_review": "in review", "needs_info": "more papers needed", "approved": "approved",
    "issued": "certificate issued", "delivered": "collected/delivered", "rejected": "not approved",
    "withdrawn": "withdrawn",
}
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_CJK = re.compile(r"[\u3400-\u9fff]")
#: Common Chinese messages of core services → English (first match wins; groups are carried over).
CORE_MESSAGES: list[tuple[re.Pattern, str]] = [(re.compile(p), en) for p, en in (
    (r"校验位不符", "The ID number's check character does not match: a digit may be mistyped. Please check it."),
    (r"身份证号码应为18位.*您输入了(\d+)位", r"An ID number has 18 characters (or 15 for old cards); you typed \1."),
    (r"前17位应为数字", "The first 17 characters of an ID number are digits; the last is a digit or X."),
    (r"15位身份证号码只能由数字组成", "A 15-character ID number has digits only."),
    (r"地区码不正确", "The region code of the ID number (first two digits) is not valid."),
    (r"出生日期", "The date of birth in the ID number (characters 7–14) is not valid."),
    (r"^请输入身份证号码", "Please enter the ID number."),
    (r"^请填写(.+)。$", "A required field is missing."),
    (r"不能超过(\d+)个字", r"That is too long (at most \1 characters)."),
    (r"最多填写(\d+)位当事人", r"At most \1 people per application; please apply separately."),
    (r"年份 (\d+) 不在 (\d+)–(\d+) 之间", r"The year \1 is not between \2 and \3."),
    (r"起始年份.*晚于截止年份", "The first year is after the last year."),
    (r"手机号码格式不正确|联系电话应为数字", "The phone number is not valid, e.g. 13800138000."),
    (r"已有预约", "You already have a booking at this centre on that day (one per person per day)."),
    (r"已约满|名额已满|已满", "That time is fully booked; please choose another."),
    (r"已经开始或已过|时段已经开始", "That time has already started or passed."),
    (r"不是.+的预约时段", "That is not a bookable time at this centre."),
    (r"没有找到|不存在|没有这个", "Not found; please check and try again."),
    (r"只能由本人、委托代理人", "These records hold personal information: only the person in the record, an "
                        "authorised agent, a guardian, next of kin (after death) or the authorities may obtain them."),
    (r"闭馆|休息|节假日|不开放", "The centre is closed that day."),
)]


def category_label(category: str | None, lang: str) -> str:
    """婚姻登记, or 婚姻登记 (marriage registration) in English."""
    if not category:
        return ""
    return f"{category} ({CATEGORY_EN[category]})" if lang == "en" and category in CATEGORY_EN else category


def relation_label(key: str, lang: str) -> str:
    return RELATION_EN.get(key, key) if lang == "en" else RELATIONS.get(key, key)


def paper(text: str, lang: str) -> str:
    return PAPERS_EN.get(text, text) if lang == "en" else text


def status_label(status: str, label: str, lang: str) -> str:
    return STATUS_EN.get(status, label) if lang == "en" else label


def day_label(day: date, lang: str) -> str:
    """10月1日（星期三）, or Wed 1 Oct."""
    if lang != "en":
        return md(day)
    return f"{WEEKDAYS_EN[day.weekday()]} {day.day} {day:%b}"


def localise(message: str, lang: str) -> str:
    """A core service's Chinese message for this reader: mapped to English when known, else kept with a note."""
    if lang != "en" or not message or not _CJK.search(message):
        return message
    for rx, en in CORE_MESSAGES:
        if m := rx.search(message):
            return m.expand(en)
    return f"Sorry, that was not accepted: {message}"
