"""Static vectors distilled from the encoder: which words are read, how often, and a file
stanza reads as its own pretrain."""

from pathlib import Path

import pytest
import torch

from attrib.training.pack import vectors

BLOCK = """# sent_id = 1
# text = Είπε ότι ήρθαν.
1-2\tΕίπε\t_\t_\t_\t_\t_\t_\t_\t_
1\tΕίπ\tλέω\tVERB\t_\t_\t0\troot\t_\t_
2\tε\t_\tPRON\t_\t_\t1\tobj\t_\t_
3\tότι\tότι\tSCONJ\t_\t_\t4\tmark\t_\t_
3.1\televen\t_\t_\t_\t_\t_\t_\t_\t_
4\tήρθαν\tέρχομαι\tVERB\t_\t_\t1\tccomp\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_
"""


def test_a_treebank_sentence_gives_its_syntactic_words():
    assert vectors.block_words(BLOCK) == ["Είπ", "ε", "ότι", "ήρθαν", "."]


def test_articles_are_read_by_paragraph_in_pieces(tmp_path: Path):
    article = tmp_path / "a.txt"
    article.write_text("Ο υπουργός είπε: «Όχι».\n\n" + " ".join(["λέξη"] * 250), "utf-8")
    pieces = list(vectors.text_sentences([article]))
    assert pieces[0] == ["Ο", "υπουργός", "είπε", ":", "«", "Όχι", "»", "."]
    assert [len(p) for p in pieces[1:]] == [120, 120, 10]


def test_a_word_is_read_in_a_few_contexts_only():
    sentences = [["the", "minister", "said"]] * 20 + [["the", "spokesman", "said"]]
    kept = list(vectors._needed(iter(sentences), {}))
    assert len(kept) == vectors.CONTEXTS + 1  # the last one holds a word seen nowhere yet


def test_the_file_is_a_stanza_pretrain_with_lower_cased_lookups(tmp_path: Path):
    from stanza.models.common.pretrain import Pretrain

    words = ["reuters", "minister"]
    path = vectors.save_pretrain(words, vectors.reduce(torch.randn(40, 16), dim=4)[:2], tmp_path / "el.pt")
    loaded = Pretrain(str(path))
    assert loaded.emb.shape == (len(words) + 4, 4) and loaded.emb.dtype == torch.float32
    assert loaded.vocab.unit2id("Reuters") == loaded.vocab.unit2id("reuters") == 4
    assert torch.equal(loaded.emb[0], torch.zeros(4))  # stanza's reserved rows stay empty


def test_the_pool_s_test_half_is_never_read(tmp_path: Path):
    for name in ("el-train-0001-0004.txt", "el-test-0005-0009.txt", "el-dev-0010.txt"):
        (tmp_path / "el").mkdir(exist_ok=True)
        (tmp_path / "el" / name).write_text("x", "utf-8")
    assert [p.name for p in vectors.pool_articles(tmp_path, "el")] == ["el-dev-0010.txt", "el-train-0001-0004.txt"]


@pytest.mark.model
@pytest.mark.slow
def test_words_get_the_mean_of_their_contexts_from_the_encoder():
    from attrib.parsing.encoder.convert import load_encoder

    model, tokenizer = load_encoder()
    words, vecs = vectors.distil([["Reuters", "reported", "it"], ["reuters", "said", "so"]], model, tokenizer)
    assert set(words) == {"reuters", "reported", "it", "said", "so"} and vecs.shape == (5, 384)
    assert words[0] == "reuters"  # the most frequent first
    single = vectors.encode_batch(model, tokenizer, [["Reuters", "reported", "it"]])[0][0][1]
    assert not torch.allclose(vecs[0], single)  # averaged over both sentences
