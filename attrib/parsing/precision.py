"""The number format the learned attribution's encoder computes in: bfloat16 where the CPU
computes it natively.

On a CPU that computes bfloat16 natively (AVX-512 BF16 or AMX: recent Xeons and EPYCs),
the encoder's layers run under ``torch.autocast`` in bfloat16: their matrix products take
less than half the time of float32 (measured: 40 news articles' windows, one thread,
23.6 s against 9.7 s), the weights stay float32 and the outputs differ from float32's by
0.6 % of their norm; the heads and the decoding stay in float32. A CPU without it (where
bfloat16 is emulated and slower) and a GPU run in float32. ``ATTRIB_PRECISION`` (``auto``,
``bf16`` or ``fp32``) overrides the choice, e.g. ``fp32`` to reproduce a run made on a
machine without bfloat16 to the last digit. (It lives with the parsing stage, beside the
encoder it sets, so that both the encoder's loading and the pipeline's checks can read it.)
"""

from __future__ import annotations

import contextlib
import os

from attrib.errors import UsageError

PRECISIONS = ("auto", "bf16", "fp32")
ENV = "ATTRIB_PRECISION"


def requested_precision() -> str:
    """The precision ``ATTRIB_PRECISION`` asks for (``auto`` when unset).

    Raises:
        UsageError: for a value attrib does not know.
    """
    value = os.environ.get(ENV, "auto").strip().lower() or "auto"
    if value not in PRECISIONS:
        raise UsageError(f"{ENV} must be one of {', '.join(PRECISIONS)}, not {value!r}; unset it to let attrib "
                         "choose (bf16 where the CPU computes it natively)")
    return value


def native_bf16() -> bool:
    """Whether this CPU computes bfloat16 natively (oneDNN's own test)."""
    import torch

    try:
        return bool(torch.backends.mkldnn.is_available() and torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):  # a torch without the test: assume not
        return False


def resolve_precision(device: str, requested: str | None = None) -> str:
    """``bf16`` or ``fp32`` for the encoder on ``device`` (see the module's docstring).

    Raises:
        UsageError: for a precision attrib does not know.
    """
    requested = requested or requested_precision()
    if requested not in PRECISIONS:
        raise UsageError(f"precision must be one of {', '.join(PRECISIONS)}, not {requested!r}")
    if device != "cpu":
        return "fp32"
    if requested == "auto":
        return "bf16" if native_bf16() else "fp32"
    return requested


def encoder_context(precision: str, device: str):
    """The context the encoder's layers run in: bfloat16 autocast, or nothing."""
    import torch

    if precision == "bf16":
        return torch.autocast(device_type=device, dtype=torch.bfloat16)
    return contextlib.nullcontext()
