from pathlib import Path

from attrib.training.pack.score import conll18_scores

GOLD = """# text = Ο Πεσκόφ μίλησε.
1\tΟ\tο\tDET\t_\t_\t2\tdet\t_\t_
2\tΠεσκόφ\tΠεσκόφ\tPROPN\t_\t_\t3\tnsubj\t_\t_
3\tμίλησε\tμιλώ\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No
4\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_

"""


def test_scores_perfect_and_imperfect_predictions(tmp_path: Path):
    gold = tmp_path / "g.conllu"
    gold.write_text(GOLD)
    perfect = conll18_scores(gold, gold)
    assert perfect["LAS"] == 100.0 and perfect["Sentences"] == 100.0
    wrong = tmp_path / "w.conllu"
    wrong.write_text(GOLD.replace("μιλώ", "μίλησε").replace("3\tnsubj", "4\tnsubj"))
    scores = conll18_scores(gold, wrong, ("Lemmas", "UAS", "UPOS"))
    assert scores == {"Lemmas": 75.0, "UAS": 75.0, "UPOS": 100.0}
