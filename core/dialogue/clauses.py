"""Two parts of a citizen's sentence that are not what they look like.

「我爸妈八几年在沈家门结的婚，现在要办房产过户，怎么开证明？」
- 「现在要办房产过户」 is why they ask (the purpose), not the kind of record: the record is the marriage;
- 「在沈家门结的婚」: what follows 在 and precedes the event is where it happened, even when the catalogue does not know
  the place (沈家门 is not a name, though 沈 is a surname).
"""
from __future__ import annotations

import re

#: What people need a certificate for. A clause that says one of these after 办/为了/用于 is the purpose.
PURPOSE_WORDS = ("过户", "继承", "退休", "养老", "社保", "出国", "移民", "签证", "贷款", "落户", "户口", "补领", "补办",
                 "拆迁", "入学", "低保", "公证", "打官司", "诉讼", "买房", "卖房", "评职称", "工龄认定")
_PURPOSE = re.compile(r"(?:现在|因为|为了|是为了|用于|用来|准备|需要|要|想|得)+(?:去)?(?:办理?|用于|用来|弄|搞)?"
                      r"([^，。,.？?！!；;]{0,10}?(?:" + "|".join(PURPOSE_WORDS) + r")[^，。,.？?！!；;]{0,4})")
#: Events a record is about: 在 + place + one of these.
_EVENTS = ("结婚", "领证", "登记", "读书", "上学", "毕业", "工作", "上班", "插队", "下乡", "当兵", "入伍", "出生",
           "住", "买", "盖", "建", "办的", "办")
_PLACE = re.compile(r"在([\u4e00-\u9fff]{2,5}?)(?:" + "|".join(_EVENTS) + ")")
_NOT_PLACE = ("哪里", "哪儿", "那里", "这里", "家里", "单位", "我们", "他们", "当地", "本地", "外地")


def take_purpose(text: str, has_category_elsewhere) -> tuple[str, str | None]:
    """(text without its purpose clause, the purpose) when the rest of the sentence still names a kind of record."""
    m = _PURPOSE.search(text)
    if not m:
        return text, None
    rest = text[:m.start()] + "，" + text[m.end():]
    if not has_category_elsewhere(rest):
        return text, None  # 「我要办房产过户，要查什么档案」: the purpose is the only clue to the kind
    return rest, m.group(1).strip()


def place_before_event(text: str) -> str | None:
    """The place in 「在沈家门结的婚」 (after normalising: 在沈家门结婚), or None."""
    m = _PLACE.search(text)
    if not m:
        return None
    place = m.group(1)
    return None if place in _NOT_PLACE or place.endswith(("年", "月", "时候")) or place[0].isdigit() else place
