"""Sentence-initial words lemmatised again in lower case.

A compact lemmatiser meets most words in lower case, so a capital at the start of a
sentence throws it: "Hozzátette, hogy ..." comes out as *hozzát*, "Jelezte" as *Jelez*,
while "hozzátette" inside a sentence is *hozzátesz*. The first word of every sentence that
is not a name is lemmatised once more, written in lower case, with the same tagger's
part of speech.
"""

from __future__ import annotations

NAMES = ("PROPN", "X", "PUNCT", "NUM", "SYM")


def _sentence_starts(docs: list) -> list:
    """The first word of each sentence that is capitalised and not a name or an acronym."""
    starts = []
    for doc in docs:
        for sentence in doc.sentences:
            word = next((w for w in sentence.words if w.upos != "PUNCT"), None)
            if word is not None and word.upos not in NAMES and word.text[:1].isupper() and not word.text.isupper():
                starts.append(word)
    return starts


def relemmatise_sentence_starts(pipeline, docs: list) -> None:
    """Lemmatise the sentence-initial words of ``docs`` again in lower case (in place).

    Args:
        pipeline: the ``stanza.Pipeline`` that parsed ``docs``; nothing happens if it has no lemmatiser.
        docs: its ``stanza.Document`` results.
    """
    import stanza

    lemma = pipeline.processors.get("lemma")
    starts = _sentence_starts(docs)
    if lemma is None or not starts:
        return
    batch = stanza.Document([[{"id": 1, "text": w.text.lower(), "upos": w.upos}] for w in starts])
    for word, again in zip(starts, (s.words[0] for s in lemma.process(batch).sentences)):
        if again.lemma:
            word.lemma = again.lemma
