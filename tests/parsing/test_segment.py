"""Sentences of paragraphs no parser reads, and pieces of over-long paragraphs."""

from attrib.parsing.segment import pieces, sentence_spans


def test_sentences_of_a_language_without_models_keep_abbreviations_and_offsets():
    text = "Die Regierung hat entschieden. Dr. Müller sagte, es reiche nicht! Wer zahlt?"
    spans = sentence_spans(text, "de")
    assert [text[a:b] for a, b in spans] == ["Die Regierung hat entschieden.",
                                             "Dr. Müller sagte, es reiche nicht!", "Wer zahlt?"]
    chinese = "台风登陆海南。当局发布警报！"
    assert [chinese[a:b] for a, b in sentence_spans(chinese, "zh")] == ["台风登陆海南。", "当局发布警报！"]


def test_a_long_run_is_cut_at_a_sentence_end_or_a_space():
    text = "word " * 3000
    cut = pieces(text, limit=1000)
    assert all(len(piece) <= 1000 for _, piece in cut) and "".join(p for _, p in cut) == text
    assert [offset for offset, _ in cut] == [sum(len(p) for _, p in cut[:i]) for i in range(len(cut))]
