"""Embedding rows read from a safetensors file, and the encoder built on them against from_pretrained."""

import pytest
import torch
from safetensors.torch import save_file

from attrib.parsing.encoder.mapped import FileRows, safetensors_header


def test_rows_are_read_as_saved_in_the_order_asked(tmp_path):
    path = tmp_path / "t.safetensors"
    tensors = {"a": torch.arange(12, dtype=torch.float32).reshape(3, 4), "b": torch.randn(5, 2).half()}
    save_file(tensors, str(path))
    header, start = safetensors_header(path)
    assert set(header) >= {"a", "b"} and start > 8
    for name, tensor in tensors.items():
        rows = FileRows(path, name)
        ids = torch.tensor([[2, 0, 2], [1, 1, 0]]) if name == "a" else torch.tensor([4, 0, 3])
        looked_up = rows(ids)
        assert looked_up.dtype == tensor.dtype and torch.equal(looked_up, tensor[ids])
        assert (rows.num_embeddings, rows.embedding_dim) == tuple(tensor.shape)


def test_ids_outside_the_table_a_missing_name_and_bfloat16_are_refused(tmp_path):
    path = tmp_path / "t.safetensors"
    save_file({"a": torch.zeros(3, 2), "c": torch.zeros(2, dtype=torch.bfloat16)}, str(path))
    with pytest.raises(IndexError, match="0..2"):
        FileRows(path, "a")(torch.tensor([0, 3]))
    with pytest.raises(KeyError):
        FileRows(path, "b")
    with pytest.raises(ValueError, match="not a float matrix"):
        FileRows(path, "c")


@pytest.mark.model
@pytest.mark.slow
def test_the_lean_mapped_encoder_computes_what_from_pretrained_computes():
    from attrib.parsing.encoder.convert import load_encoder
    from attrib.parsing.encoder.mapped import load_mapped_encoder

    usual, tokenizer = load_encoder()
    lean, lean_tokenizer = load_mapped_encoder()
    texts = ["Σύμφωνα με το Reuters, a kormány szerint the protests went on.", "Tabs\tand  spaces\n\n\u200bzero " * 20]
    for text in texts:
        theirs, ours = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True), lean_tokenizer(text)
        assert ours["input_ids"] == theirs["input_ids"]
        assert [tuple(o) for o in ours["offset_mapping"]] == [tuple(o) for o in theirs["offset_mapping"]]
    assert [lean_tokenizer.bos_token_id, lean_tokenizer.eos_token_id, lean_tokenizer.pad_token_id] == \
        [tokenizer.bos_token_id, tokenizer.eos_token_id, tokenizer.pad_token_id]
    ids = tokenizer(texts[0])["input_ids"]
    batch = torch.tensor([ids, ids[:5] + [tokenizer.pad_token_id] * (len(ids) - 5)])
    mask = torch.tensor([[1] * len(ids), [1] * 5 + [0] * (len(ids) - 5)])
    with torch.no_grad():
        assert torch.equal(lean(batch, mask), usual(input_ids=batch, attention_mask=mask).last_hidden_state)
