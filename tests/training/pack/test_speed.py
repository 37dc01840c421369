"""The side-by-side speed report (timings faked: speed is measured by the script, never by a test)."""

from attrib.training.pack.speed import speed_markdown


def test_speed_table_gives_medians_and_the_ratio_to_the_first_pack():
    result = {"packs": ["old", "new"], "threads": 2, "rounds": 3, "machine": "x86_64, 2 cores",
              "results": {"en": {"sentences": 100, "busy_before": 0.5,
                                 "packs": {"old": {"runs": [80.0, 82.0, 79.0], "median": 80.0},
                                           "new": {"runs": [72.0, 75.0, 70.0], "median": 72.0}}}}}
    text = speed_markdown(result)
    assert "| en | 100 | 80.0 (80.0, 82.0, 79.0) | 72.0 (72.0, 75.0, 70.0) | 0.90 |" in text
    assert "busy just before: en 50%" in text
