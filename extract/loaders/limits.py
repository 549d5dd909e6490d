"""Run one risky step (parsing a PDF) in a child process with a time and a memory limit, so that a
pathological file costs its own document and never the run.

The child is a plain `os.fork` (cheap on Linux: it shares the parent's memory until it writes;
allowed also inside daemonic worker processes such as Dask's), caps its address space with
`RLIMIT_AS`, and sends back through a pipe the pickled result or the error it met.
"""

from __future__ import annotations

import os
import pickle
import resource
import select
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from extract.loaders.errors import LoadError

MB = 1024 * 1024
READ_SIZE = 1 << 16


def address_space() -> int:
    """Bytes of address space this process already holds (a fork inherits all of its parent's)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def limit_memory(memory_mb: int) -> None:
    """Allow `memory_mb` more of address space than the process holds now."""
    limit = address_space() + memory_mb * MB
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _child(write_end: int, function: Callable[..., Any], args: tuple[Any, ...], memory_mb: int) -> None:
    try:
        limit_memory(memory_mb)
        payload = ("ok", function(*args))
    except LoadError as exc:
        payload = ("load_error", (exc.error_type, exc.message))
    except MemoryError:
        payload = ("load_error", ("memory_limit", f"parsing needed more than {memory_mb} MB"))
    except Exception as exc:  # a parser bug on a malformed file: report it as such
        payload = ("load_error", ("malformed_pdf", f"{type(exc).__name__}: {exc}"))
    try:
        data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        data = pickle.dumps(("load_error", ("memory_limit", f"the result needed more than {memory_mb} MB")))
    view = memoryview(data)
    while view:
        view = view[os.write(write_end, view) :]


def run_limited(function: Callable[..., Any], args: tuple[Any, ...], seconds: float, memory_mb: int) -> Any:
    """`function(*args)` in a child process; a `LoadError` when it fails, runs out of time or memory."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        os.close(read_end)
        status = 0
        try:
            _child(write_end, function, args, memory_mb)
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    os.close(write_end)
    chunks: list[bytes] = []
    deadline = time.monotonic() + seconds
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([read_end], [], [], remaining)[0]:
                os.kill(pid, signal.SIGKILL)
                raise LoadError("time_limit", f"parsing took longer than {seconds:g} s; the file was skipped")
            chunk = os.read(read_end, READ_SIZE)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_end)
        os.waitpid(pid, 0)
    if not chunks:
        raise LoadError("crashed", "the parser process died without an answer")
    status, payload = pickle.loads(b"".join(chunks))
    if status == "load_error":
        raise LoadError(*payload)
    return payload
