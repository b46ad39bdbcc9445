"""Developer kit: the local Slack, the demo, the test harness and load tools."""
