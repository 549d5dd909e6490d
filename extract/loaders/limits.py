"""Run one risky step (parsing a PDF) in a child process with a time and a memory limit, so that a
pathological file costs its own document and never the run.

The child is forked (cheap on Linux: it shares the parent's memory until it writes), caps its
address space with `RLIMIT_AS`, and sends back the result or the exception it raised.
"""

from __future__ import annotations

import multiprocessing
import resource
from collections.abc import Callable
from typing import Any

from extract.loaders.errors import LoadError

MB = 1024 * 1024


def _child(connection: Any, function: Callable[..., Any], args: tuple[Any, ...], memory_mb: int) -> None:
    try:
        resource.setrlimit(resource.RLIMIT_AS, (memory_mb * MB, memory_mb * MB))
        connection.send(("ok", function(*args)))
    except LoadError as exc:
        connection.send(("load_error", (exc.error_type, exc.message)))
    except MemoryError:
        connection.send(("load_error", ("memory_limit", f"parsing needed more than {memory_mb} MB")))
    except Exception as exc:  # a parser bug on a malformed file: report it as such
        connection.send(("load_error", ("malformed_pdf", f"{type(exc).__name__}: {exc}")))
    finally:
        connection.close()


def run_limited(function: Callable[..., Any], args: tuple[Any, ...], seconds: float, memory_mb: int) -> Any:
    """`function(*args)` in a child process; a `LoadError` when it fails, runs out of time or memory."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, function, args, memory_mb), daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise LoadError("time_limit", f"parsing took longer than {seconds:g} s; the file was skipped")
        try:
            status, payload = receiver.recv()
        except EOFError:
            raise LoadError("crashed", f"the parser process died (exit code {process.exitcode})") from None
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()
    if status == "load_error":
        raise LoadError(*payload)
    return payload
