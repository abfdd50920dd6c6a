"""Fonts, charts and printed briefings: plain Python, no Qt."""
