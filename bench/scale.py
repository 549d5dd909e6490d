"""Issue 6 benchmark: throughput, memory and scaling of `extract run` on generated corpora.

For each size N (default 1,000 and 10,000; add 100,000 with `--sizes`), N text schede are
generated from our own samples (`bench/generate.py`) and `extract run` is timed as a user runs
it, once with one worker and once with two, from an empty output folder. Peak memory is sampled
every half second over the whole process tree: the largest resident set of one process, and the sum of
proportional set sizes (PSS: shared pages counted once), which is what the machine really holds.
Then a second run over 2,000 unchanged inputs is timed against the first.

Run: `.venv/bin/python -m bench.scale [--sizes 1000 10000 100000]`.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.generate import generate

REPO = Path(__file__).resolve().parent.parent
MB = 1024 * 1024
SAMPLE_SECONDS = 0.5  # reading smaps_rollup costs CPU: sampling faster would slow the runs it measures


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _tree(pid: int) -> list[int]:
    pids, index = [pid], 0
    while index < len(pids):
        pids += _children(pids[index])
        index += 1
    return pids


def _memory(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of one process in bytes."""
    pss = rss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1]) * 1024
            elif line.startswith("Rss:"):
                rss = int(line.split()[1]) * 1024
    except OSError:
        pass
    return pss, rss


def timed_run(command: list[str]) -> tuple[float, int, int]:
    """(seconds, peak summed PSS, peak RSS of one process) of a command."""
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peaks = {"pss": 0, "rss": 0}

    def sample() -> None:
        while process.poll() is None:
            readings = [_memory(pid) for pid in _tree(process.pid)]
            peaks["pss"] = max(peaks["pss"], sum(pss for pss, _rss in readings))
            peaks["rss"] = max([peaks["rss"], *(rss for _pss, rss in readings)])
            time.sleep(SAMPLE_SECONDS)

    started = time.perf_counter()
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _out, errors = process.communicate()
    elapsed = time.perf_counter() - started
    sampler.join()
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{errors.decode()[-2000:]}")
    return elapsed, peaks["pss"], peaks["rss"]


def _command(inputs: Path, out: Path, workers: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "extract",
        "run",
        str(inputs),
        "--out",
        str(out),
        "--quiet",
        "--workers",
        str(workers),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--incremental", type=int, default=2000, help="inputs for the second-run measurement")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        print(f"{'documents':>9} {'workers':>7} {'seconds':>8} {'docs/s':>7} {'peak PSS MB':>11} {'peak RSS MB':>11}")
        for size in args.sizes:
            inputs = root / f"in{size}"
            generate(inputs, size)
            speeds = {}
            for workers in (1, 2):
                out = root / f"out{size}_{workers}"
                seconds, pss, rss = timed_run(_command(inputs, out, workers))
                speeds[workers] = size / seconds
                print(f"{size:9d} {workers:7d} {seconds:8.1f} {size / seconds:7.1f} {pss / MB:11.0f} {rss / MB:11.0f}")
                shutil.rmtree(out)
            print(f"{'':9} scaling 1 -> 2 workers: {speeds[2] / speeds[1]:.2f}x")
            shutil.rmtree(inputs)
        inputs, out = root / "incremental", root / "incremental_out"
        generate(inputs, args.incremental)
        first, _pss, _rss = timed_run(_command(inputs, out, 2))
        second, _pss, _rss = timed_run(_command(inputs, out, 2))
        print(
            f"second run over {args.incremental} unchanged inputs: {second:.2f} s against {first:.1f} s "
            f"for the first ({first / second:.0f}x faster)"
        )


if __name__ == "__main__":
    main()
