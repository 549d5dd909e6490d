"""Where extraction runs besides the local process pool: a Dask cluster (`dask_engine`), whose
tables are written as partitioned Parquet datasets (`dataset`)."""
