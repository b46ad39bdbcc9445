"""Use cases: one transaction each; they return messages and views."""
