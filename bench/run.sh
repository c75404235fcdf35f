#!/usr/bin/env bash
# Benchmark the post-test on SQLite and PostgreSQL: gunicorn with 2 workers on loopback, N participants.
# Usage: bench/run.sh [N] [answers per participant] [seconds between answers]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-300}; ANSWERS=${2:-15}; INTERVAL=${3:-3}
WORK=$(mktemp -d /tmp/diklat-bench.XXXX)
PY=.venv/bin/python
PORT=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
run_backend() {  # $1 = name, $2 = database URL for the app, $3 = SQLAlchemy URL for setup/verify
  local ids cohort test pid
  ids=$($PY bench/setup_data.py "$N" "$3" | tail -1)
  cohort=$($PY -c "import json,sys; print(json.loads(sys.argv[1])['cohort'])" "$ids")
  test=$($PY -c "import json,sys; print(json.loads(sys.argv[1])['test'])" "$ids")
  DATABASE_URL="$2" DIKLAT_ENV=development .venv/bin/gunicorn --workers 2 --worker-class gthread --threads 8 \
    --backlog 2048 --bind "127.0.0.1:$PORT" --log-level warning wsgi:app > "$WORK/gunicorn-$1.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
  echo "=== $1: N=$N, $ANSWERS answers each, one every ~${INTERVAL}s ==="
  timeout 900 $PY bench/load.py --base "http://127.0.0.1:$PORT" --db "$3" --cohort "$cohort" --test "$test" \
    --n "$N" --answers "$ANSWERS" --interval "$INTERVAL" --workdir "$WORK" | tee "$WORK/result-$1.json"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
run_backend sqlite "sqlite:///$WORK/bench.db" "sqlite:///$WORK/bench.db"
if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  DB="diklat_bench_$$"
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $DB" test
  run_backend postgresql "postgresql://postgres@127.0.0.1:5432/$DB" "postgresql+psycopg://postgres@127.0.0.1:5432/$DB"
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE $DB WITH (FORCE)" test
else
  echo "PostgreSQL not reachable on 127.0.0.1:5432: skipped"
fi
echo "Results and logs in $WORK"
