"""Evaluation helpers: a CoNLL-U reader and writer, and CoNLL 2018 tokenization and sentence scoring."""
