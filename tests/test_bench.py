"""The benchmark's corpus and report (a smoke run, not a timed test)."""

from pathlib import Path

import pytest

from attrib.bench import build_corpus, run_bench, ud_documents
from tests.conftest import PACK, ROOT, need_models


def test_corpus_documents_are_real_text_and_unique(tmp_path: Path, ud_root):
    docs = ud_documents(ud_root / "UD_Greek-GDT/el_gdt-ud-dev.conllu")
    assert len(docs) > 5 and all(d.strip() for d in docs)
    build_corpus(30, tmp_path / "c", ROOT / "seeds", ud_root)
    texts = [p.read_text("utf-8") for p in (tmp_path / "c").glob("*.txt")]
    assert len(texts) == 30 == len(set(texts))


@pytest.mark.model
@pytest.mark.slow
def test_smoke_run_writes_the_report(tmp_path: Path, ud_root):
    need_models("el")
    result = run_bench(sizes=[2], out=tmp_path, seeds=ROOT / "seeds", ud=ud_root, models=str(PACK))
    assert [r["config"] for r in result["rows"]] == ["stanza 1×1", "attrib 1×1", "attrib 2×1", "attrib 1×2"]
    assert all(r["sentences"] > 0 and r["peak_mb"] > 50 for r in result["rows"])
    text = (tmp_path / "benchmarks.md").read_text("utf-8")
    assert "| 2 | attrib 2×1 |" in text
