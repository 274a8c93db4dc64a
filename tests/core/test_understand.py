"""Query understanding: years, categories, places, names and question words lifted out of free text."""
import pytest

from core.search.understand import understand


class Lexicon:
    def __init__(self, persons=(), places=()):
        self._persons, self._places = set(persons), frozenset(places)

    def is_person(self, name):
        return name in self._persons

    def places(self):
        return self._places


LEX = Lexicon(persons={"张伟", "李娜", "王建国", "李红梅", "黄和平"}, places={"城关镇", "沈家门", "河上公社"})


@pytest.mark.parametrize("text, years", [
    ("1985年结婚", (1985, 1985)),
    ("85年结婚", (1985, 1985)),
    ("05年的学籍", (2005, 2005)),
    ("一九八五年结婚", (1985, 1985)),
    ("1980年代 学籍", (1980, 1989)),
    ("八十年代城关中学毕业生学籍", (1980, 1989)),
    ("八几年在沈家门结的婚", (1980, 1989)),
    ("1983到1985年 知青", (1983, 1985)),
    ("1983-1985 知青", (1983, 1985)),
    ("一九八三到一九八五年 知青", (1983, 1985)),
    ("王建国 招工", None),
])
def test_years_and_ranges(text, years):
    assert understand(text, LEX).years == years


@pytest.mark.parametrize("text, category", [
    ("结婚证", "婚姻登记"), ("领证的档案", "婚姻登记"), ("婚姻", "婚姻登记"),
    ("毕业证", "学籍"), ("学历证明", "学籍"), ("读书时候的档案", "学籍"),
    ("当兵", "退伍安置"), ("复员", "退伍安置"), ("转业", "退伍安置"),
    ("下乡", "知青"), ("插队", "知青"),
    ("工龄", "招工工龄"), ("参加工作", "招工工龄"), ("转正", "招工工龄"),
    ("独生子女", "计划生育"), ("计生", "计划生育"),
    ("房子", "房地产"), ("宅基地", "房地产"), ("土地", "房地产"),
])
def test_category_synonyms(text, category):
    assert understand(text, LEX).category == category


def test_a_natural_question_is_reduced_to_its_parts():
    u = understand("我想查1985年张伟和李娜的结婚登记", LEX)
    assert (u.years, u.category, u.persons, u.keywords) == ((1985, 1985), "婚姻登记", ["张伟", "李娜"], [])


def test_question_words_and_relations_are_dropped():
    u = understand("请问能不能帮我查一下我爸爸王建国参加工作的档案", LEX)
    assert u.persons == ["王建国"] and u.category == "招工工龄" and u.keywords == []


def test_places_names_run_together_and_traditional_characters():
    u = understand("張偉李娜 沈家门 结婚", LEX)
    assert u.persons == ["张伟", "李娜"] and u.places == ["沈家门"]


def test_quoted_phrases_and_ref_prefixes():
    u = understand("“农业生产” C038-001", LEX)
    assert u.phrases == ["农业生产"] and u.ref_prefix == "C038-001"
    assert understand("x004-ws·2011", LEX).ref_prefix == "X004-WS·2011"


def test_unknown_words_stay_keywords():
    u = understand("城关中学 1983届 毕业生", LEX)
    assert "城关中学" in u.keywords or {"城关", "中学"} <= set(u.keywords)
    assert u.category == "学籍"


def test_a_known_name_with_a_stop_character_stays_whole():
    u = understand("1969 黄和平 入伍", LEX)
    assert u.persons == ["黄和平"] and u.category == "退伍安置" and u.years == (1969, 1969)
