"""Article-level attribution on a hand-parsed Greek article written for the test."""

from attrib.attribution.rules import attribute_article
from attrib.languages.codebook import load_codebooks
from attrib.parsing.sent import with_offsets
from attrib.attribution.registry import load_registry
from attrib.article.structure import structure_article
from tests.attribution.extract.conllu import sent

BOOKS, REG = load_codebooks(), load_registry()

ARTICLE = """Το πρακτορείο Ίντερφαξ μετέδωσε ότι ο υπουργός παραιτήθηκε.

Πρόσθεσε ότι η κυβέρνηση θα συνεδριάσει.

«Δεν θα φύγω. Θα μείνω εδώ», δήλωσε ο Πούτιν.

Η τιμή του ψωμιού αυξήθηκε.

Huge crowds in #Moscow tonight pic.twitter.com/Xy12 — RT (@RT_com) March 3, 2023"""

PARSES = [
    ["""Το ο DET 2 det
πρακτορείο πρακτορείο NOUN 4 nsubj
Ίντερφαξ Ίντερφαξ PROPN 2 flat
μετέδωσε μεταδίδω VERB 0 root
ότι ότι SCONJ 8 mark
ο ο DET 7 det
υπουργός υπουργός NOUN 8 nsubj
παραιτήθηκε παραιτούμαι VERB 4 ccomp
. . PUNCT 4 punct"""],
    ["""Πρόσθεσε προσθέτω VERB 0 root Person=3
ότι ότι SCONJ 6 mark
η ο DET 4 det
κυβέρνηση κυβέρνηση NOUN 6 nsubj
θα θα AUX 6 aux
συνεδριάσει συνεδριάζω VERB 1 ccomp
. . PUNCT 1 punct"""],
    ["""« « PUNCT 4 punct
Δεν δεν PART 4 advmod
θα θα AUX 4 aux
φύγω φεύγω VERB 0 root Person=1
. . PUNCT 4 punct""",
     """Θα θα AUX 2 aux
μείνω μένω VERB 7 ccomp Person=1
εδώ εδώ ADV 2 advmod
» » PUNCT 2 punct
, , PUNCT 7 punct
δήλωσε δηλώνω VERB 0 root
ο ο DET 8 det
Πούτιν Πούτιν PROPN 6 nsubj
. . PUNCT 6 punct"""],
    ["""Η ο DET 2 det
τιμή τιμή NOUN 5 nsubj
του ο DET 4 det
ψωμιού ψωμί NOUN 2 nmod
αυξήθηκε αυξάνω VERB 0 root
. . PUNCT 5 punct"""],
    ["""Huge huge ADJ 2 amod
crowds crowd NOUN 0 root
in in ADP 4 case
#Moscow #Moscow PROPN 2 nmod
tonight tonight NOUN 2 obl
pic.twitter.com/Xy12 pic.twitter.com/Xy12 X 2 dep"""],
]


def _run():
    article = structure_article(ARTICLE, BOOKS)
    parsed = []
    for block, rows_list in zip(article.blocks, PARSES):
        sents, pos = [], 0
        for rows in rows_list:
            s = with_offsets(sent(rows, block.lang), block.text, block.start, pos)
            pos = s.words[-1].end - block.start
            sents.append(s)
        parsed.append((block, sents))
    return article, attribute_article(parsed, BOOKS, REG)


def _chains(results):
    return [[[(l.source_id, l.resolution) for l in r.chain] for r in block] for block in results]


def test_chains_quotes_and_posts():
    article, results = _run()
    # the post's "RT" signature was lifted out of the paragraph by the structure step
    assert article.blocks[4].handle == "RT_com"
    assert _chains(results) == [
        [[("interfax", "registry")]],
        [[("interfax", "pro-drop")]],
        [[("putin", "registry")], [("putin", "registry")]],
        [[]],
        [[("rt", "post-author")]],
    ]
    kinds = [[r.quote for r in block] for block in results]
    assert kinds == [["indirect"], ["indirect"], ["direct", "direct"], ["none"], ["direct"]]


NAMED_EARLIER = """Διαδηλωτές ο DET 2 nsubj
βγήκαν βγαίνω VERB 0 root
με με ADP 5 case
τον ο DET 5 det
Πούτιν Πούτιν PROPN 2 obl
να να AUX 7 mark
ζητά ζητώ VERB 5 acl
«τάξη» τάξη NOUN 7 obj
, , PUNCT 12 punct
όπως όπως SCONJ 12 mark
τη ο PRON 12 obj
χαρακτήρισε χαρακτηρίζω VERB 7 advcl
. . PUNCT 2 punct"""


def test_dropped_subject_finds_a_name_earlier_in_the_sentence():
    text = "Διαδηλωτές βγήκαν με τον Πούτιν να ζητά «τάξη», όπως τη χαρακτήρισε."
    article = structure_article(text, BOOKS)
    block = article.blocks[0]
    s = with_offsets(sent(NAMED_EARLIER, "el"), block.text, block.start)
    result = attribute_article([(block, [s])], BOOKS, REG)[0][0]
    assert [(l.source_id, l.resolution) for l in result.chain] == [("putin", "pro-drop")]


POST_ARTICLE = """Η οργάνωση Amnesty International ανακοίνωσε στο Twitter:

Protesters detained in #Almaty must be released.

Read more: https://t.co/AbC123

Η αστυνομία δεν σχολίασε τις αναφορές."""

POST_PARSES = [
    """Η ο DET 2 det
οργάνωση οργάνωση NOUN 5 nsubj
Amnesty Amnesty PROPN 2 flat
International International PROPN 3 flat
ανακοίνωσε ανακοινώνω VERB 0 root
στο σε ADP 7 case
Twitter Twitter PROPN 5 obl
: : PUNCT 5 punct""",
    """Protesters protester NOUN 6 nsubj:pass
detained detain VERB 1 acl
in in ADP 4 case
#Almaty #Almaty PROPN 2 obl
must must AUX 6 aux
released release VERB 0 root
. . PUNCT 6 punct""",
    """Read read VERB 0 root
more more ADJ 1 obj
: : PUNCT 1 punct
https://t.co/AbC123 https://t.co/AbC123 X 1 dep""",
    """Η ο DET 2 det
αστυνομία αστυνομία NOUN 4 nsubj
δεν δεν PART 4 advmod
σχολίασε σχολιάζω VERB 0 root
τις ο DET 6 det
αναφορές αναφορά NOUN 4 obj
. . PUNCT 4 punct""",
]


def test_every_paragraph_of_an_unsigned_post_has_the_introducing_source():
    article = structure_article(POST_ARTICLE, BOOKS)
    assert [b.kind for b in article.blocks] == ["paragraph", "post", "post", "paragraph"]
    assert article.blocks[1].post_id == article.blocks[2].post_id
    parsed = [(b, [with_offsets(sent(rows, b.lang), b.text, b.start)]) for b, rows in zip(article.blocks, POST_PARSES)]
    results = attribute_article(parsed, BOOKS, REG)
    assert [block[0].chain[0].source_id for block in results[1:3]] == ["amnesty", "amnesty"]
    assert {block[0].chain[0].resolution for block in results[1:3]} == {"post-intro"}
    assert results[3][0].chain == []
