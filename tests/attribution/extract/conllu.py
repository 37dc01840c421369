"""Write hand-made CoNLL-U compactly: one word per line, "form lemma UPOS head deprel [feats]"."""

from attrib.parsing.sent import Sent, from_conllu


def sent(rows: str, lang: str) -> Sent:
    """Build a sentence from compact rows (ids are implicit, 1-based, in order)."""
    lines = []
    for number, row in enumerate(r for r in rows.strip().splitlines() if r.strip()):
        form, lemma, upos, head, deprel, *feats = row.split()
        lines.append("\t".join([str(number + 1), form, lemma, upos, "_", feats[0] if feats else "_",
                                head, deprel, "_", "_"]))
    return from_conllu("\n".join(lines), lang)[0]
