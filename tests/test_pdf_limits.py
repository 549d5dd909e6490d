"""The limits a PDF parser runs under (schemas/pipeline.json `pdf`): a stalled or greedy parse
costs only its own file. No PDF is needed: the parser's place is taken by a sleeper and a hog."""

from __future__ import annotations

import time

import pytest

from extract.loaders.errors import LoadError
from extract.loaders.limits import run_limited


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


def _hog(megabytes: int) -> int:
    return len(bytearray(megabytes * 1024 * 1024))


def test_a_stalled_parser_is_stopped_at_the_time_limit() -> None:
    started = time.perf_counter()
    with pytest.raises(LoadError) as caught:
        run_limited(_sleep, (30,), seconds=0.5, memory_mb=512)
    assert caught.value.error_type == "time_limit"
    assert time.perf_counter() - started < 5


def test_a_parser_over_its_memory_limit_fails_alone() -> None:
    with pytest.raises(LoadError) as caught:
        run_limited(_hog, (1500,), seconds=20, memory_mb=600)
    assert caught.value.error_type == "memory_limit"
    assert run_limited(_hog, (10,), seconds=20, memory_mb=600) == 10 * 1024 * 1024
