"""Maintenance scripts (run from the repository root); importable so tests can reach them."""
