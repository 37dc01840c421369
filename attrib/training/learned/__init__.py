"""Training the learned attribution model: data, training script, gate and report."""
