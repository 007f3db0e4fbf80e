"""``python -m corpuskit`` is the same as the ``corpuskit`` command."""

from corpuskit.cli import main

if __name__ == "__main__":
    main()
