"""Tools for the demo and the tests: the local Slack, the scripted demo, the harness. Production code never imports this package."""
