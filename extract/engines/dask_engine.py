"""The same extraction on a Dask cluster (`extract run --engine dask --scheduler ADDRESS`).

Documents go to the workers in batches; each worker builds the pipeline once (kept in the
worker process) and returns every document's rows to the client, which stores them and writes
the tables as partitioned datasets. Without a scheduler address a `LocalCluster` of one process
per core is started, which is what the tests use.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from extract.config import Config, load_config

if TYPE_CHECKING:
    from extract.runs import Job
    from extract.state import Result, ResultStore

BATCH = 16
_PIPELINES: dict[str, object] = {}


def _extract_batch(tasks: list[tuple[str, str, float]], schemas_dir: str) -> list[Result]:
    from extract.pipeline import Pipeline

    pipeline = _PIPELINES.get(schemas_dir)
    if pipeline is None:
        pipeline = _PIPELINES[schemas_dir] = Pipeline(load_config(schemas_dir))
    return [pipeline.process_document(Path(path), Path(root), seconds) for path, root, seconds in tasks]  # type: ignore[attr-defined]


def extract_on_dask(jobs: list[Job], config: Config, scheduler: str | None, store: ResultStore) -> Iterator[Job]:
    """Extract the jobs on the cluster; each batch's rows come back and are stored here."""
    from dask.distributed import Client, LocalCluster, as_completed

    seconds = float(config.pipeline["limits"]["document_seconds"])
    cluster = None if scheduler else LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1, processes=True)
    client = Client(scheduler or cluster)
    try:
        batches = [jobs[start : start + BATCH] for start in range(0, len(jobs), BATCH)]
        futures = {
            client.submit(
                _extract_batch,
                [(str(job.path), str(job.root), seconds) for job in batch],
                str(config.schemas_dir),
                pure=False,
            ): batch
            for batch in batches
        }
        for future in as_completed(futures):
            for job, result in zip(futures[future], future.result(), strict=True):
                store.put(job.key, result)
                yield job
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
