from core.dialogue import classify
from core.dialogue.context import context
from core.dialogue.intents import analyse
from tests.core.search_fixtures import ROWS

def test_scratch(indexed):
    rctx = context(indexed)
    print([r for r in ROWS][:3])
    for t in ["县革命委员会防汛", "防汛抗旱", "革命委员会", "县革委会防汛", "知识青年上山下乡工作的意见", "上山下乡", "关于防汛抗旱工作的通知", "县人民政府", "防汛工作"]:
        a = analyse(t, rctx.lexicon, rctx.centres, rctx.faq, rctx.today)
        print(t, a.intent, classify(indexed, t), {k: v for k, v in a.scores.items() if v})
    assert 0
