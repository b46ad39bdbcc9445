"""Slack's side: Block Kit builders (pure), ids, delivery of every message, payload parsing."""
