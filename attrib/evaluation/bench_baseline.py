"""What ``attrib bench --baseline REV`` and ``--loaded`` need besides the bench itself.

- The baseline: a detached ``git worktree`` of an earlier commit in a temporary folder
  (removed afterwards, also on error), whose processes import that commit's attrib
  (``PYTHONPATH``, run from inside the worktree) with that commit's model pack
  (``ATTRIB_MODELS``) and the current encoder (``ATTRIB_ENCODER``, not rebuilt).
- The competitor: one busy process (a pure-Python spin loop in its own process group)
  that holds a core while the configurations of the loaded case take turns.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from attrib.errors import UsageError

SOURCE = Path(__file__).resolve().parents[2]  # the checkout attrib runs from (editable install)
SPIN = "while True:\n    pass\n"  # the competitor: holds one core, needs no memory


@dataclass(frozen=True)
class Baseline:
    """An earlier commit checked out for the bench.

    Attributes:
        commit: its short hash (what the report names).
        folder: the worktree, whose ``attrib`` its processes import.
    """

    commit: str
    folder: Path

    def env(self) -> dict[str, str]:
        """The environment variables of a process that runs this commit's attrib."""
        from attrib.parsing.encoder.convert import encoder_dir

        return {"PYTHONPATH": str(self.folder), "ATTRIB_MODELS": str(self.folder / "data" / "models"),
                "ATTRIB_ENCODER": str(encoder_dir().resolve()), "ATTRIB_BENCH_CODE": str(self.folder)}


def resolve_commit(rev: str, repo: Path = SOURCE) -> str:
    """The short hash of the commit ``rev`` names in ``repo``.

    Raises:
        UsageError: ``repo`` is not a git checkout, or ``rev`` names no commit there.
    """
    if rev.startswith("-"):
        raise UsageError(f"--baseline {rev!r} is not a revision: give a commit, tag or branch, e.g. --baseline 1025e41")
    found = _git(repo, "rev-parse", "--verify", "--quiet", "--short", f"{rev}^{{commit}}")
    if found.returncode != 0 or not found.stdout.strip():
        where = _git(repo, "rev-parse", "--show-toplevel")
        if where.returncode != 0:
            raise UsageError(f"--baseline needs attrib's git checkout, and {repo} is none: run attrib bench "
                             "from an editable install (pip install -e .) of the repository")
        raise UsageError(f"--baseline {rev!r} names no commit in {repo}: give a commit, tag or branch "
                         "(git log --oneline shows them), e.g. --baseline 1025e41")
    return found.stdout.strip()


@contextmanager
def baseline_tree(rev: str, repo: Path = SOURCE) -> Iterator[Baseline]:
    """Check ``rev`` out as a detached worktree of ``repo`` in a temporary folder for the
    duration of the block; the worktree is removed afterwards, also on error."""
    commit = resolve_commit(rev, repo)
    parent = Path(tempfile.mkdtemp(prefix="attrib-baseline-"))
    folder = parent / commit
    try:
        added = _git(repo, "worktree", "add", "--detach", str(folder), commit)
        if added.returncode != 0:
            raise RuntimeError(f"git worktree add of {commit} failed: {added.stderr.strip()}")
        yield Baseline(commit, folder)
    finally:
        if folder.exists():
            _git(repo, "worktree", "remove", "--force", str(folder))
        _git(repo, "worktree", "prune")
        shutil.rmtree(parent, ignore_errors=True)


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    """Run git in ``repo`` (its output captured, never raising)."""
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=False)


@contextmanager
def competitor(busy: bool = True) -> Iterator[subprocess.Popen | None]:
    """One busy process holding a core for the duration of the block (started before,
    killed after, also on error); ``busy=False`` starts none."""
    if not busy:
        yield None
        return
    proc = subprocess.Popen([sys.executable, "-c", SPIN], start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
