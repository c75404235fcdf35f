#!/usr/bin/env bash
# Server CPU per request for the whole test-taking flow, beside the bare endpoint, on SQLite and PostgreSQL.
# A cheap gevent load generator (its own virtualenv with locust) replays N participants: sign in, open the tests
# tab, start at the same moment, one answer every ~INTERVAL s, submit at the same moment; nothing acknowledged may
# be lost. Loopback only, bounded in time. Usage: bench/run_cpu.sh [N] [ANSWERS] [INTERVAL] [sqlite|postgresql|both]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-300}; ANSWERS=${2:-6}; INTERVAL=${3:-10}; WHICH=${4:-both}
WORK=$(mktemp -d /tmp/diklat-cpu.XXXX)
PY=.venv/bin/python
LOADVENV=${BENCH_LOAD_VENV:-bench/.venv-load}
[ -x "$LOADVENV/bin/python" ] || { python3 -m venv "$LOADVENV" && "$LOADVENV/bin/pip" install -q locust==2.47.0; }
PORT=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
run_backend() {  # $1 = label, $2 = app database URL, $3 = SQLAlchemy URL for setup/verify
  local ids cohort test pid pg0 pg1
  ids=$($PY bench/setup_data.py "$N" "$3" | tail -1)
  cohort=$($PY -c "import json,sys; print(json.loads(sys.argv[1])['cohort'])" "$ids")
  test=$($PY -c "import json,sys; print(json.loads(sys.argv[1])['test'])" "$ids")
  mkdir -p "$WORK/cpu-$1"
  BENCH_CPU_DIR="$WORK/cpu-$1" DATABASE_URL="$2" DIKLAT_ENV=development \
    .venv/bin/gunicorn -c bench/gunicorn_conf.py --bind "127.0.0.1:$PORT" bench.cpu_app:app \
    > "$WORK/gunicorn-$1.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do curl -sf -m 2 "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
  curl -sf -m 5 "http://127.0.0.1:$PORT/healthz" >/dev/null || { echo "server did not start"; cat "$WORK/gunicorn-$1.log"; exit 1; }
  pg0=$($PY bench/proc_cpu.py postgres)
  timeout 1200 "$LOADVENV/bin/python" bench/load_gevent.py --base "http://127.0.0.1:$PORT" --db "$3" \
    --cohort "$cohort" --test "$test" --n "$N" --answers "$ANSWERS" --interval "$INTERVAL" --workdir "$WORK" \
    --app-python "$PY" > "$WORK/result-$1.json"
  pg1=$($PY bench/proc_cpu.py postgres)
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  local db_cpu=0
  [ "$1" = postgresql ] && db_cpu=$($PY -c "print(round($pg1 - $pg0, 2))")
  $PY bench/cpu_report.py "$WORK/cpu-$1" "$WORK/result-$1.json" "$1" "$db_cpu" | tee "$WORK/table-$1.md"
  echo
}
if [ "$WHICH" != postgresql ]; then run_backend sqlite "sqlite:///$WORK/bench.db" "sqlite:///$WORK/bench.db"; fi
if [ "$WHICH" != sqlite ]; then
  if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
    DB="diklat_cpu_$$"
    psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $DB" test
    run_backend postgresql "postgresql://postgres@127.0.0.1:5432/$DB" "postgresql+psycopg://postgres@127.0.0.1:5432/$DB"
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE $DB WITH (FORCE)" test
  else
    echo "PostgreSQL not reachable on 127.0.0.1:5432: skipped"
  fi
fi
echo "Results and logs in $WORK"
