"""How many worker processes a run gets when the user does not say (``--workers`` left out).

One process per core, each with one torch thread, is both the fastest setting on an idle
machine and the one that degrades gracefully when other programs hold cores (a process with
torch's default of one thread per core slows down many times over; reports/benchmarks.md).
Workers cost time to start (each loads the models) and memory (each holds them), so a
small corpus stays in one process and the workers never hold more than the machine's
available memory.
"""

from __future__ import annotations

import os
from pathlib import Path

WORKER_MEMORY_MB = 1_500  # a worker's peak with the learned attribution, with room (reports/benchmarks.md: 1.2-1.4 GB)
DOCUMENTS_PER_WORKER = 100  # below this a worker's start (loading the models, ~15 s) costs more than it saves


def usable_cores() -> int:
    """The cores this process may run on (its affinity, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def available_memory_mb(meminfo: Path = Path("/proc/meminfo")) -> int | None:
    """Memory available to new processes (``MemAvailable``), or None where it cannot be read."""
    try:
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) // 1024
    except OSError:
        return None
    return None


def auto_workers(documents: int, *, cores: int | None = None, memory_mb: int | None = None) -> int:
    """Workers for a corpus of ``documents``: one per usable core, at most one per
    ``DOCUMENTS_PER_WORKER`` documents and as many as the available memory holds, at least one."""
    cores = usable_cores() if cores is None else cores
    memory_mb = available_memory_mb() if memory_mb is None else memory_mb
    by_memory = memory_mb // WORKER_MEMORY_MB if memory_mb is not None else cores
    return max(1, min(cores, documents // DOCUMENTS_PER_WORKER, by_memory))
