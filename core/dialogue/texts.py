"""The engine's own sentences in Chinese and English (FAQ answers live in data/faq.json)."""
from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "welcome": ("您好！这里是县档案馆查档服务。我可以帮您：查档案目录、开档案证明、预约到服务中心办理、"
                "查申请进度，也能回答办事需要带什么材料、收不收费、要多久等问题。"
                "请直接说您要办的事，比如「查1985年张伟的结婚登记」。",
                "Hello! This is the county archive's inquiry service. I can search the catalogue, help you "
                "apply for an archive certificate, book a visit to a service centre, check an application's "
                "status, and answer questions about papers, fees and time limits. Just tell me what you need."),
    "thanks": ("不客气，还有需要随时找我。", "You're welcome. Ask me any time."),
    "bye": ("再见，祝您办事顺利！", "Goodbye!"),
    "not_understood": ("抱歉，我没有听懂。我可以帮您查档案、开证明、预约、查进度，或回答办事问题。换个说法试试？",
                       "Sorry, I did not understand. I can search records, help you apply for a certificate, book a "
                       "visit, check a status or answer questions about the procedure. Could you say it another way?"),
    "out_of_scope": ("抱歉，这个问题不归档案馆管，我回答不了。我可以帮您查档案、开证明、预约、查进度，或回答查档办事的问题。",
                     "Sorry, that is outside what the archive can help with. I can search records, help with "
                     "certificates, bookings and statuses, or answer questions about the procedure."),
    "offer_handoff": ("我好像一直没帮上忙。要不要转给工作人员？他们会在工作时间内回复您。",
                      "I don't seem to be helping. Shall I pass your question to a member of staff?"),
    "handoff_done": ("已转给工作人员（工单号 {id}）。他们会在工作时间内回复您，请留意消息。",
                     "Passed to our staff (ticket {id}). They will reply during office hours."),
    "cancelled_flow": ("好的，已取消，填写的信息已清除。还有别的需要吗？", "Cancelled; what you entered has been discarded."),
    "no_flow": ("现在没有正在办理的事项。", "There is nothing in progress."),
    "first_step": ("已经是第一步了。", "This is already the first step."),
    "confirm_hint": ("无误请回复「确认」；要修改请回复「返回」；不办了请回复「取消」。",
                     "Reply 确认 to confirm, 返回 to go back, or 取消 to cancel."),
    "skip_hint": ("（可回复「跳过」）", " (reply 跳过 to skip)"),
    "search_prompt": ("请告诉我要查什么，比如：姓名、年份、事项（结婚登记、学籍、招工等）。",
                      "What are you looking for? A name, a year and the kind of record help."),
    "status_prompt": ("请发送取件码（申请成功时给您的10位码，如 K7QX-M2PD-3R）。",
                      "Please send the 10-character pickup code you received when you applied."),
    "cancel_prompt": ("请发送预约成功时给您的取消码（10位）。", "Please send the cancel code you received when you booked."),
    "help": ("您可以直接说要办的事，例如：\n· 查1985年张伟的结婚登记\n· 开结婚证明\n· 预约明天去城关镇\n· 查进度 K7QXM2PD3R\n"
             "· 查档要带什么材料\n· 最近的服务中心在哪\n办理中随时可以回复「返回」改上一步，或「取消」不办了；需要时回复「转人工」。",
             "Tell me what you need, e.g. 'search marriage records 1985', 'apply for a certificate', 'book an "
             "appointment', 'status K7QXM2PD3R', 'what documents do I need', 'opening hours'. During a form reply "
             "返回 to go back or 取消 to stop; 转人工 reaches a person."),
    "long": ("消息太长了，请简短一些（500字以内）。", "That message is too long; please keep it under 500 characters."),
    "empty": ("请输入内容。", "Please type a message."),
}
MENU = (("查档案", "查档案"), ("开证明", "开证明"), ("预约", "预约"), ("查进度", "查进度"), ("常见问题", "查档要带什么材料"))
MENU_EN = (("Search", "查档案"), ("Apply", "开证明"), ("Book", "预约"), ("Status", "查进度"), ("FAQ", "查档要带什么材料"))


def say(key: str, lang: str = "zh", **values) -> str:
    """A sentence in the user's language."""
    zh, en = TEXTS[key]
    return (en if lang == "en" else zh).format(**values)
