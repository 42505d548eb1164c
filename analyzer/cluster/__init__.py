"""Archives beyond one machine: analyze and store on a Dask cluster (``pip install -e ".[dask]"``).

    partitions.py   inputs → partitions (files grouped; big JSON Lines files cut into byte ranges on line ends)
    tasks.py        what a worker does with one partition: scan it, analyze and write it to the store, or to Parquet
    duplicates.py   --on-duplicate across partitions: decided on the client, in input order, before dispatch
    engine.py       the client: start or reach a cluster, submit one task a partition, progress and summary

The worker-side code reuses the single-process pieces (the readers, ``content_hash``, the ``Pipeline``,
``Store.write``); only the scheduling is Dask's.
"""
