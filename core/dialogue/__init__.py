"""The dialogue engine shared by every channel (bot, kiosk chat): intent and slots of a Chinese message, a FAQ
knowledge base, multi-turn forms for applying and booking, and a hand-off to staff.

    intents / slots / normalise / cues   understanding one message (rules as data)
    faq                                  the FAQ knowledge base and its Whoosh index
    forms, apply_form, book_form         multi-turn forms (返回, 取消, 确认)
    visits                               cancel a visit, follow an application
    replies, explain                     answers that read the archive; eligibility in words
    handoff                              the staff queue
    engine                               answer() and classify()
"""
from .engine import answer, classify
from .handoff import answer_handoff, create_handoff, list_handoffs
from .reply import Button, Reply

__all__ = ["Button", "Reply", "answer", "classify", "create_handoff", "list_handoffs", "answer_handoff"]
