"""Progress on stderr: quiet for short runs, then the work done out of its total, with rate
and time left; redrawn in place on a terminal, occasional lines in a log."""

import io

from attrib import progress as pg
from attrib.inputs.reader import corpus_size
from attrib.progress import Progress, counted, duration


class Clock:
    """A clock the test moves by hand."""

    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_run_shorter_than_the_delay_shows_nothing():
    clock, stream = Clock(), io.StringIO()
    with Progress(50, stream=stream, clock=clock) as bar:
        for _ in range(50):
            clock.now += pg.DELAY / 60
            bar.advance()
    assert bar.done == 50 and stream.getvalue() == ""


def test_a_long_run_in_a_log_writes_occasional_lines_with_total_rate_and_time_left():
    clock, stream = Clock(), io.StringIO()
    bar = Progress(200, unit="document", label="annotating", stream=stream, clock=clock)
    clock.now += 20
    bar.advance(40)  # 40 of 200 in 20 s: 2.0/s, 160 left, 80 s
    assert stream.getvalue() == "annotating: 40/200 documents (20%), 2.0/s, 0:20 elapsed, about 1:20 left\n"
    clock.now += 5
    bar.advance(10)  # too soon for another line in a log
    assert stream.getvalue().count("\n") == 1
    clock.now += pg.EVERY
    bar.update(150)
    assert stream.getvalue().splitlines()[-1].startswith("annotating: 150/200 documents (75%)")
    clock.now += 10
    bar.update(200)
    bar.close()
    last = stream.getvalue().splitlines()[-1]
    assert last == "annotating: 200/200 documents (100%), 3.1/s, 1:05 elapsed"  # no time left once done


def test_on_a_terminal_the_line_is_redrawn_in_place_and_ended_at_close():
    clock, stream = Clock(), Terminal()
    bar = Progress(1000, unit="sentence", label="evaluating", stream=stream, clock=clock)
    for _ in range(30):
        clock.now += 1
        bar.advance(10)
    text = stream.getvalue()
    assert "\n" not in text and text.count("\r") == 21  # every second from the 10th on
    assert text.rsplit("\r", 1)[-1].startswith("evaluating: 300/1,000 sentences (30%)")
    bar.close()
    assert stream.getvalue().endswith("\n") and stream.getvalue().count("\n") == 1


def test_quiet_shows_nothing_however_long_the_run():
    clock, stream = Clock(), io.StringIO()
    with Progress(10, stream=stream, clock=clock, enabled=False) as bar:
        clock.now += 3600
        bar.advance(5)
    assert stream.getvalue() == ""


def test_an_unknown_total_shows_the_count_alone():
    clock, stream = Clock(), io.StringIO()
    bar = Progress(None, stream=stream, clock=clock, delay=0)
    clock.now += 4
    bar.advance(2)
    assert stream.getvalue() == "annotating: 2 documents, 2.0 s/document, 0:04 elapsed\n"


def test_durations_read_as_minutes_or_hours():
    assert (duration(5), duration(65), duration(3725)) == ("0:05", "1:05", "1:02:05")


def test_counted_reports_each_chunk_after_it_is_used():
    seen = []
    chunks = counted(iter([[1, 2], [3]]), seen.append)
    assert next(chunks) == [1, 2] and seen == []
    assert list(chunks) == [[3]] and seen == [2, 1]
    assert list(counted([[1]], None)) == [[1]]


def test_the_corpus_size_counts_files_and_table_rows(tmp_path):
    (tmp_path / "a.txt").write_text("One article.", encoding="utf-8")
    (tmp_path / "rows.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n{"text": "z"}\n', encoding="utf-8")
    assert corpus_size([str(tmp_path)]) == 4
    assert corpus_size([str(tmp_path / "*.txt")]) == 1
    greek = "id;text\n1;Η κυβέρνηση ανακοίνωσε νέα μέτρα για τη στέγαση.\n2;Ο υπουργός δήλωσε ότι θα βοηθήσουν.\n"
    (tmp_path / "excel.csv").write_bytes(greek.encode("cp1253"))  # as Excel saves it in Greece
    assert corpus_size([str(tmp_path / "excel.csv")]) == 2
