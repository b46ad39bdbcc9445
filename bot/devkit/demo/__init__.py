"""`mentorbot demo`: the real bot against the local Slack, playing a scripted scenario."""
