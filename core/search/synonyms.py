"""What citizens say, mapped onto the catalogue's words: category synonyms, archive terms, words to drop."""
from __future__ import annotations

from ..vocabulary import CATEGORY_VARIANTS

_COLLOQUIAL: dict[str, tuple[str, ...]] = {
    "婚姻登记": ("结婚", "结婚证", "结婚证明", "婚姻", "领证", "登记结婚", "离婚", "离婚证", "复婚", "补领结婚证", "婚姻状况"),
    "学籍": ("毕业证", "毕业证书", "学历", "学籍", "读书", "上学", "毕业", "毕业生", "学生", "成绩单"),
    "退伍安置": ("当兵", "退伍", "复员", "转业", "参军", "入伍", "兵役", "退伍军人", "复员军人", "军人安置", "老兵"),
    "知青": ("下乡", "知青", "插队", "上山下乡", "知识青年", "返城", "回城", "下放"),
    "招工工龄": ("工龄", "招工", "参加工作", "转正", "招收", "合同工", "职工", "工人", "工作年限", "退休", "养老"),
    "计划生育": ("独生子女", "计生", "计划生育", "独生子女证", "光荣证", "结扎", "生育"),
    "房地产": ("房子", "土地", "宅基地", "房产", "房屋", "建房", "房产证", "土地证", "地契", "拆迁", "过户"),
    "林权": ("林权", "山林", "林地", "自留山", "责任山", "林木"),
    "工伤认定": ("工伤", "受伤", "职业病"),
    "公证": ("公证", "公证书"),
    "收养": ("收养", "领养", "抱养"),
}

#: word → canonical category, for query understanding.
CATEGORY_SYNONYMS: dict[str, str] = {
    **{w: c for w, c in CATEGORY_VARIANTS.items() if not w.isascii()},
    **{w: c for c, words in _COLLOQUIAL.items() for w in words},
}

#: Words of the trade, so that jieba keeps them whole.
ARCHIVE_TERMS: tuple[str, ...] = (
    "档案", "档号", "全宗", "卷宗", "花名册", "登记表", "审查处理表", "审批表", "申请书", "存根", "批复", "通知", "决定书",
    "证明书", "学籍登记表", "毕业生", "知识青年", "退伍军人", "复员军人", "招工", "转正", "结婚登记", "离婚登记",
    "独生子女", "光荣证", "宅基地", "林权证", "公证书", "收养登记", "工伤认定", "便民服务中心", "人民公社", "革命委员会",
)

#: Words every kind of record uses (登记表, 材料 …): they rank a title that has them higher, but a record that
#: lacks them still matches, so 「张有才招工登记」 finds 张有才招工审批表.
GENERIC_WORDS: frozenset[str] = frozenset({
    "登记", "登记表", "申请", "申请书", "申请表", "审批", "审批表", "审查", "处理表", "材料", "存根", "证明", "证书",
    "证明书", "批复", "通知", "花名册", "名册", "表", "卡", "手续", "办理", "文件",
})

#: Question words and fillers that carry no search meaning.
STOP_PHRASES: tuple[str, ...] = (
    "我想查一下", "我想查询", "我想查", "我要查", "想查", "帮我查", "帮我找", "请帮我", "请问一下", "请问", "麻烦",
    "能不能", "可不可以", "可以吗", "能否", "怎么办", "怎么查", "怎么", "如何", "哪里", "有没有", "是否", "一下",
    "我想", "我要", "查询", "查找", "查一查", "查查", "查", "找", "的", "了", "吗", "呢", "吧", "啊", "和", "与", "及",
    "跟", "还有", "档案", "资料", "材料", "记录", "信息", "相关", "关于", "年间", "时候", "那年", "当年", "证明", "开",
    "我", "我的", "我们", "他", "她", "他们", "在", "是", "档号", "案卷号",
    # relations: who is asking matters for eligibility, not for finding the record
    "爸爸", "妈妈", "爸妈", "父母", "父亲", "母亲", "爷爷", "奶奶", "外公", "外婆", "姥姥", "姥爷", "老公", "老婆",
    "丈夫", "妻子", "爱人", "儿子", "女儿", "哥哥", "姐姐", "弟弟", "妹妹", "家里人", "亲戚", "本人", "自己",
)
