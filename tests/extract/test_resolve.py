"""Resolution of raw links: registry roles before source types for a bare role noun."""

from attrib.codebook import load_codebooks
from attrib.extract.resolve import Link, by_role, resolve_link
from attrib.extract.sources import RawLink
from attrib.registry import load_registry
from tests.extract.conllu import sent

BOOKS, REG = load_codebooks(), load_registry()
HISTORY = [Link("tokayev", "Kassym-Jomart Tokayev", "government", "Τοκάγεφ", "δηλώνω", "registry"),
           Link("ru-foreign-ministry", "Ministry of Foreign Affairs of Russia", "government", "υπουργείο",
                "σημειώνω", "registry")]

# "The president promised order." after the ministry spoke last.
BARE_PRESIDENT = """
Ο ο DET 2 det
πρόεδρος πρόεδρος NOUN 3 nsubj
υποσχέθηκε υπόσχομαι VERB 0 root
τάξη τάξη NOUN 3 obj
. . PUNCT 3 punct
"""


def test_bare_role_prefers_the_source_whose_roles_use_it():
    s = sent(BARE_PRESIDENT, "el")
    head = s.word(2)
    assert by_role(HISTORY, REG, head).source_id == "tokayev"
    link = resolve_link(s, RawLink(head, (s.word(1), head), "υπόσχομαι"), BOOKS["el"], REG, HISTORY)
    assert (link.source_id, link.resolution) == ("tokayev", "anaphora")


def test_no_role_match_falls_back_to_the_latest_source_of_the_type():
    s = sent(BARE_PRESIDENT.replace("πρόεδρος πρόεδρος", "διοικητής διοικητής"), "el")
    head = s.word(2)
    assert by_role(HISTORY, REG, head) is None
    link = resolve_link(s, RawLink(head, (s.word(1), head), "υπόσχομαι"), BOOKS["el"], REG, HISTORY)
    assert link.source_id == "ru-foreign-ministry"
