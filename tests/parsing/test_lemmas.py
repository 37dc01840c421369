"""Sentence-initial words lemmatised again in lower case (a stand-in lemmatiser, no model)."""

from types import SimpleNamespace

from attrib.parsing.lemmas import relemmatise_sentence_starts


def word(text, lemma, upos):
    return SimpleNamespace(text=text, lemma=lemma, upos=upos)


class LowerCaseLemmatiser:
    """Knows verbs in lower case only, as a compact lemmatiser mostly does."""

    def __init__(self):
        self.seen = []

    def process(self, batch):
        self.seen = [s.words[0].text for s in batch.sentences]
        lemmas = {"hozzátette": "hozzátesz", "jelezte": "jelez"}
        for s in batch.sentences:
            s.words[0].lemma = lemmas.get(s.words[0].text, s.words[0].text)
        return batch


def test_only_capitalised_sentence_starts_that_are_not_names_are_lemmatised_again():
    verb, name, acronym, inner = (word("Hozzátette", "hozzát", "VERB"), word("Kovács", "Kovács", "PROPN"),
                                  word("MTI", "MTI", "NOUN"), word("Jelezte", "Jelez", "VERB"))
    docs = [SimpleNamespace(sentences=[SimpleNamespace(words=[verb, inner]), SimpleNamespace(words=[name]),
                                       SimpleNamespace(words=[word("—", "—", "PUNCT"), acronym])])]
    lemma = LowerCaseLemmatiser()
    relemmatise_sentence_starts(SimpleNamespace(processors={"lemma": lemma}), docs)
    assert lemma.seen == ["hozzátette"]  # not the name, the acronym, nor a word inside the sentence
    assert (verb.lemma, inner.lemma, name.lemma, acronym.lemma) == ("hozzátesz", "Jelez", "Kovács", "MTI")


def test_a_pipeline_without_a_lemmatiser_is_left_alone():
    verb = word("Hozzátette", "hozzát", "VERB")
    relemmatise_sentence_starts(SimpleNamespace(processors={}), [SimpleNamespace(sentences=[SimpleNamespace(words=[verb])])])
    assert verb.lemma == "hozzát"
