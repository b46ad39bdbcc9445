"""Block Kit builders: pure functions from domain values to Slack JSON, so they can be snapshot-tested."""
