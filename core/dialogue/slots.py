"""Slots of one message: category, years, place, persons (through core.search.understand), relation, centre,
pickup/cancel code and a visit date.

    extract("我爸妈是82年结的婚，能查到结婚证吗", ctx) → {"category": "婚姻登记", "year": [1982, 1982], "relation": "父母"}
"""
from __future__ import annotations

import re
import threading
import unicodedata
from datetime import date, timedelta

import jieba.posseg

from ..search.synonyms import CATEGORY_SYNONYMS
from ..search.text import tokenizer
from ..search.understand import understand
from ..surnames import SURNAMES
from .clauses import place_before_event, take_purpose
from .cues import CUES

#: The applicant's relation to the person in the record, as citizens say it → the slot value.
RELATION_WORDS: dict[str, tuple[str, ...]] = {
    "律师": ("律师", "律所"),
    "机关": ("公安", "派出所", "法院", "检察院", "公检法", "纪委"),
    "监护": ("监护",),
    "委托": ("委托", "代办", "代查", "别人帮我", "替别人", "帮别人", "帮他", "帮她", "替他", "替她", "朋友", "别人"),
    "父母": ("父母", "爸妈", "爹妈", "爸爸", "妈妈", "父亲", "母亲", "我爸", "我妈", "双亲"),
    "配偶": ("老公", "老婆", "丈夫", "妻子", "爱人", "配偶"),
    "子女": ("儿子", "女儿", "子女", "孩子", "小孩", "闺女"),
    "兄弟姐妹": ("哥哥", "姐姐", "弟弟", "妹妹", "我哥", "我姐", "我弟", "我妹", "兄弟", "姐妹"),
    "祖父母": ("爷爷", "奶奶", "外公", "外婆", "姥姥", "姥爷", "祖父", "祖母"),
    "本人": ("本人", "我自己", "自己的"),
}
#: Checked in this order: the first relation with a cue wins (a lawyer asking about someone's parents is a lawyer).
RELATION_ORDER = ("律师", "机关", "监护", "委托", "父母", "配偶", "子女", "兄弟姐妹", "祖父母", "本人")
KIN = frozenset({"父母", "配偶", "子女", "兄弟姐妹", "祖父母"})
DEATH_WORDS = ("去世", "过世", "不在了", "已故", "死亡", "病故", "逝世", "继承", "遗产", "走了")
NEGATED = ("不是本人", "非本人")
#: 「我的结婚证」 is about the asker's own record; 「我的身份证」 is not.
_MY_RECORD = re.compile(r"我的(?!\s*(?:身份证|申请|预约))[^，。,.]{0,4}(档案|证|登记|学籍|工龄|记录|材料)")
#: 「公证」 as a verb (the authorisation must be notarised) is not the 公证 category.
_NOTARISE = re.compile(r"(要|需要|须|必须|经过?|得|去)公证(?!档案|书|处|材料)")
#: Very common words are not names even when jieba's dictionary tags them so; famous names (李娜) are rarer.
COMMON_WORD_FREQ = 2000
#: 「我是1990年当兵的」: the asker is the person in the record.
_SELF_EVENT = re.compile(r"我(?:是|在)?(?:(?!查|找|的|想|要)[^，。,.]){0,6}"
                         r"(当兵|结婚|结的婚|参加工作|毕业|下乡|插队|入伍|知青|退伍|转业|领证|离婚)")
_C = "[2-9A-HJKMNP-Z]"  # the code alphabet: no 0/O, 1/I/L
_CODE = re.compile(rf"(?<![A-Z0-9])({_C}{{4}})[\s\-]?({_C}{{4}})[\s\-]?({_C}{{2}})(?![A-Z0-9])")
_CODE_CONTEXT = ("码", "CODE", "进度", "取件", "取消", "STATUS")  # a code of letters only needs one
_PLACE_SUFFIX = ("镇", "乡", "村", "区", "县", "市", "街道", "社区", "公社", "路", "街")
_WEEKDAYS = "一二三四五六日天"
#: Category words that contain a relation word (独生子女 ⊃ 子女): masked before looking for relations.
_CATEGORY_WORDS = sorted((w for w in CATEGORY_SYNONYMS if any(r in w for rs in RELATION_WORDS.values() for r in rs)),
                         key=len, reverse=True)
_lock = threading.Lock()
_pos: list = []


def relation_of(text: str) -> str | None:
    """The relation slot of a normalised message, or None."""
    for word in (*NEGATED, *_CATEGORY_WORDS):  # 独生子女 is a category, not the asker's children
        text = text.replace(word, " ")
    found = next((r for r in RELATION_ORDER if any(w in text for w in RELATION_WORDS[r])), None)
    if found is None and (_SELF_EVENT.search(text) or _MY_RECORD.search(text)):
        found = "本人"
    if found in KIN and any(w in text for w in DEATH_WORDS):
        return "已故亲属"
    return found


def code_of(raw: str) -> str | None:
    """A pickup or cancel code typed in the message (dashes and spaces ignored), or None."""
    text = unicodedata.normalize("NFKC", raw or "").upper()
    for m in _CODE.finditer(text):
        code = "".join(m.groups())
        has_digit, has_letter = any(c.isdigit() for c in code), any(c.isalpha() for c in code)
        if has_letter and (has_digit or any(k in text for k in _CODE_CONTEXT)):
            return code
    return None


def _pos_tokenizer():
    if not _pos:
        with _lock:
            if not _pos:
                _pos.append(jieba.posseg.POSTokenizer(tokenizer()))
    return _pos[0]


def _is_surname(s: str) -> bool:
    return s in SURNAMES


def names_in(text: str, places: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """Person names jieba's tagger sees (surname + given name, also when it splits them: 王/秀英)."""
    words = [(w.word, w.flag) for w in _pos_tokenizer().cut(text)]
    names, i = [], 0
    while i < len(words):
        word, flag = words[i]
        candidate = None
        if flag == "nr" and 2 <= len(word) <= 4 and (_is_surname(word[:1]) or _is_surname(word[:2])):
            candidate = word
        elif len(word) == 1 and _is_surname(word) and i + 1 < len(words):
            nxt, nflag = words[i + 1]
            if 1 <= len(nxt) <= 2 and nflag in ("nr", "ns", "nz", "n", "a") and "\u4e00" <= nxt[0] <= "\u9fff":
                candidate = word + nxt
                i += 1
        if candidate and _plausible_name(candidate, places):
            names.append(candidate)
        i += 1
    return names


def _plausible_name(word: str, places) -> bool:
    if word.endswith(_PLACE_SUFFIX) or word in places or tokenizer().FREQ.get(word, 0) >= COMMON_WORD_FREQ:
        return False
    if any(word in table for table in CUES.values()):  # 谢谢 is tagged as a name in jieba's dictionary
        return False
    return not any(w in word for w in CATEGORY_SYNONYMS if len(w) >= 2)


def date_of(text: str, today: date) -> str | None:
    """A visit date said in the message (今天, 明天, 后天, 下周一, 星期五, 12月3日, 2026-12-03) as ISO, or None."""
    if m := re.search(r"(20\d{2})[-/年](\d{1,2})[-/月](\d{1,2})", text):
        return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := re.search(r"(\d{1,2})月(\d{1,2})[日号]?", text):
        month, day = int(m.group(1)), int(m.group(2))
        year = today.year + (1 if (month, day) < (today.month, today.day) else 0)
        return _safe_date(year, month, day)
    for word, days in (("大后天", 3), ("后天", 2), ("明天", 1), ("今天", 0)):
        if word in text:
            return (today + timedelta(days=days)).isoformat()
    if m := re.search(r"(下)?(?:周|星期|礼拜)([一二三四五六日天])", text):
        target = min(_WEEKDAYS.index(m.group(2)), 6)
        if m.group(1):
            monday = today + timedelta(days=7 - today.weekday())
            return (monday + timedelta(days=target)).isoformat()
        return (today + timedelta(days=(target - today.weekday()) % 7)).isoformat()
    return None


def _safe_date(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def centre_of(text: str, centres: list[dict]) -> dict | None:
    """The service centre a message names (full name, township, or the township without 镇/乡), or None."""
    best = None
    for c in centres:
        township = c["township"]
        base = township.removesuffix("街道").removesuffix("镇").removesuffix("乡")
        for word in (c["name"], township, base if len(base) >= 2 else None):
            if word and word in text and (best is None or len(word) > best[0]):
                best = (len(word), c)
    return best[1] if best else None


def extract(text: str, raw: str, lexicon, centres: list[dict], today: date) -> dict:
    """All slots of a normalised message (raw: the message as typed, for codes)."""
    slots: dict = {}
    if code := code_of(raw):
        slots["code"] = code
        text = re.sub(r"[a-z0-9\-\s]{10,}", " ", text)
    # 「…结的婚，现在要办房产过户」: the purpose is not the kind of record (the marriage is)
    text, purpose = take_purpose(text, lambda rest: any(w in rest for w in CATEGORY_SYNONYMS))
    if purpose:
        slots["_purpose"] = purpose
    where = place_before_event(text)  # 「在沈家门结的婚」: a place, even one the catalogue does not know
    u = understand(text, lexicon) if text.strip() else None
    if u is not None:
        if u.category == "公证" and _NOTARISE.search(text) and "公证" in u.category_words:
            u.category = None
        known = getattr(lexicon, "is_title_word", None)
        if u.keywords and known is not None and (words := [k for k in u.keywords if known(k)]):
            slots["_keywords"] = words  # words of the catalogue's titles: evidence for a search
        if u.category:
            slots["category"] = u.category
            slots["_category_words"] = u.category_words[:1]
        if u.ref_prefix or u.phrases:
            slots["_exact"] = True  # a 档号 or a quoted phrase: the search gets the words as typed
        if u.years:
            slots["year"] = list(u.years)
        if u.places:
            slots["place"] = u.places[0]
        elif where:
            slots["place"] = where
        persons = [p for p in u.persons if not (where and (p in where or where in p))]
        places = lexicon.places() | {c["township"] for c in centres}
        for name in names_in(text, places):
            if where and (name in where or where in name):
                continue
            if name not in persons and not any(name in p or p in name for p in persons):
                persons.append(name)
        if persons:
            slots["persons"] = persons
    if relation := relation_of(text):
        slots["relation"] = relation
    if centre := centre_of(text, centres):
        slots["centre"] = centre["township"]
    if day := date_of(text, today):
        slots["date"] = day
    return slots
