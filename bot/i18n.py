"""The bot's own texts in Chinese (the default) and English, and which one a user gets.

Replies of the dialogue engine and messages from core come in the language the engine was asked for, or in
Chinese; these are only the bot's frame around them.
"""
from __future__ import annotations

LANGUAGES = ("zh", "en")

TEXTS: dict[str, dict[str, str]] = {
    "welcome": {
        "zh": "您好！这里是兰台档案查询服务。\n"
              "婚姻登记、学籍、招工工龄、知青、退伍安置等民生档案，可以在这里查目录、问办事材料、预约、申请出证。\n"
              "直接用中文说您要办的事，例如「我想查1985年我的结婚登记」；也可以发送位置，找最近的服务中心。\n"
              "发送 /help 查看全部功能。",
        "en": "Hello! This is the Lantai archive inquiry service.\n"
              "Search the catalogue, ask which papers to bring, book a visit or apply for a certificate.\n"
              "Just tell me what you need, or share your location to find the nearest service centre.\n"
              "Send /help to see everything I can do.",
    },
    "help": {
        "zh": "可以直接用中文提问，也可以用这些命令：\n"
              "/search 查档案目录\n/apply 申请出具查档证明\n/book 预约到服务中心办理\n"
              "/status 查询申请进度\n/cancel 取消当前操作或预约\n/centres 服务中心地址和办公时间\n"
              "/lang 切换语言（中文 / English）\n"
              "发送位置：列出离您最近的三个服务中心。\n"
              "在自助机上核验身份后扫码，可绑定本聊天，接收办理进度和电子证明。",
        "en": "Ask in your own words, or use these commands:\n"
              "/search search the catalogue\n/apply apply for a certificate\n/book book a visit\n"
              "/status check an application\n/cancel cancel what you are doing, or a visit\n"
              "/centres service centres, addresses and hours\n/lang 中文 / English\n"
              "Share your location to see the three nearest service centres.\n"
              "Scan the QR code at a kiosk after identifying there to bind this chat: you will get status "
              "updates and your e-certificate here.",
    },
    "lang_choose": {"zh": "请选择语言：", "en": "Choose a language:"},
    "lang_set": {"zh": "好的，以后用中文回复您。", "en": "OK, I will reply in English from now on."},
    "rate_limited": {
        "zh": "您发送得有点快，请稍等片刻再发，我们会逐条为您办理。",
        "en": "You are sending messages a little fast; please wait a moment.",
    },
    "rate_limited_short": {"zh": "操作太频繁，请稍后再试。", "en": "Too fast, please wait a moment."},
    "internal_error": {
        "zh": "抱歉，系统刚才出了点问题，您的信息没有丢失，请稍后再试。如急需办理，请致电服务中心。",
        "en": "Sorry, something went wrong on our side. Please try again in a moment.",
    },
    "bound": {
        "zh": "绑定成功！{name}，以后您的申请进度、预约提醒和电子证明都会发到这里。",
        "en": "This chat is now bound to {name}. Status updates, reminders and e-certificates will arrive here.",
    },
    "unbound": {"zh": "已解除绑定，本聊天不再接收您的办理通知。", "en": "This chat is no longer bound."},
    "not_bound": {"zh": "本聊天尚未绑定。", "en": "This chat is not bound."},
    "share_location": {"zh": "📍 发送我的位置", "en": "📍 Share my location"},
    "ask_location": {
        "zh": "请点下面的按钮发送您的位置，我来找离您最近的服务中心。",
        "en": "Tap the button below to share your location and I will find the nearest service centres.",
    },
    "nearest_title": {"zh": "离您最近的服务中心：", "en": "The nearest service centres:"},
    "no_centres": {"zh": "暂无服务中心信息。", "en": "No service centres are listed yet."},
    "km": {"zh": "（约 {km} 公里）", "en": " (about {km} km)"},
    "address": {"zh": "地址", "en": "Address"},
    "phone": {"zh": "电话", "en": "Phone"},
    "today": {"zh": "今日", "en": "Today"},
    "button_expired": {
        "zh": "这个按钮已失效，请重新发送您的问题。",
        "en": "This button has expired; please send your question again.",
    },
    "not_text": {
        "zh": "暂时只能看懂文字和位置。请用文字告诉我您要办的事。",
        "en": "I can read text and locations only. Please tell me in words what you need.",
    },
}

COMMANDS: dict[str, list[tuple[str, str]]] = {
    "zh": [("start", "开始"), ("help", "帮助"), ("search", "查档案目录"), ("apply", "申请查档证明"),
           ("book", "预约办理"), ("status", "查询申请进度"), ("cancel", "取消"), ("centres", "服务中心"),
           ("lang", "切换语言 / Language")],
    "en": [("start", "Start"), ("help", "Help"), ("search", "Search the catalogue"),
           ("apply", "Apply for a certificate"), ("book", "Book a visit"), ("status", "Application status"),
           ("cancel", "Cancel"), ("centres", "Service centres"), ("lang", "中文 / English")],
}


def language_of(telegram_code: str | None, chosen: str | None = None) -> str:
    """The user's language: their /lang choice, else English for English Telegram clients, else Chinese."""
    if chosen in LANGUAGES:
        return chosen
    return "en" if (telegram_code or "").lower().startswith("en") else "zh"  # zh, zh-hans, zh-hant, others


def t(key: str, lang: str, **values) -> str:
    """The bot text `key` in the language (Chinese when missing)."""
    entry = TEXTS[key]
    text = entry.get(lang) or entry["zh"]
    return text.format(**values) if values else text
