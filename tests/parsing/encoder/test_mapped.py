"""Memory-mapped safetensors tensors, and the encoder built on them against from_pretrained."""

import pytest
import torch
from safetensors.torch import save_file

from attrib.parsing.encoder.mapped import mapped_tensor, safetensors_header


def test_a_mapped_tensor_holds_the_saved_numbers(tmp_path):
    path = tmp_path / "t.safetensors"
    tensors = {"a": torch.arange(12, dtype=torch.float32).reshape(3, 4), "b": torch.full((2, 5), 0.5, dtype=torch.float16)}
    save_file(tensors, str(path))
    header, start = safetensors_header(path)
    assert set(header) >= {"a", "b"} and start > 8
    for name, tensor in tensors.items():
        mapped = mapped_tensor(path, name)
        assert mapped.dtype == tensor.dtype and torch.equal(mapped, tensor)


def test_writing_to_a_mapped_tensor_leaves_the_file_alone(tmp_path):
    path = tmp_path / "t.safetensors"
    save_file({"a": torch.zeros(4)}, str(path))
    mapped = mapped_tensor(path, "a")
    mapped += 1  # copy-on-write
    assert torch.equal(mapped_tensor(path, "a"), torch.zeros(4))


def test_a_missing_name_and_bfloat16_are_refused(tmp_path):
    path = tmp_path / "t.safetensors"
    save_file({"a": torch.zeros(2, dtype=torch.bfloat16)}, str(path))
    with pytest.raises(KeyError):
        mapped_tensor(path, "b")
    with pytest.raises(ValueError, match="rebuild the cache"):
        mapped_tensor(path, "a")


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
