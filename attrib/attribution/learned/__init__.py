"""The learned attribution model at run time: features, the model, inference, decoding.

Takes: parsed sentences of an article. Gives: chains predicted by the model (``--attribution
model``), or combined with the rules' (``hybrid``). Training lives in ``attrib.training.learned``.
"""
