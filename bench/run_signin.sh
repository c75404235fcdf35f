#!/usr/bin/env bash
# Sign-in of N people with real scrypt hashes (werkzeug's default, 32768:8:1), arriving at random over WINDOW
# seconds, on SQLite: client latency, the bare endpoint beside it, and the server's CPU per request by step.
# Loopback only, bounded in time. Usage: bench/run_signin.sh [N] [WINDOW] [SLOTS]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}; WINDOW=${2:-600}; SLOTS=${3:-1}
WORK=$(mktemp -d /tmp/diklat-signin.XXXX)
PY=.venv/bin/python
LOADVENV=${BENCH_LOAD_VENV:-bench/.venv-load}
[ -x "$LOADVENV/bin/python" ] || { python3 -m venv "$LOADVENV" && "$LOADVENV/bin/pip" install -q locust==2.47.0; }
PORT=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
DB="sqlite:///$WORK/bench.db"
ids=$($PY bench/setup_data.py "$N" "$DB" 2>/dev/null | tail -1)
cohort=$($PY -c "import json,sys; print(json.loads(sys.argv[1])['cohort'])" "$ids")
# One real scrypt hash of the bench password for every account (the same hash is as costly to check as N).
$PY - "$WORK/bench.db" <<'PYEOF'
import sqlite3, sys
from werkzeug.security import generate_password_hash
hashed = generate_password_hash("bench-pass", method="scrypt")
with sqlite3.connect(sys.argv[1]) as con:
    con.execute("UPDATE users SET password_hash = ?", (hashed,))
print("hash:", hashed.split("$")[0])
PYEOF
mkdir -p "$WORK/cpu"
BENCH_CPU_DIR="$WORK/cpu" DATABASE_URL="$DB" DIKLAT_ENV=development DIKLAT_PASSWORD_HASH_SLOTS="$SLOTS" \
  .venv/bin/gunicorn -c bench/gunicorn_conf.py --bind "127.0.0.1:$PORT" bench.cpu_app:app > "$WORK/gunicorn.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do curl -sf -m 2 "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
timeout $((${WINDOW%.*} + 900)) "$LOADVENV/bin/python" bench/signin_gevent.py --base "http://127.0.0.1:$PORT" \
  --cohort "$cohort" --n "$N" --window "$WINDOW" > "$WORK/result.json"
kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
cat "$WORK/result.json"
$PY - "$WORK/cpu" <<'PYEOF'
import json, pathlib, sys
totals = {}
for f in pathlib.Path(sys.argv[1]).glob("cpu-*.json"):
    for step, (n, cpu, wall) in json.loads(f.read_text()).items():
        row = totals.setdefault(step, [0, 0.0, 0.0])
        row[0] += n; row[1] += cpu; row[2] += wall
print("| step | requests | server CPU ms/req | server wall ms/req |\n|---|---:|---:|---:|")
for step, (n, cpu, wall) in sorted(totals.items()):
    print(f"| {step} | {n} | {cpu / n * 1000:.2f} | {wall / n * 1000:.1f} |")
PYEOF
echo "Results and logs in $WORK"
