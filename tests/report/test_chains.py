import numpy as np

from attrib.report.chains import chain_names, chain_text


def link(name, surface="x"):
    return {"source_id": name.lower(), "name": name, "type": "wire_agency", "surface": surface,
            "cue": "say", "resolution": "explicit"}


def test_chain_text_proximate_first():
    assert chain_text([link("Reuters"), link("Interior Ministry officials")]) == "Reuters ← Interior Ministry officials"


def test_chain_text_reads_arrays_as_parquet_gives_them():
    assert chain_text(np.array([link("RIA"), link("Peskov")], dtype=object)) == "RIA ← Peskov"


def test_unattributed_is_empty():
    assert chain_text(None) == "" and chain_text([]) == ""


def test_surface_stands_in_for_a_missing_name():
    assert chain_names([{"name": None, "surface": "a diplomat"}]) == ["a diplomat"]
