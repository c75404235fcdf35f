"""gunicorn settings for benchmarks: each worker writes its CPU-per-request totals when it exits."""

import os

workers = int(os.environ.get("BENCH_WORKERS", "2"))
worker_class = os.environ.get("BENCH_WORKER_CLASS", "gthread")
threads = int(os.environ.get("BENCH_THREADS", "8"))
backlog = 4096
loglevel = "warning"
graceful_timeout = 30


def worker_exit(server, worker):  # noqa: ANN001 - gunicorn's hook signature
    from bench.cpu_app import dump

    dump()
