"""Windows cover every sentence once, reach back for context, carry the headline; gold
links become pointer answers (every occurrence of the naming words) or special answers."""

from attrib.training.learned.data import LinkTarget, SentenceTarget, TrainDoc, find_name, fold_chars
from attrib.attribution.learned.features import SPECIALS, link_label
from attrib.attribution.learned.windows import HEADLINE, SPECIAL, Window, make_windows


def _doc(n_sents: int, per: int) -> tuple[list[int], list, list[int]]:
    ids = list(range(10, 10 + n_sents * per))
    offsets = [(i * 5, i * 5 + 4) for i in range(len(ids))]
    token_sent = [i // per for i in range(len(ids))]
    return ids, offsets, token_sent


def test_every_sentence_is_predicted_once_with_context_and_headline():
    ids, offsets, token_sent = _doc(40, 10)
    windows = make_windows(0, ids, offsets, token_sent, 40, bos=0, eos=2, max_len=64, new=30, headline_max=12)
    predicted = [s for w in windows for s in w.targets]
    assert predicted == list(range(40))
    for w in windows:
        assert len(w.ids) <= 64 and w.ids[0] == 0 and w.ids[-1] == 2
        body = [t for t in w.token_sent if t >= 0]
        if w.targets[0] > 0:
            assert HEADLINE in w.token_sent or 0 in body  # the headline is always in view
            assert min(body) < w.targets[0]  # context before the first predicted sentence
        assert set(w.targets) <= set(body)


def test_a_short_document_is_one_window_without_a_copied_headline():
    ids, offsets, token_sent = _doc(3, 5)
    [w] = make_windows(0, ids, offsets, token_sent, 3, bos=0, eos=2, max_len=64, new=30)
    assert w.targets == [0, 1, 2] and HEADLINE not in w.token_sent and w.token_sent.count(SPECIAL) == 2


TEXT = "Reuters reported it. Officials told Reuters that prices rose. It was said so."


def _window() -> Window:
    words = [(0, 7), (8, 16), (17, 20), (21, 30), (31, 35), (36, 43), (44, 48), (49, 55), (56, 61),
             (62, 64), (65, 68), (69, 73), (74, 77)]
    sent = [0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2]
    return Window(0, [0] + list(range(100, 113)) + [2], [(-1, -1)] + words + [(-1, -1)],
                  [SPECIAL] + sent + [SPECIAL], [0, 1, 2])


def test_the_naming_words_anywhere_in_the_window_are_answers():
    doc = TrainDoc("d", "en", TEXT, [SentenceTarget(0, 20), SentenceTarget(21, 61), SentenceTarget(62, 77)])
    label = link_label(doc, _window(), LinkTarget(name=(36, 43), cue=(31, 35)))
    assert label.starts == [1, 6] and label.ends == [1, 6]  # both "Reuters"
    assert label.cue_starts == [5] and label.special == -100


def test_labels_and_lost_names():
    doc = TrainDoc("d", "en", TEXT, [])
    assert link_label(doc, _window(), LinkTarget(label="unnamed")).special == SPECIALS.index("unnamed")
    assert not link_label(doc, _window(), LinkTarget(label="lost")).known
    outside = link_label(doc, _window(), LinkTarget(name=(200, 205)))  # named where the window does not reach
    assert outside.special == SPECIALS.index("previous")


def test_names_are_found_through_case_accents_and_endings():
    text = "Ο Τσίπρας μίλησε. Σύμφωνα με τον ΤΣΙΠΡΑ, όλα καλά. Orbán Viktornak szerint jó."
    folded = fold_chars(text)
    assert len(folded) == len(text)
    assert text[slice(*find_name(text, folded, "Τσίπρας", 18, 50))] == "ΤΣΙΠΡΑ"
    assert text[slice(*find_name(text, folded, "Orbán Viktort", 50, len(text)))] == "Orbán Viktornak"
    assert find_name(text, folded, "Μητσοτάκης", 0, len(text)) is None
