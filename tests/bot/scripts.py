"""Whole conversations with the real dialogue engine, as scripts both test drivers can play.

A step is a message to type, or `[label]` to press the button whose label contains `label` (`[#0]`: the first).
"""
from __future__ import annotations

from tests.core.appointment_factories import id_number

RIGHT_ID = id_number(1)
WRONG_ID = RIGHT_ID[:-1] + ("0" if RIGHT_ID[-1] != "0" else "1")  # one wrong check character

# applying for one's own 1985 marriage record; the ID number is typed wrong first
APPLY = ["/apply", "[婚姻登记]", "[本人]", "张伟、李娜", "1985", "城关镇", "办理房产过户", "张伟", WRONG_ID, RIGHT_ID,
         "13800138000", "[电子证明]", "[确认]"]
WRONG_ID_STEP = APPLY.index(WRONG_ID)

# booking the first free slot of the first offered day at a centre
BOOK = ["/book", "[{centre}]", "[#0]", "[#0]", "张伟", RIGHT_ID, "跳过", "[确认]"]


def button(labels: list[str], wanted: str) -> str:
    if wanted.startswith("#"):
        return labels[int(wanted[1:])]
    return next(label for label in labels if wanted in label)


def converse(user, steps: list[str], **values) -> list[list[str]]:
    """Play the steps; the bot's replies to each."""
    replies = []
    for step in steps:
        step = step.format(**values)
        if step.startswith("[") and step.endswith("]"):
            replies.append(user.presses(button(user.last_buttons(), step[1:-1])))
        else:
            replies.append(user.says(step))
    return replies
