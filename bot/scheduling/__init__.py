"""The scheduler: sweeps write upcoming outbox rows; the drain sends the due ones. `tick` does both once."""
