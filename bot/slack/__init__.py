"""Slack surface: Block Kit builders, ids, delivery."""
