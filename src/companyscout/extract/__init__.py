"""Pure page → facts functions. No network, no disk: each takes parsed pages and returns facts."""
