"""Runs over many files: parallel, incremental, resumable, with bounded memory.

- Each input is keyed by its bytes (doc_id), its path and the pipeline's version. A document
  whose key is in the result store is not extracted again; `force` redoes all. Inputs that are
  gone drop out of the tables.
- New documents are extracted in a pool of worker processes (one pipeline built per worker) or
  on a Dask cluster; each result is stored atomically as soon as it is done, so a run killed at
  any moment resumes where it stopped.
- The tables are then streamed from the store in input order, batch by batch, into temporary
  files renamed over the old ones; the manifest is written last. Row order never depends on the
  number of workers.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
import sys
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from tqdm import tqdm

from extract.assembly import check_schemas
from extract.config import Config, ConfigError, load_config, schemas_root
from extract.inputs import input_files, relative_source
from extract.loaders.limits import limit_memory
from extract.pipeline import Pipeline
from extract.runs import Job, RunReport
from extract.state import CACHE_DIR, ResultStore, document_key, pipeline_version, read_manifest, write_manifest

FILES_TABLE = "files"  # one row per input file (SPEC `files`), written by the run, not by a document


def plan(files: list[tuple[Path, Path]], version: str) -> list[Job]:
    """One job per (root, file): its source path under the root, its key for the result store."""
    jobs = []
    for root, path in files:
        doc_id = hashlib.sha256(path.read_bytes()).hexdigest()
        source_path = relative_source(path, root)
        jobs.append(Job(root, path, source_path, document_key(doc_id, source_path, version), doc_id))
    return jobs


def representatives(jobs: list[Job]) -> dict[str, Job]:
    """doc_id -> the job that stands for the document: identical bytes at several paths are one
    document, read once, its `source_path` the first of its paths in sorted order (SPEC)."""
    chosen: dict[str, Job] = {}
    for job in jobs:
        current = chosen.get(job.doc_id)
        if current is None or (job.source_path, str(job.root)) < (current.source_path, str(current.root)):
            chosen[job.doc_id] = job
    return chosen


def file_row(job: Job) -> dict[str, str]:
    """The `files` row of one input file."""
    return {"path": job.source_path, "input_root": str(job.root.resolve()), "doc_id": job.doc_id}


# --- workers -------------------------------------------------------------------------------

_WORKER_PIPELINE: Any = None


def _init_worker(memory_mb: int) -> None:
    """Cap the worker's address space, so that a huge file fails alone. The pipeline itself was
    built once in the parent before the workers were forked: they share it copy-on-write."""
    if memory_mb:
        limit_memory(memory_mb)


def _work(task: tuple[str, str, float, str, str]) -> str:
    """Extract one document in a worker and store its rows there: only the key travels back."""
    path, root, seconds, store_dir, key = task
    ResultStore(Path(store_dir)).put(key, _WORKER_PIPELINE.process_document(Path(path), Path(root), seconds))
    return key


def _extract_local(jobs: list[Job], pipeline: Pipeline, workers: int, store: ResultStore) -> Iterator[Job]:
    """Extract and store each job's rows; yields the jobs as they are done, in order."""
    limits = pipeline.config.pipeline["limits"]
    seconds = float(limits["document_seconds"])
    if workers <= 1 or len(jobs) < workers * limits["min_documents_per_worker"]:
        for job in jobs:
            store.put(job.key, pipeline.process_document(job.path, job.root, seconds))
            yield job
        return
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = pipeline
    pipeline.warm_up()
    context = multiprocessing.get_context("fork")
    initargs = (int(limits["worker_memory_mb"]),)
    tasks = [(str(job.path), str(job.root), seconds, str(store.out_dir), job.key) for job in jobs]
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=initargs) as pool:
        for job, _key in zip(jobs, pool.map(_work, tasks, chunksize=int(limits["chunk_size"])), strict=True):
            yield job


# --- the run -------------------------------------------------------------------------------


def run(inputs: list[Path], out_dir: Path, **options: Any) -> RunReport:
    """Extract every file under `inputs` (files or folders) not already extracted into `out_dir`,
    then rewrite its tables; the options are `run_files`'."""
    return run_files(input_files(inputs), out_dir, **options)


def run_files(
    files: list[tuple[Path, Path]],
    out_dir: Path,
    *,
    workers: int | None = None,
    force: bool = False,
    engine: str = "local",
    scheduler: str | None = None,
    progress: bool | None = None,
    config: Config | None = None,
    schemas: Path | None = None,
    pipeline: Pipeline | None = None,
) -> RunReport:
    """The one run path: extract each (root, file) not already extracted into `out_dir` (with a
    built `pipeline`, or one built from `config`, else from the `schemas` folder, by default
    `schemas/`), then rewrite the tables and report what the run did. A configuration with any
    problem raises one `ConfigError` listing them all, before any file is extracted."""
    if pipeline is not None:
        config = pipeline.config
    config = config or _shaped_config(schemas)
    version = pipeline_version(config.schemas_dir)
    jobs = plan(files, version)
    keys = [job.key for job in jobs]
    manifest = read_manifest(out_dir)
    layout = "dataset" if engine == "dask" else "files"
    if (
        not force
        and manifest
        and manifest.get("keys") == keys
        and manifest.get("layout") == layout
        and all((out_dir / f"{table}.parquet").exists() for table in config.catalogue.names)
    ):
        report = manifest["report"]
        return RunReport(
            len(jobs),
            Counter(report["doc_types"]),
            report["rows"],
            [tuple(e) for e in report["errors"]],
            0,
            len(jobs),
            True,
        )
    # After the up-to-date check, which loads no extractor, and before anything is extracted: the
    # pipeline checks its configuration as it is built; Dask's workers build their own, so the
    # configuration is checked here for them.
    if engine == "dask":
        problems = check_schemas(config.schemas_dir)
        if problems:
            raise ConfigError(problems, config.schemas_dir)
    else:
        pipeline = pipeline or Pipeline(config)
    _remove_leftovers(out_dir)
    store = ResultStore(out_dir)
    standing = representatives(jobs)
    documents = [job for job in jobs if standing[job.doc_id] is job]  # identical files: read once
    todo = [job for job in documents if force or not store.has(job.key)]
    bar = tqdm(
        total=len(todo), desc="extract", unit="doc", disable=None if progress is None else not progress, file=sys.stderr
    )
    if engine == "dask":  # results arrive in any order: store them all, then write
        from extract.engines.dask_engine import extract_on_dask

        for _job in extract_on_dask(todo, config, scheduler, store):
            bar.update()
        report = _write_tables(jobs, standing, store, config, out_dir, layout, iter(()), set())
    else:  # results arrive in input order: write them while the workers go on
        assert pipeline is not None
        done = _extract_local(todo, pipeline, workers or os.cpu_count() or 1, store)
        report = _write_tables(
            jobs, standing, store, config, out_dir, layout, _counted(done, bar), {job.key for job in todo}
        )
    bar.close()
    report.extracted, report.reused = len(todo), len(documents) - len(todo)
    write_manifest(
        out_dir,
        {
            "version": version,
            "keys": keys,
            "layout": layout,
            "report": {"doc_types": report.doc_types, "rows": report.rows, "errors": report.errors},
        },
    )
    store.prune(set(keys))
    return report


def _shaped_config(schemas: Path | None) -> Config:
    """The configuration with every file of its shape; when one is not, every problem of the
    folder (shapes and names) in one error."""
    try:
        return load_config(str(schemas_root(schemas)))
    except ConfigError:
        raise ConfigError(check_schemas(schemas), schemas_root(schemas)) from None


def _remove_leftovers(out_dir: Path) -> None:
    """Temporary files of a run that was killed before it could rename them."""
    if not out_dir.is_dir():
        return
    for path in [*out_dir.glob(".*.tmp"), *out_dir.glob(f"{CACHE_DIR}/*/.*.tmp")]:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def _counted(done: Iterator[Job], bar: tqdm) -> Iterator[Job]:
    for job in done:
        bar.update()
        yield job


def _write_tables(
    jobs: list[Job],
    standing: dict[str, Job],
    store: ResultStore,
    config: Config,
    out_dir: Path,
    layout: str,
    arriving: Iterator[Job],
    pending: set[str],
) -> RunReport:
    """Stream every document's rows, in input order, into the tables, and every file into
    `files`; a document still being extracted (its key in `pending`) is waited for as it arrives
    from `arriving`, in order. A file whose bytes another file stands for adds only its `files` row."""
    if layout == "dataset":
        from extract.engines.dataset import DatasetWriter as Writer
    else:
        from extract.writer import TableWriter as Writer
    tables = config.catalogue.names
    writers = {table: Writer(config, table, out_dir) for table in tables}
    batch_documents = int(config.pipeline["limits"]["batch_documents"])
    buffers: dict[str, list[dict[str, Any]]] = {table: [] for table in tables}
    doc_types: Counter[str] = Counter()
    errors: list[tuple[str, str, str]] = []
    rows = dict.fromkeys(tables, 0)
    try:
        for number, job in enumerate(jobs, start=1):
            buffers[FILES_TABLE].append(file_row(job))
            rows[FILES_TABLE] += 1
            if standing[job.doc_id] is not job:
                continue
            if job.key in pending:
                pending.discard(job.key)
                arrived = next(arriving)
                if arrived.key != job.key:
                    raise RuntimeError(f"results out of order: expected {job.source_path}, got {arrived.source_path}")
            result = store.get(job.key)
            if result is None:
                raise RuntimeError(f"no stored result for {job.source_path}; run again")
            for table in tables:
                found = result.get(table, [])
                buffers[table].extend(found)
                rows[table] += len(found)
            for row in result.get("documents", []):
                doc_types["failed" if row["status"] == "failed" else row["doc_type"]] += 1
            errors += [
                (row["source_path"], row["stage"], f"{row['error_type']}: {row['message']}")
                for row in result.get("errors", [])
            ]
            if number % batch_documents == 0:
                for table in tables:
                    writers[table].write(buffers[table])
                    buffers[table] = []
        for table in tables:
            writers[table].write(buffers[table])
        for writer in writers.values():
            writer.commit()
    except BaseException:
        for writer in writers.values():
            writer.abort()
        raise
    return RunReport(len(jobs), doc_types, rows, errors, 0, 0)
