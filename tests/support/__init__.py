"""Helpers shared by the end-to-end tests (local HTTP server, HTML link extraction, tool lookup)."""
