import numpy as np
import pytest
import torch

from attrib.parsing.pack.windows import bound_tokenizer_windows, windows
from tests.conftest import PACK, need_models


class _Vocab:
    def unit2id(self, unit):
        return {"<PAD>": 0, "<UNK>": 1}.get(unit, 2)


class _Dataset:
    """Just what ``windows`` asks of stanza's TokenizationDataset: advancing rows."""

    vocab = _Vocab()

    def advance_old_batch(self, offsets, batch):
        from stanza.models.tokenization.data import TokenizationDataset

        return TokenizationDataset.advance_old_batch(self, offsets, batch)


class _Trainer:
    """Scores a sentence break (label 2) at every full stop; records the rows it is given."""

    def __init__(self):
        self.rows = []

    def predict(self, batch):
        self.rows.append(len(batch[3]))
        scores = np.zeros((len(batch[3]), len(batch[3][0]), 5))
        for r, chars in enumerate(batch[3]):
            for c, char in enumerate(chars):
                scores[r, c, 2 if char == "." else 0] = 1.0
        return scores


def _batch(paragraphs):
    width = max(len(p) for p in paragraphs) + 1  # stanza pads every row by at least one
    units = torch.zeros((len(paragraphs), width), dtype=torch.int64)
    for r, p in enumerate(paragraphs):
        units[r, :len(p)] = 2
    raw = [list(p) + ["<PAD>"] * (width - len(p)) for p in paragraphs]
    return units, torch.full(units.shape, -1, dtype=torch.int32), torch.zeros((*units.shape, 1)), raw


def _expected(paragraph):
    return [2 if char == "." else 0 for char in paragraph]


def test_finished_paragraphs_leave_the_windows():
    long = "Word after word after word, then the end. " * 70  # 2,940 characters
    paragraphs = [long, "y" * 300, "A short one. Two."]
    trainer = _Trainer()
    out = windows(trainer, _Dataset(), _batch(paragraphs), window=1000)
    assert trainer.rows[0] == 3 and set(trainer.rows[1:]) == {1}  # stanza: 3 rows every window
    assert len(trainer.rows) == 4  # 2,940 characters advance to breaks: 1,000 + 1,000 + 940
    assert [list(labels) for labels in out] == [_expected(p) for p in paragraphs]


def test_a_paragraph_without_breaks_advances_a_whole_window():
    paragraphs = ["z" * 2500, "Short. Also short."]
    trainer = _Trainer()
    out = windows(trainer, _Dataset(), _batch(paragraphs), window=1000)
    assert trainer.rows == [2, 1, 1]
    assert [len(labels) for labels in out] == [2500, 18]
    assert list(out[1]) == _expected(paragraphs[1])


class _Tokenizer:
    def __init__(self, **config):
        self.config, self._speaker_opener = config, config.pop("speaker", None)

    def process(self, document):
        return "stanza's"


@pytest.mark.parametrize("config", [{"pretokenized": True}, {"speaker": "<"}])
def test_tokenizers_stanza_handles_otherwise_are_left_alone(config):
    tokenizer = _Tokenizer(**config)
    bound_tokenizer_windows(type("Pipeline", (), {"processors": {"tokenize": tokenizer}}))
    assert tokenizer.process("text") == "stanza's"
    plain = _Tokenizer()
    bound_tokenizer_windows(type("Pipeline", (), {"processors": {"tokenize": plain}}))
    assert plain.process.func.__name__ == "tokenize_windowed"


@pytest.mark.model
def test_pipeline_tokenizes_as_stanzas_own_windows_do():
    need_models("el")
    from attrib.parsing.pack.resolve import load_pipeline

    sentences = ["Η κυβέρνηση ανακοίνωσε νέα μέτρα για την ενέργεια την Τρίτη.",
                 "Οι διαδηλωτές συγκεντρώθηκαν στην κεντρική πλατεία της πόλης.",
                 "Σύμφωνα με το πρακτορείο, οι αρχές κήρυξαν κατάσταση έκτακτης ανάγκης.",
                 "Ο υπουργός δήλωσε ότι η κατάσταση είναι υπό έλεγχο."]
    long = " ".join(sentences[i % 4] for i in range(40))  # about 2,500 characters, no paragraph mark
    text = "\n\n".join([long, "Σύντομη παράγραφος.", sentences[1], "Αθήνα, 6 Ιανουαρίου.", long[:1400]])
    tokenizer = load_pipeline("el", models=PACK, processors=("tokenize",)).processors["tokenize"]
    assert tokenizer.process.func.__name__ == "tokenize_windowed"
    ours, theirs = tokenizer.process(text), type(tokenizer).process(tokenizer, text)
    assert ours.to_dict() == theirs.to_dict() and len(ours.sentences) > 60
    with pytest.raises(ValueError, match="no_ssplit"):  # stanza's own answer to a list without no_ssplit
        tokenizer.process(["Μία παράγραφος.", "Άλλη μία."])
