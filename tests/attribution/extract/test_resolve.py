"""Resolution of raw links: registry roles before source types for a bare role noun."""

from attrib.languages.codebook import load_codebooks
from attrib.attribution.extract.resolve import Link, by_role, resolve_link
from attrib.attribution.extract.sources import RawLink
from attrib.attribution.registry import load_registry
from tests.attribution.extract.conllu import sent

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


def test_a_role_with_complements_refers_to_the_named_source_whose_mention_had_it():
    from attrib.attribution.extract.resolve import by_role_words

    history = [Link("x:lavrov", "Σεργκέι Λαβρόφ", "person", "Υπουργός Εξωτερικών της Ρωσίας Σεργκέι Λαβρόφ", "δηλώνω",
                    "explicit"),
               Link("x:ukraine", "Ουκρανία", "unknown", "Ουκρανία", "", "mention")]
    s = sent("""
    Ο ο DET 2 det
    Υπουργός υπουργός NOUN 5 nsubj
    Εξωτερικών εξωτερικά NOUN 2 nmod Case=Gen
    της ο DET 5 det
    πρόσθεσε προσθέτω VERB 0 root
    """, "el")
    assert by_role_words(history, s.word(2)).source_id == "x:lavrov"
    link = resolve_link(s, RawLink(s.word(2), tuple(s.words[:3]), "προσθέτω"), BOOKS["el"], REG, history)
    assert (link.source_id, link.resolution) == ("x:lavrov", "anaphora")


def test_an_unknown_source_named_again_keeps_its_fuller_mention():
    from attrib.attribution.extract.resolve import earlier_mention

    full = Link("x:harry-kane", "Harry Kane", "person", "Harry Kane", "say", "explicit")
    again = Link("x:kane", "Kane", "person", "Kane", "say", "explicit")
    assert earlier_mention(again, [full]).source_id == "x:harry-kane"
    other = Link("x:tom-jones", "Tom Jones", "person", "Tom Jones", "say", "explicit")
    assert earlier_mention(again, [other]).source_id == "x:kane"
    assert earlier_mention(Link("reuters", "Reuters", "wire_agency", "", "", "registry"), [full]).source_id == "reuters"


def test_each_anaphora_word_is_an_alternative_and_a_phrase_is_a_sequence():
    history = [Link("x:globus", "Globus", "media", "a Globus hetilap", "szerint", "explicit"),
               Link("x:kis", "Kis Péter", "person", "Kis Péter", "mond", "explicit")]
    said = """
    Az az DET 2 det Definite=Def
    {noun} {noun} NOUN 3 nsubj Case=Nom|Number=Sing
    írta ír VERB 0 root Number=Sing|Person=3
    """
    for noun in ("lap", "újság", "portál"):  # any of the entry's words, not the three in a row
        s = sent(said.format(noun=noun), "hu")
        link = resolve_link(s, RawLink(s.word(2), tuple(s.words[:2]), "ír"), BOOKS["hu"], REG, history)
        assert (link.source_id, link.resolution) == ("x:globus", "anaphora"), noun
    s = sent("""
    the the DET 3 det
    same same ADJ 3 amod
    source source NOUN 4 nsubj
    said say VERB 0 root
    """, "en")
    link = resolve_link(s, RawLink(s.word(3), tuple(s.words[:3]), "say"), BOOKS["en"], REG, history)
    assert (link.source_id, link.resolution) == ("x:kis", "anaphora")


def test_they_is_the_latest_plural_speaker_or_a_body_that_spoke_after_it():
    s = sent("""
    They they PRON 2 nsubj Number=Plur|PronType=Prs
    added add VERB 0 root
    """, "en")
    critics = Link("x:critics", "critics", "unknown", "critics", "charge", "explicit", plural=True)
    ministry = Link("x:ministry", "Interior Ministry", "government", "the Interior Ministry", "say", "explicit")
    raw = RawLink(s.word(1), (s.word(1),), "add")
    assert resolve_link(s, raw, BOOKS["en"], REG, [critics, ministry]).source_id == "x:ministry"
    assert resolve_link(s, raw, BOOKS["en"], REG, [ministry, critics]).source_id == "x:critics"
    mentioned = Link("x:ministry", "Interior Ministry", "government", "the Interior Ministry", "", "mention")
    assert resolve_link(s, raw, BOOKS["en"], REG, [critics, mentioned]).source_id == "x:critics"


def test_a_pronoun_is_never_matched_against_the_words_of_a_registry_role():
    peskov = REG.by_id("peskov")
    assert peskov is not None and any(" του " in f" {role} " for role in peskov.roles)
    history = [Link("ru-foreign-ministry", "Ministry of Foreign Affairs of Russia", "government", "υπουργείο", "σημειώνω",
                    "registry"),
               Link("peskov", peskov.name, peskov.type, "Πεσκόφ", "", "mention")]
    s = sent("""
    ανακοίνωσή ανακοίνωση NOUN 0 root
    του μου PRON 1 nmod Case=Gen|Gender=Masc|Number=Sing|Person=3|Poss=Yes|PronType=Prs
    """, "el")
    link = resolve_link(s, RawLink(s.word(2), (s.word(2),), "επικαλώ"), BOOKS["el"], REG, history[::-1])
    assert link.source_id == "ru-foreign-ministry"


def test_the_same_one_refers_back_to_a_source_of_its_number():
    tatars = Link("x:tatar", "Τάταροι", "person", "οι Τάταροι", "", "mention", plural=True)
    leader = Link("x:egkiz", "Εγκίζ", "person", "ο Εγκίζ", "λέω", "explicit")
    for number, wanted in (("Plur", "x:tatar"), ("Sing", "x:egkiz")):
        s = sent(f"""
        Οι ο DET 2 det Number={number}
        ίδιοι ίδιος ADJ 3 nsubj Case=Nom|Number={number}
        λένε λέγω VERB 0 root
        """, "el")
        link = resolve_link(s, RawLink(s.word(2), tuple(s.words[:2]), "λέγω"), BOOKS["el"], REG, [tatars, leader])
        assert (link.source_id, link.resolution) == (wanted, "anaphora"), number
