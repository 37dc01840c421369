import pytest

from attrib.parsing.pack.batching import padded_batches
from tests.conftest import PACK, need_models


def _cells(batch, lengths):
    return len(batch) * max(lengths[i] for i in batch)


def test_one_long_sentence_among_short_ones_does_not_pad_them_all():
    lengths = [6] * 20 + [60] + [6] * 14  # a 59-word sentence among 34 five-word ones (+ROOT)
    out = padded_batches(lengths, 500)
    assert out[0][0] == 20 and len(out[0]) == 8  # 8 x 60 = 480 cells, not 35 x 60 = 2,100
    assert all(_cells(batch, lengths) <= 500 for batch in out)
    assert sorted(i for batch in out for i in batch) == list(range(35))


def test_batches_go_longest_first_and_fill_up_to_the_budget():
    lengths = [3, 10, 7, 10, 2, 7]
    out = padded_batches(lengths, 20)
    assert out == [[1, 3], [2, 5], [0, 4]]  # ties keep input order; 2 x 10 = 20 fits exactly


def test_a_sentence_longer_than_the_budget_is_a_batch_of_its_own():
    assert padded_batches([900, 4, 4], 500) == [[0], [1, 2]]
    assert padded_batches([], 500) == []


@pytest.mark.model
def test_pipeline_parses_as_stanzas_own_batching_does():
    need_models("en")
    import stanza

    from attrib.parsing.pack.resolve import load_pipeline

    text = ("Reuters said the protesters, who had gathered in the main square of Almaty since the "
            "morning of the fourth, were dispersed by police with tear gas and stun grenades late "
            "in the evening. Shots. Fires. It was calm. Officials declined to comment. Why? Later, "
            "the mayor's office reported that several buildings had been set on fire.")
    nlp = load_pipeline("en", models=PACK, depparse_batch_size=60)
    parser = nlp.processors["depparse"]
    assert parser.process.func.__name__ == "parse_bounded"
    ours = nlp.bulk_process([stanza.Document([], text=text)])[0]
    bare = [[{k: v for k, v in word.items() if k not in ("head", "deprel")} for word in sent]
            for sent in ours.to_dict()]
    theirs = type(parser).process(parser, stanza.Document(bare))  # stanza's batches: 60 words
    assert [(w.head, w.deprel) for s in ours.sentences for w in s.words] == [
        (w.head, w.deprel) for s in theirs.sentences for w in s.words]
