"""``attrib.learned`` before issue 24: the learned attribution, now
``attrib.attribution.learned`` (at run time) and ``attrib.training.learned`` (training);
its modules resolve through :data:`attrib._compat.MOVED`."""
