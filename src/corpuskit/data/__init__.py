"""Data files shipped with corpuskit (see README.md in this folder)."""
