"""Starts and stops the whole intake stack on one machine (`make run`, end-to-end tests)."""
