"""Worker processes hand their results back in temporary files: what comes back is what the task
returned (a large result too), a task's error is raised to whoever waits for it, and no file is left
behind either way, forked or spawned."""
from __future__ import annotations

import tempfile
import types

import pytest

from argmap.apps import workers


def _sized(argument_map: list, graph: None, evaluation: None, size: int) -> dict[str, bytes]:
    return {"made": bytes(range(256)) * (size // 256), "map": repr(argument_map).encode()}


def _refused(argument_map: list, graph: None, evaluation: None) -> None:
    raise ValueError(f"refused: {len(argument_map)} claims")


@pytest.mark.parametrize("threads", [1, 2])
def test_results_and_errors_come_back_and_their_files_go(tmp_path, monkeypatch, threads) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))                  # what a spawned worker reads
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))      # what a forked one inherits
    monkeypatch.setattr(workers, "threading", types.SimpleNamespace(active_count=lambda: threads))
    pool = workers.MapWorkers(([1, 2, 3], None, None), 2)
    try:
        assert pool.forked == (threads == 1)
        large, refused, small = pool.submit(_sized, 20_000_000), pool.submit(_refused), pool.submit(_sized, 256)
        assert large.result(timeout=120) == {"made": bytes(range(256)) * (20_000_000 // 256), "map": b"[1, 2, 3]"}
        with pytest.raises(ValueError, match="refused: 3 claims"):
            refused.result(timeout=120)
        assert small.result(timeout=120)["made"] == bytes(range(256))
    finally:
        pool.shutdown()
    assert not list(tmp_path.iterdir())
