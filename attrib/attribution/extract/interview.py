"""Interviews: who is interviewed, and which paragraphs are their answers.

An interview article introduces its interviewee ("Wikinews interviewed Tina McKenzie",
"Interview with ... Noam Chomsky", "συνέντευξη με τον Χ") and then alternates questions and
answers without naming the speaker again. A paragraph after the introduction that does not
end in a question is the interviewee's answer; headlines (section titles) and captions are
neither. The words that introduce an interview are the codebook's ``interview`` section.
"""

from __future__ import annotations

from dataclasses import dataclass

from attrib.languages.codebook import Codebook
from attrib.attribution.extract.match import forms, vocab
from attrib.attribution.extract.names import is_name, proper_name
from attrib.attribution.extract.resolve import noun_type
from attrib.parsing.sent import Sent, Word, fold

INTRO_PARAGRAPHS = 6  # the introduction is among the first paragraphs
QUESTION_ENDS = ("?", ";")  # ";" is the Greek question mark


@dataclass(frozen=True)
class Interview:
    """An interview found in an article.

    Attributes:
        sent: the sentence that names the interviewee.
        head: the head word of the interviewee's name.
        first_answer: index of the first block that can be an answer.
    """

    sent: Sent
    head: Word
    first_answer: int


def _person(sent: Sent, word: Word) -> Word | None:
    """The name a phrase holds: the word itself if a name, else a name in apposition."""
    if is_name(word):
        return word
    return next((k for k in sent.children(word, "appos", "flat") if is_name(k)), None)


def _with_object(sent: Sent, word: Word, section: dict) -> Word | None:
    """A dependent of ``word`` introduced by a with-marker ("with X", "με τον Χ") or in a
    with-case ("Chomskyval")."""
    preps, cases = vocab(section.get("with_markers")), set(section.get("with_cases") or [])
    for kid in sent.children(word, "obl", "nmod", "obj", "iobj"):
        if kid.feats.get("Case") in cases or any(forms(c) & preps for c in sent.children(kid, "case")):
            return kid
    return None


def _candidates(sent: Sent, section: dict) -> list[Word]:
    """Interviewees a sentence names: the object or with-phrase of an interviewing verb
    ("interviewed X", "spoke with X"), the with-phrase of an interview noun."""
    verbs, nouns = vocab(section.get("verbs")), vocab(section.get("words"))
    found = []
    for word in sent.words:
        own = forms(word)
        if word.upos == "VERB" and own & (verbs | nouns):
            found += [k for k in sent.children(word, "obj") if k.upos in ("PROPN", "NOUN")]
        if word.upos in ("VERB", "NOUN") and own & (verbs | nouns):
            found += [k for k in [_with_object(sent, word, section)] if k is not None]
    people = [p for p in (_person(sent, w) for w in found) if p is not None]
    return people or [w for w in found if w.upos == "NOUN" and w.feats.get("Number") == "Plur"]  # "experts"


def _speaks_of_interview(sents: list[Sent], section: dict) -> bool:
    """Whether the introduction speaks of an interview at all."""
    words = vocab(section.get("words"))
    return any(forms(w) & words for s in sents for w in s.words)


def _titled(head: Word, titles: list[Sent]) -> bool:
    """Whether a headline names the candidate."""
    return any(fold(w.text) == fold(head.text) for t in titles for w in t.words)


def find_interview(parsed: list[tuple[object, list[Sent]]], book: Codebook | None) -> Interview | None:
    """The interview an article presents, if it is one.

    Args:
        parsed: the article's blocks (with ``kind``) and their parsed sentences, in order.
        book: the article's main codebook (its ``interview`` section).
    """
    section = book.section("interview") if book is not None else {}
    if not section:
        return None
    titles = [s for block, sents in parsed[:INTRO_PARAGRAPHS] if block.kind == "headline" for s in sents]
    found, intro = [], []
    for index, (block, sents) in enumerate(parsed[:INTRO_PARAGRAPHS]):
        if is_question(block.text):
            break
        intro += sents
        found += [(s, head, index + 1) for s in sents for head in _candidates(s, section)]
    first = max((index for _, _, index in found), default=0)
    asked = any(is_question(block.text) for block, _ in parsed[first:])
    if not found or not asked or not _speaks_of_interview(intro, section):
        return None
    people = [c for c in found if noun_type(c[1], book) != "person"] or found  # "Evans", not "President"
    sent, head, _ = next((c for c in people if _titled(c[1], titles)), people[0])
    return Interview(sent, head, first)


def is_question(text: str) -> bool:
    """A paragraph that ends in a question (an interviewer's turn)."""
    return text.rstrip(" \"'”»)").endswith(QUESTION_ENDS)


def is_answer(interview: Interview | None, index: int, block) -> bool:
    """Whether block ``index`` is one of the interviewee's answers: after the introduction,
    not a question, and not about the interviewee in the third person ("Sarvis has
    garnered ...", a caption "Hill (right) with ...")."""
    if interview is None or index < interview.first_answer or block.kind != "paragraph" or is_question(block.text):
        return False
    surname = fold(proper_name(interview.sent, interview.head)[-1].text)  # "Mary Smith": Smith
    return surname not in {fold(t.strip(".,;:()\"'")) for t in block.text.split()}
