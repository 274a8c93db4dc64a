"""What each intent sounds like: cue words and patterns with weights (data, read by intents.py).

A message's score for an intent is the sum of the weights of its cues found in the normalised text (each cue
counted once), plus evidence from the slots and the FAQ index (see intents.py). Weights: 4–8 a cue that alone
decides, 2–3 a strong hint, ≤ 1.5 a hint that needs company.
"""
from __future__ import annotations

CUES: dict[str, dict[str, float]] = {
    "search_records": {
        "查一下": 1.5, "查下": 1.5, "查查": 1.5, "查一查": 1.5, "查询": 1.5, "帮我查": 1.5, "帮我找": 1.5, "找找": 1.5,
        "想查": 1.5, "要查": 1.5, "查到": 1.5, "有没有": 1.5, "还在吗": 1.5, "有吗": 1, "档案": 1, "资料": 1,
        "名单": 1, "名册": 1, "文件": 1, "通知": 0.5, "照片": 1, "查": 0.5, "找": 0.5, "哪年": 1, "记录": 0.5,
        "看看": 0.5,
    },
    "apply_certificate": {
        "开证明": 3, "出证明": 3, "开具": 3, "出具": 3, "调取": 2.5, "调档": 2.5, "申请": 2, "证明": 1.5, "办个": 1,
        "开个": 1, "开一个": 1, "出个": 1, "一份": 1, "要用": 1, "单位要": 1,
    },
    "book_appointment": {
        "预约": 3, "预定": 2.5, "约个": 2.5, "约一下": 2.5, "挂号": 3, "挂个号": 3, "排个时间": 3, "排号": 2.5,
        "约时间": 2.5, "订个号": 2.5, "号": 0.5, "明天": 0.5, "后天": 0.5, "下周": 0.5, "去窗口": 1,
    },
    "check_status": {
        "进度": 4, "到哪一步": 4, "哪一步": 3, "办好了": 3, "好了没": 3, "好了吗": 3, "怎么样了": 2.5, "审核": 2.5,
        "通过了": 2.5, "批下来": 3, "结果": 2, "有结果": 2, "状态": 3, "取件码": 4, "什么时候能拿": 3, "能拿到": 1.5, "还没": 1,
    },
    "cancel": {
        "取消": 4, "退掉": 3, "退了": 2, "不去了": 4, "去不了": 4, "撤回": 4, "撤销": 4, "不要了": 2,
    },
    "procedure_faq": {
        "带什么": 4, "要带": 3, "带起": 3, "什么材料": 4, "哪些材料": 4, "什么证件": 4, "什么手续": 4, "手续": 2,
        "需要什么": 3, "要什么": 2.5, "要哪些": 3, "怎么办": 3, "怎么开": 3.5, "怎么补": 3.5, "补办": 2.5, "补领": 3,
        "怎么弄": 3, "怎么查": 2.5, "怎么验": 3, "如何": 2.5, "收费": 4, "要钱": 4, "多少钱": 4, "费用": 4, "免费": 3,
        "多久": 4, "几天": 3.5, "多长时间": 4, "是什么": 2.5, "效力": 3, "原件": 3, "户口本": 2.5, "户口簿": 2.5,
        "身份证": 1.5, "邮寄": 3, "寄到": 3, "快递": 3, "能查吗": 2, "可以查": 2, "能不能查": 2, "可以吗": 2,
        "能办吗": 2, "外地": 2, "网上": 1.5, "验真": 3, "真假": 3, "二维码": 2.5, "为什么": 2, "吗": 0.5,
        "代查": 1, "监护人": 1, "律师": 1, "别人": 1, "委托": 1.5, "不是本人": 3, "哪些档案": 3, "能查到什么": 3,
        "能查到哪些": 3, "怎么": 1, "查不到": 2.5, "找不到": 2.5,
    },
    "service_info": {
        "几点": 3, "上班": 3, "下班": 3, "开门": 3, "关门": 3, "营业时间": 4, "办公时间": 4, "工作时间": 4,
        "开放时间": 4, "时间表": 2, "地址": 3.5, "在哪": 3, "哪条街": 3, "怎么走": 3.5, "怎么去": 3, "电话": 3,
        "联系方式": 3, "最近的": 3, "附近": 2.5, "离我": 2, "休息吗": 3, "午休": 3, "放假": 3, "周六": 1.5,
        "周日": 1.5, "星期六": 1.5, "星期日": 1.5, "星期天": 1.5, "节假日": 2, "服务中心": 1.5, "哪些服务中心": 3,
        "开不开门": 3, "上不上班": 3,
    },
    "human_handoff": {
        "转人工": 8, "人工": 5, "工作人员": 4, "真人": 5, "客服": 4, "投诉": 5, "领导": 4, "找个人": 4, "给我打": 3,
        "听不懂": 2,
    },
    "greeting": {
        "你好": 3, "您好": 3, "在吗": 3, "有人吗": 3, "谢谢": 3, "多谢": 3, "早上好": 3, "下午好": 3, "晚上好": 3,
        "再见": 3, "拜拜": 3, "好的": 1.5, "嗨": 3, "哈喽": 3,
    },
    "out_of_scope": {
        "天气": 5, "火车票": 5, "机票": 5, "车票": 4, "笑话": 5, "外卖": 5, "好吃": 5, "股票": 5, "基金": 3, "房价": 5,
        "作文": 5, "护照": 5, "签证": 4, "社保卡": 5, "医保": 4, "身份证丢": 5, "补办身份证": 5, "等于几": 5,
        "男的还是女的": 5, "机器人吗": 3, "你是谁": 3, "彩票": 5, "电影": 4, "唱歌": 4, "打车": 5, "新闻": 3,
    },
}

#: Regular expressions that a word list cannot say (each adds its weight once).
PATTERNS: dict[str, list[tuple[str, float]]] = {
    "apply_certificate": [(r"(开|办|出|弄|打|要|需要)(一?个|一份|份)?[^，。？?！!]{0,8}证明", 2.5)],
    "book_appointment": [(r"约(个|一下|时间|明天|后天|今天|下周|周|星期|上午|下午)|能约|想约|要约", 2.5)],
    "procedure_faq": [(r"(要|需要|用|得)(先|提前)?预约(吗|不|么|没)", 5),
                      (r"(要|需要|得)公证(吗|不|么)", 3),
                      (r"(能|可以|能不能)[^，。]{0,6}(查|办|开)[^，。]{0,8}(吗|么)$", 1.5)],
    "check_status": [(r"(申请|证明)[^，。]{0,6}(好了|办好|下来)", 2)],
    "service_info": [(r"(周|星期|礼拜)[一二三四五六日天末][^，。]{0,4}(开|上班|办公)", 2)],
}

#: Evidence from the slots: understood parts of a catalogue question point to a search, or to an application
#: about those records (the cue words decide between the two; a tie goes to the search).
_RECORD_EVIDENCE = {"persons": 2, "year": 1.5, "place": 1, "category": 1, "_keywords": 2}
SLOT_EVIDENCE: dict[str, dict[str, float]] = {
    "search_records": _RECORD_EVIDENCE,
    "apply_certificate": {k: v for k, v in _RECORD_EVIDENCE.items() if k not in ("_keywords", "category")},
}

#: A message that is only one of these (the 「查档案」 menu button …) starts a search: the next message is the query.
SEARCH_REQUESTS: tuple[str, ...] = ("查档案", "查档", "查询档案", "查档案目录", "我要查档案", "我想查档案", "我要查档",
                                    "我想查档", "帮我查档案", "search", "searchrecords", "searchthecatalogue")
#: Words that put a message inside the archive's domain: an off-topic word (护照) only wins without them.
DOMAIN_WORDS: tuple[str, ...] = ("档案", "查档", "证明", "档", "预约", "服务中心", "申请", "取件码")
#: An out_of_scope score at least this high, without domain words or a category, decides.
OFF_TOPIC_DECIDES = 4.0

#: Below this best score a message is not understood (out_of_scope, counted as a misunderstanding).
MIN_SCORE = 2.0
#: Greetings only win when no other intent has at least this much.
GREETING_YIELDS_TO = 2.0
#: The FAQ index's best coverage above this counts as evidence for procedure_faq (weight × coverage).
FAQ_MIN_COVERAGE = 0.5
FAQ_WEIGHT = 3.0
