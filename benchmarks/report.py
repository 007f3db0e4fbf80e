"""The rows of ``make bench`` and how they are shown: a table on the terminal and
the same as Markdown for docs/performance.md."""

from __future__ import annotations

import os
import platform
import sys
from dataclasses import dataclass
from typing import Any


@dataclass
class Row:
    stage: str
    lang: str
    chars: int
    seconds: float
    reference: str = ""
    #: the reference's time for the same ``chars`` (scaled when measured on a slice)
    reference_seconds: float | None = None
    #: the ratio corpuskit / reference must be at least this
    target: float | None = None
    note: str = ""

    @property
    def rate(self) -> float:
        return self.chars / self.seconds

    @property
    def ratio(self) -> float | None:
        return None if self.reference_seconds is None else self.reference_seconds / self.seconds

    @property
    def met(self) -> bool | None:
        return None if self.target is None or self.ratio is None else self.ratio >= self.target

    def as_json(self, bytes_per_char: float) -> dict[str, Any]:
        """``bytes_per_char``: UTF-8 bytes per character of the corpus, for MB/s."""
        return {
            "stage": self.stage, "lang": self.lang, "chars": self.chars, "seconds": self.seconds,
            "chars_per_second": self.rate, "mb_per_second": self.rate * bytes_per_char / 1e6,
            "reference": self.reference or None,
            "reference_chars_per_second": None if self.reference_seconds is None else self.chars / self.reference_seconds,
            "ratio": self.ratio, "target": self.target, "met": self.met, "note": self.note or None,
        }


def machine() -> dict[str, Any]:
    model = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            model = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), "")
    except OSError:
        pass
    memory = 0.0
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        pass
    return {
        "cpu": model or platform.processor(), "cores": os.cpu_count(), "memory_gib": round(memory, 1),
        "python": platform.python_version(), "system": platform.platform(), "load": os.getloadavg()[0],
    }


def _cells(row: dict[str, Any]) -> list[str]:
    reference = row["reference"] or ""
    theirs = row["reference_chars_per_second"]
    ratio = row["ratio"]
    verdict = "" if row["met"] is None else ("yes" if row["met"] else "NO")
    return [
        row["stage"], row["lang"], f"{row['chars_per_second'] / 1e6:.2f}", f"{row['mb_per_second']:.2f}", reference,
        "" if theirs is None else f"{theirs / 1e6:.2f}", "" if ratio is None else f"{ratio:.2f}x",
        "" if row["target"] is None else f">= {row['target']:g}x", verdict,
    ]


HEADER = ["measure", "lang", "M chars/s", "MB/s", "reference", "ref M chars/s", "ratio", "target", "met"]


def _startup_lines(results: dict[str, Any]) -> list[str]:
    startup = results.get("startup") or {}
    if not startup:
        return []
    return [
        f"corpuskit --help: {startup['help_seconds']:.2f} s (target < 0.3 s)",
        f"corpuskit run on a {startup['small_file_bytes']:,}-byte file: {startup['run_5kb_seconds']:.2f} s "
        f"(target < 2 s); {startup['run_5kb_cold_cache_seconds']:.2f} s the first time on a machine (cache empty)",
        f"peak RSS of the whole pipeline: {startup['peak_rss_mb_workers_1']:.0f} MB with 1 worker; "
        f"{startup['peak_rss_mb_largest_process_workers_2']:.0f} MB the largest process with 2",
    ]


def _heading(results: dict[str, Any]) -> str:
    corpus, m = results["corpus"], results["machine"]
    return (f"{corpus['documents']:,} documents, {corpus['characters']:,} characters ({corpus['mb']:.1f} MB), "
            f"median of {corpus['repeat']}; {m['cpu']}, {m['cores']} cores, Python {m['python']}, "
            f"load {m['load']:.1f} at the start; {results['date']}")


def print_table(results: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=_heading(results), title_justify="left")
    for name in HEADER:
        table.add_column(name, justify="right" if "/s" in name or name in ("ratio",) else "left")
    for row in results["rows"]:
        table.add_row(*_cells(row))
    console = Console(file=sys.stdout, width=max(160, Console().width))
    console.print(table)
    for line in _startup_lines(results):
        console.print(line)
    for row in results["rows"]:
        if row["note"]:
            console.print(f"{row['stage']} {row['lang']}: {row['note']}")
    console.print(f"benchmark took {results['benchmark_seconds']:.0f} s")


def markdown(results: dict[str, Any]) -> str:
    lines = [_heading(results), "", "| " + " | ".join(HEADER) + " |", "|" + " --- |" * len(HEADER)]
    for row in results["rows"]:
        lines.append("| " + " | ".join(cell.replace("|", "/") for cell in _cells(row)) + " |")
    lines.append("")
    lines += [f"- {line}" for line in _startup_lines(results)]
    return "\n".join(lines)
