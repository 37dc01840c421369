"""Module paths from before the stage packages still import, are the new modules, and run
with ``python -m``."""

import importlib
import subprocess
import sys

import pytest

from attrib._compat import MOVED, _Finder

SPLIT = {"annotator", "parallel", "models", "learned"}  # gathered again in attrib._compat


@pytest.mark.parametrize("old,new", sorted((o, n) for o, n in MOVED.items() if o not in SPLIT))
def test_an_old_path_is_the_new_module(old, new):
    assert importlib.import_module(f"attrib.{old}") is importlib.import_module(f"attrib.{new}")


def test_an_old_module_split_in_several_keeps_its_names():
    from attrib.annotator import Annotator, annotate, annotate_corpus, collect_rows, provenance  # noqa: F401
    from attrib.parallel import CHUNK_CHARS, Chunking, annotate_stream, chunks  # noqa: F401
    from attrib.pipeline import annotate_corpus as new

    assert annotate_corpus is new


def test_the_documented_imports_work():
    import attrib
    from attrib.agreement import pool_agreement  # noqa: F401
    from attrib.gold import document_sheet  # noqa: F401
    from attrib.models.resolve import load_pipeline
    from attrib.parsing.pack.resolve import load_pipeline as new

    assert load_pipeline is new and callable(attrib.annotate) and attrib.Annotations and attrib.annotate_corpus


def test_old_module_names_of_moved_modules_answer_patches_on_the_new_ones(monkeypatch):
    import attrib.inputs.reader
    import attrib.reader

    monkeypatch.setattr(attrib.reader, "MAX_CHARS", 7)
    assert attrib.inputs.reader.MAX_CHARS == 7


def test_a_pickled_training_document_from_the_old_path_loads():
    import pickle

    from attrib.learned.data import TrainDoc

    doc = TrainDoc("d1", "en", "Text.", [])
    assert pickle.loads(pickle.dumps(doc)) == doc


@pytest.mark.slow
def test_python_m_runs_an_old_entry_point():
    run = subprocess.run([sys.executable, "-m", "attrib.spangold", "--help"], capture_output=True, text=True)
    assert run.returncode == 0 and "--pool" in run.stdout


def test_python_m_finds_the_code_of_old_entry_points():
    """What runpy asks the finder for (in a fresh process, where the old name is not yet imported)."""
    for old in ("accuracy", "langid_bench", "mining", "learned.train", "learned.report", "report.browser_bench"):
        spec = _Finder().find_spec(f"attrib.{old}")
        assert spec.loader.get_code(f"attrib.{old}").co_filename == spec.origin, old
