"""How many workers a run gets when --workers is left out."""

from pathlib import Path

from attrib.engines.sizing import WORKER_MEMORY_MB, auto_workers, available_memory_mb, usable_cores


def test_a_small_corpus_stays_in_one_process():
    assert auto_workers(5, cores=8, memory_mb=64_000) == 1
    assert auto_workers(199, cores=8, memory_mb=64_000) == 1


def test_a_large_corpus_gets_a_worker_per_core():
    assert auto_workers(10_000, cores=8, memory_mb=64_000) == 8
    assert auto_workers(350, cores=8, memory_mb=64_000) == 3  # at least 100 documents each


def test_workers_never_hold_more_than_the_available_memory():
    assert auto_workers(10_000, cores=16, memory_mb=7_000) == 7_000 // WORKER_MEMORY_MB == 4
    assert auto_workers(10_000, cores=16, memory_mb=1_000) == 1  # one process even when short of memory


def test_the_machine_is_read(tmp_path: Path):
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:       24000000 kB\nMemFree:  100 kB\nMemAvailable:   20480000 kB\n")
    assert available_memory_mb(meminfo) == 20_000
    assert available_memory_mb(tmp_path / "none") is None
    assert usable_cores() >= 1
