"""Per-outlet and per-period tables, checked against counts made by hand."""

from types import SimpleNamespace

import pandas as pd
import pytest

from attrib.report import groups as g


def link(name, kind):
    return {"source_id": name.lower(), "name": name, "type": kind, "surface": name, "cue": "say",
            "resolution": "explicit"}


RIA, REUTERS, OFFICIALS = link("RIA", "state_media"), link("Reuters", "wire_agency"), link("Officials", "government")
TOKAYEV, AP, TASS, AMNESTY = (link("Tokayev", "government"), link("AP", "wire_agency"), link("TASS", "state_media"),
                              link("Amnesty", "ngo"))


def tables():
    docs = pd.DataFrame({
        "doc_id": ["d1", "d2", "d3", "d4"],
        "outlet": ["Kathimerini", None, "", None],
        "url": [None, "https://www.hvg.hu/vilag/1", None, None],
        "source": ["in/k.txt", "rows.csv#2", "corpus/index/a.txt", "b.txt"],
        "published": pd.to_datetime(["2022-01-03 10:00", "2022-01-09 23:30", "2022-02-01 00:00", None], utc=True),
    })
    rows = [("d1", 0, [RIA]), ("d1", 1, [REUTERS, OFFICIALS]), ("d1", 2, []), ("d2", 0, [TOKAYEV]), ("d2", 1, []),
            ("d3", 0, [AP]), ("d3", 1, [TASS]), ("d4", 0, [AMNESTY])]
    sentences = pd.DataFrame([{"doc_id": d, "sent_id": s, "chain": c, "attributed": bool(c)} for d, s, c in rows])
    framing = pd.DataFrame([
        {"doc_id": "d1", "sent_id": 0, "term": "terrorists", "category": "criminality", "voice": "ria",
         "voice_type": "state_media", "quoted": True, "scare_quoted": False},
        {"doc_id": "d2", "sent_id": 1, "term": "protesters", "category": "protest", "voice": "outlet",
         "voice_type": "outlet", "quoted": False, "scare_quoted": False},
        {"doc_id": "d1", "sent_id": 2, "term": "“bandits”", "category": "criminality", "voice": "outlet",
         "voice_type": "outlet", "quoted": False, "scare_quoted": True}])
    return {"documents": docs, "sentences": sentences, "framing": framing}


def test_outlet_from_input_then_url_domain_then_folder():
    outlets = g.document_outlets(tables()["documents"])
    assert outlets.to_dict() == {"d1": "Kathimerini", "d2": "hvg.hu", "d3": "index", "d4": "unknown"}


def test_periods_day_iso_week_month_and_undated():
    published = tables()["documents"]["published"]
    assert list(g.period_label(g.period_start(published, "day"), "day")) == [
        "2022-01-03", "2022-01-09", "2022-02-01", "undated"]
    assert list(g.period_label(g.period_start(published, "week"), "week")) == [
        "2022-W01", "2022-W01", "2022-W05", "undated"]
    assert list(g.period_label(g.period_start(published, "month"), "month")) == [
        "2022-01", "2022-01", "2022-02", "undated"]
    assert str(g.period_start(published, "week")[2]) == "2022-01-31 00:00:00+00:00"  # the Monday
    with pytest.raises(ValueError, match="day, week, month"):
        g.period_start(published, "year")


def test_overview_per_outlet():
    out = g.summarise_groups(tables(), None, ("outlet",))["groups_by_outlet"].set_index("outlet")
    assert out.loc["Kathimerini"].to_dict() == {"documents": 1, "sentences": 3, "attributed": 2,
                                                "attributed_share": 0.6667}
    assert out.loc["hvg.hu", "attributed"] == 1 and out.loc["index", "attributed_share"] == 1.0


def test_reliance_per_outlet_counts_anywhere_in_the_chain_and_proximate():
    rel = g.summarise_groups(tables(), None, ("outlet",))["reliance_by_outlet"]
    kath = rel[rel["outlet"] == "Kathimerini"].set_index("source_type")
    assert kath.loc["government", ["sentences", "proximate", "share"]].tolist() == [1, 0, 0.5]
    assert kath.loc["wire_agency", ["sentences", "proximate"]].tolist() == [1, 1]
    assert set(kath.index) == {"state_media", "wire_agency", "government"}


def test_reliance_per_month_and_state_media_apart_from_government():
    out = g.summarise_groups(tables(), None, ("period",), "month")
    jan = out["reliance_by_period"].query("period == '2022-01'").set_index("source_type")
    assert jan.loc["government", ["sentences", "proximate", "share", "group_attributed"]].tolist() == [2, 1, 0.6667, 3]
    aff = out["affiliation_by_period"].query("period == '2022-02'").set_index("affiliation")
    assert aff.loc["state_media", "sentences"] == 1 and "government" not in aff.index
    assert aff.loc["unknown", "sentences"] == 1  # AP: not in any registry here
    assert list(out["groups_by_period"]["period"]) == ["2022-01", "2022-02", "undated"]


def test_registry_flags_split_the_other_sources():
    flags = {"ap": False, "amnesty": None, "reuters": True}
    registry = SimpleNamespace(by_id=lambda sid: SimpleNamespace(state_affiliated=flags[sid]) if sid in flags else None)
    aff = g.summarise_groups(tables(), registry, ("outlet",))["affiliation_by_outlet"]
    counts = aff.groupby("affiliation")["sentences"].sum().to_dict()
    assert counts == {"state_media": 2, "government": 2, "other_state_affiliated": 1, "not_state_affiliated": 1,
                      "unknown": 1}


def test_outlet_and_week_together_and_framing_by_voice():
    out = g.summarise_groups(tables(), None, ("outlet", "period"), "week")
    over = out["groups_by_outlet_period"]
    assert list(over.columns[:3]) == ["outlet", "period", "period_start"]
    assert over.set_index(["outlet", "period"]).loc[("hvg.hu", "2022-W01"), "sentences"] == 2
    fr = out["framing_by_outlet_period"].set_index(["outlet", "category", "voice_type"])
    assert fr.loc[("Kathimerini", "criminality", "state_media"), ["n", "quoted"]].tolist() == [1, 1]
    assert fr.loc[("Kathimerini", "criminality", "outlet"), "scare_quoted"] == 1


def test_grouping_must_be_outlet_or_period():
    with pytest.raises(ValueError, match="outlet, period or both"):
        g.document_groups(tables()["documents"], ("language",))
