"""reports/models.md: targets, curves and the gate's verdicts, from a hand-written manifest."""

from attrib.training.pack.report import curve_section, targets_section

CURVE_RISING = {"unit": "step", "points": [[50, 50.0], [100, 55.0], [150, 57.0]]}
CURVE_FLAT = {"unit": "step", "points": [[50, 50.0], [100, 58.0], [150, 57.9]]}
MANIFEST = {"languages": {"hu": {
    "models": {"depparse": {"curve": CURVE_FLAT, "gate": {}}},
    "rejected": {"depparse": {"curve": CURVE_RISING, "failed": "attribution", "detail": "f1 0.834 -> 0.833",
                              "scores": {"test": {"LAS": 57.3}}, "splits": {"train": ["UD_H/a.conllu"]},
                              "trained": "2026-12-01T16:00:00Z", "train_seconds": 3840}}}}}


def test_targets_say_what_is_reached_and_how_the_curves_end():
    lines = targets_section({"hu": {"scores": {"LAS": 55.9}}}, MANIFEST, {"hu": {"LAS": 65.0}})
    row = next(line for line in lines if line.startswith("| hu"))
    assert "| 65.0 | 55.90 | no |" in row
    assert "installed: flat at the end; retrained, turned down by the gate: still rising" in row


def test_curves_list_installed_and_turned_down_models():
    text = "\n".join(curve_section(MANIFEST))
    assert "- hu depparse: step 50: 50.0, 100: 58.0, 150: 57.9 (best 58.00 at 100). Gate: first model" in text
    assert "hu depparse, trained 2026-12-01 (64 min) on train: a.conllu: test on gold input LAS 57.30" in text
    assert "attribution check failed: f1 0.834 -> 0.833." in text
