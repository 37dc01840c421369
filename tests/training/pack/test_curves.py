"""Dev curves read from stanza's training logs (hand-written log lines in stanza's formats)."""

from attrib.training.pack.curves import curve_text, training_curve

TAGGER = """
$ python -m stanza.models.tagger --mode train
2026-12-01 10:46:03 INFO: step 200: train_loss = 5.059537, dev_score = 0.6579
2026-12-01 10:55:05 INFO: step 400: train_loss = 2.904862, dev_score = 0.7524
"""
RESUMED = TAGGER + """
$ python -m stanza.models.tagger --mode train
2026-12-01 11:03:11 INFO: step 600: train_loss = 2.592813, dev_score = 0.7733
"""
RETRAINED = TAGGER + """
$ python -m stanza.models.tagger --mode train
2026-12-01 12:00:00 INFO: step 200: train_loss = 4.9, dev_score = 0.6601
"""
LEMMA = """2026-12-01 12:10:32 INFO: epoch 1: train_loss = 0.389615, dev_score = 0.9810
2026-12-01 12:15:35 INFO: epoch 2: train_loss = 0.183140, dev_score = 0.9816
"""
MWT = "2026-12-01 10:33:59 INFO: epoch 1: train_loss = 0.350667, dev_loss = 1.538859, dev_score = 0.9921\n"
TOKENIZER = """$ python -m stanza.models.tokenizer
2026-12-01 10:25:47 INFO: Dev score: 88.214	New best dev score!
2026-12-01 10:26:38 INFO: Dev score: 91.303	New best dev score!
2026-12-01 10:27:26 INFO: Dev score: 90.001
"""


def test_steps_and_percentages():
    assert training_curve(TAGGER, "pos", {}) == {"unit": "step", "points": [[200, 65.79], [400, 75.24]]}


def test_a_resumed_run_continues_and_a_retraining_starts_over():
    assert training_curve(RESUMED, "pos", {})["points"][-1] == [600, 77.33]
    assert len(training_curve(RESUMED, "pos", {})["points"]) == 3
    assert training_curve(RETRAINED, "pos", {})["points"] == [[200, 66.01]]


def test_epochs_of_the_lemmatizer_and_mwt():
    assert training_curve(LEMMA, "lemma", {}) == {"unit": "epoch", "points": [[1, 98.1], [2, 98.16]]}
    assert training_curve(MWT, "mwt", {})["points"] == [[1, 99.21]]


def test_tokenizer_points_fall_every_eval_steps():
    curve = training_curve(TOKENIZER, "tokenize", {"eval_steps": 250})
    assert curve["points"] == [[250, 88.21], [500, 91.3], [750, 90.0]]
    assert curve_text(curve) == "step 250: 88.2, 500: 91.3, 750: 90.0 (best 91.30 at 500)"


def test_curve_text_thins_long_curves_but_keeps_the_last_point():
    curve = {"unit": "step", "points": [[i * 50, 50.0 + i] for i in range(1, 31)]}
    text = curve_text(curve, limit=6)
    assert text.count(":") == 7 and "1500: 80.0" in text and "best 80.00 at 1500" in text
    assert curve_text({"points": []}) == "not recorded"


def test_training_time_adds_up_resumed_runs():
    from attrib.training.pack.curves import log_seconds

    log = ("$ python -m stanza.models.parser\n2026-12-01 10:00:00 INFO: start\n2026-12-01 10:10:00 INFO: step 50\n"
           "$ python -m stanza.models.parser\n2026-12-01 11:00:00 INFO: Continuing from checkpoint\n"
           "2026-12-01 11:05:30 INFO: step 100\n")
    assert log_seconds(log) == 930.0 and log_seconds("") == 0.0
