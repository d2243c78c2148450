"""Annals: a folder of news articles becomes a cross-linked, searchable knowledge site."""

__version__ = "0.1.0"
