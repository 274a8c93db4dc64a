"""Bring a citizen's message to the words the rules know: simplified characters, fixed typos, dialect words and
English phrases mapped onto plain Mandarin.

The tables are data: add what real conversations show. Order matters only inside a table (longest first).
"""
from __future__ import annotations

import re
import unicodedata

from ..search.text import fold

#: Misspellings seen from pinyin and handwriting input (wrong character, same sound or shape).
TYPOS: dict[str, str] = {
    "结昏": "结婚", "离昏": "离婚", "毕叶": "毕业", "档按": "档案", "挡案": "档案", "当案": "档案", "预越": "预约",
    "予约": "预约", "工令": "工龄", "知清": "知青", "正明": "证明", "证名": "证明", "身分证": "身份证",
    "户口薄": "户口簿", "营业时问": "营业时间", "开们": "开门", "曲消": "取消", "区消": "取消", "取肖": "取消",
    "人宫": "人工", "进读": "进度", "申清": "申请", "结婚正": "结婚证", "毕业正": "毕业证", "独生子女正": "独生子女证",
    "撒子": "啥子", "傻子材料": "啥子材料",
}
#: Dialect and colloquial words → plain Mandarin.
DIALECT: dict[str, str] = {
    "屋里老头子": "老公", "屋里老倌": "老公", "屋里堂客": "老婆", "堂客": "老婆", "婆娘": "老婆", "媳妇": "老婆",
    "老伴": "爱人", "俺爹": "我爸爸", "俺娘": "我妈妈", "俺": "我", "阿拉": "我", "咱家": "我家", "侬": "你",
    "啥子": "什么", "么子": "什么", "啥": "什么", "咋个": "怎么", "咋": "怎么", "整一个": "办一个", "整个": "办个",
    "弄个": "办个", "搞个": "办个", "老爹": "爸爸", "老爸": "爸爸", "老妈": "妈妈", "爹": "爸爸", "礼拜天": "星期日",
    "礼拜日": "星期日", "礼拜": "星期", "老早个": "以前的", "冇得": "没有", "冇": "没有", "莫得": "没有", "没得": "没有",
    "木有": "没有", "晓得": "知道", "啷个": "怎么",
    # split verb-object forms: 「哪年领的证」, 「82年结的婚」
    "领的证": "领证", "结的婚": "结婚", "离的婚": "离婚", "当的兵": "当兵", "下的乡": "下乡", "插的队": "插队",
}
#: English phrases → Chinese (matched on word boundaries, longest first).
ENGLISH: dict[str, str] = {
    "marriage certificate": "结婚证", "marriage records": "结婚档案", "marriage record": "结婚档案",
    "marriage": "结婚", "divorce": "离婚", "school records": "学籍档案", "school record": "学籍档案",
    "diploma": "毕业证", "military service": "当兵", "army": "当兵", "employment": "工龄", "work record": "工龄",
    "adoption": "收养", "property": "房产", "house": "房子", "land": "土地", "one-child": "独生子女",
    "notarization": "公证", "notarised": "公证", "notarized": "公证",
    "make an appointment": "预约", "book an appointment": "预约", "appointment": "预约", "book": "预约",
    "cancel": "取消", "withdraw": "撤回", "check my application status": "查申请进度", "application status": "申请进度",
    "status": "进度", "apply for": "申请", "apply": "申请", "application": "申请", "certificate": "证明",
    "a copy of": "", "copy of": "", "search": "查", "looking for": "查", "look for": "查", "find": "查",
    "records": "档案", "record": "档案", "archives": "档案", "opening hours": "营业时间", "office hours": "营业时间",
    "hours": "营业时间", "when do you open": "几点开门", "address": "地址", "where is": "在哪", "nearest": "最近的",
    "phone number": "电话", "telephone": "电话", "phone": "电话", "service centre": "服务中心",
    "service center": "服务中心", "centre": "服务中心", "center": "服务中心", "talk to a human": "转人工",
    "real person": "真人", "human": "人工", "operator": "人工", "complaint": "投诉", "hello": "你好", "hi": "你好",
    "hey": "你好", "good morning": "早上好", "thank you": "谢谢", "thanks": "谢谢", "bye": "再见",
    "what documents": "要带什么材料", "which documents": "要带什么材料", "documents": "材料", "papers": "材料",
    "how long": "多久", "is it free": "收费吗", "free": "免费", "fee": "费用", "how much": "多少钱",
    "id card": "身份证", "weather": "天气", "joke": "笑话", "my parents'": "我父母的", "my parents": "我父母",
    "my father's": "我爸爸的", "my father": "我爸爸", "my dad": "我爸爸", "my mother's": "我妈妈的",
    "my mother": "我妈妈", "my mum": "我妈妈", "my mom": "我妈妈", "my husband": "我老公", "my wife": "我老婆",
    "myself": "本人", "my own": "我自己的",
    "my": "我的", "lawyer": "律师", "police": "公安", "tomorrow": "明天", "today": "今天", "i want to": "我想",
    "i need": "我需要", "do i need": "需要", "can i": "能不能", "from": "", "for": "", "at": "", "of": "", "the": "",
    "an": "", "a": "", "to": "", "is": "", "what's": "", "what": "什么", "like": "", "does": "", "it": "", "take": "",
    "do": "", "i": "我", "me": "我",
}
_ENGLISH = re.compile(r"(?<![a-z'])(" + "|".join(re.escape(k) for k in sorted(ENGLISH, key=len, reverse=True))
                      + r")(?![a-z'])")
_SPACES = re.compile(r"\s+")


def _replace_all(text: str, table: dict[str, str]) -> str:
    for wrong in sorted(table, key=len, reverse=True):
        if wrong in text:
            text = text.replace(wrong, table[wrong])
    return text


def normalise(text: str) -> str:
    """Folded (simplified, half-width, lower case) text with typos, dialect and English mapped to Mandarin."""
    text = fold(unicodedata.normalize("NFKC", text or "")).strip()
    if re.search(r"[a-z]", text):
        text = _ENGLISH.sub(lambda m: f" {ENGLISH[m.group(1)]} " if ENGLISH[m.group(1)] else " ", text)
    text = _replace_all(_replace_all(text, TYPOS), DIALECT)
    return _SPACES.sub(" ", text).strip()


def is_english(text: str) -> bool:
    """True when the message is written mostly in Latin letters."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isascii() for c in letters) > len(letters) / 2
