"""Extraction stages: numbers, periods, figures, mentions, links — one stage a module."""
