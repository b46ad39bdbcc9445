"""Pure rules: stdlib and pure libraries only; nothing else of ours below this layer."""
