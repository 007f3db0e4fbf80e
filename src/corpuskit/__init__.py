"""corpuskit: a corpus processing toolkit for Persian and Arabic text.

The library is usable without the CLI::

    import corpuskit
    records = corpuskit.read_inputs(["data/samples"])
    for record in corpuskit.process(records, stages=["langid"]):
        print(record["lang"])

Nothing heavy is imported here: stages load their resources when they first run.
"""

__version__ = "0.1.0"

from corpuskit.pipeline import Pipeline, Stage, process  # noqa: E402
from corpuskit.io.readers import read_inputs  # noqa: E402

__all__ = ["Pipeline", "Stage", "process", "read_inputs", "__version__"]
