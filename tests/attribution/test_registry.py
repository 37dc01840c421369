from pathlib import Path

import pytest

from attrib.errors import ConfigError
from attrib.attribution.registry import load_registry
from tests.attribution.extract.conllu import sent

REG = load_registry()

SPOKESMAN = """
ο ο DET 2 det
εκπρόσωπος εκπρόσωπος NOUN 0 root
του ο DET 4 det
Κρεμλίνου Κρεμλίνο PROPN 2 nmod Case=Gen
Ντμίτρι Ντμίτρι PROPN 2 appos
Πεσκόφ Πεσκόφ PROPN 5 flat
"""

MINISTRY = """
του ο DET 3 det
ρωσικού ρωσικός ADJ 3 amod
υπουργείου υπουργείο NOUN 0 root Case=Gen
Εξωτερικών εξωτερικό NOUN 3 nmod
"""

HU_ACC = """
Tokajevet Tokajevet PROPN 0 root Case=Acc
"""


def _match(rows, lang):
    s = sent(rows, lang)
    head = next(w for w in s.words if w.head == 0)
    found = REG.match(s, s.words, head)
    return found.source.id if found else None


def test_head_name_beats_modifier_name():
    assert _match(SPOKESMAN, "el") == "peskov"


def test_inflected_forms_match():
    assert _match(MINISTRY, "el") == "ru-foreign-ministry"
    assert _match(HU_ACC, "hu") == "tokayev"


def test_handles_and_domains():
    assert REG.by_handle("@RT_com").id == "rt" and REG.by_handle("malaymail").id == "malay-mail"
    assert REG.by_domain("www.reuters.com").id == "reuters" and REG.by_domain("example.org") is None


def test_short_aliases_need_an_exact_match():
    assert _match("RTL RTL PROPN 0 root", "hu") is None
    assert _match("RT RT PROPN 0 root", "en") == "rt"


def test_user_file_adds_and_replaces(tmp_path: Path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("sources:\n  - {id: reuters, name: Reuters News, type: wire_agency}\n"
                     "  - {id: telex, name: Telex, type: media, aliases: [Telex], domains: [telex.hu]}\n")
    reg = load_registry([extra])
    assert reg.by_id("reuters").name == "Reuters News" and reg.by_domain("telex.hu").id == "telex"


@pytest.mark.parametrize("body, message", [
    ("sources:\n  - {id: x, name: X, type: blog}\n", r"mine.yaml:2: sources.0.type: unknown type 'blog'"),
    ("sources:\n  - {id: x, name: X, type: media}\n  - {id: x, name: Y, type: media}\n", r"mine.yaml:3: sources.1.id: duplicate id"),
    ("sources:\n  - id: x\n    type: media\n", r"sources.0.name: missing"),
    ("sources:\n  - {id: x, name: X, type: media, alias: [X]}\n", r"unknown field"),
])
def test_mistakes_name_file_and_line(tmp_path: Path, body, message):
    extra = tmp_path / "mine.yaml"
    extra.write_text(body)
    with pytest.raises(ConfigError, match=message):
        load_registry([extra])


def test_acronyms_and_capitalised_names_need_their_capitals():
    from attrib.attribution.registry import load_registry
    from tests.attribution.extract.conllu import sent

    reg = load_registry()
    s = sent("""
    the the DET 2 det
    man man NOUN 4 nsubj
    who who PRON 4 nsubj PronType=Rel
    told tell VERB 0 root
    WHO WHO PROPN 4 obj
    the the DET 7 det
    independent independent ADJ 8 amod
    candidate candidate NOUN 4 obl
    """, "en")
    assert reg.match(s, [s.word(3)]) is None and reg.match(s, [s.word(5)]) is not None
    assert reg.match(s, [s.word(6), s.word(7)]) is None  # not The Independent
