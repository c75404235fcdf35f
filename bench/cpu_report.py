"""Add up the workers' CPU-per-request files and print the table beside the load generator's latencies.

Usage: cpu_report.py CPU_DIR RESULT_JSON LABEL [DB_CPU_SECONDS]
Prints a Markdown table: step, requests, server CPU ms per request, ratio to the bare endpoint's CPU, wall ms per
request inside the server, and the client-side p50/p95 latencies; then the capacity figure.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

# Client-side steps include the redirects they cause: sign-in → home, start → attempt page, submit → result.
CLIENT_STEP = {
    "bare": "bare",
    "sign-in": "sign-in",
    "open tests tab": "open",
    "start": "start",
    "save": "save",
    "submit": "submit",
}


def totals(folder: Path) -> dict[str, list[float]]:
    """Requests, CPU seconds and wall seconds per step, summed over every worker."""
    out: dict[str, list[float]] = {}
    for path in folder.glob("cpu-*.json"):
        for step, (n, cpu, wall) in json.loads(path.read_text()).items():
            row = out.setdefault(step, [0, 0.0, 0.0])
            row[0] += n
            row[1] += cpu
            row[2] += wall
    return out


def capacity(save_cpu_s: float, cores: int = 2, busy: float = 0.7, every_s: float = 10.0) -> int:
    """Participants saving one answer every ``every_s`` seconds that ``cores`` sustain at ``busy`` CPU."""
    return int(cores * busy / save_cpu_s * every_s) if save_cpu_s else 0


def main() -> None:
    folder, result_path, label = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    db_cpu = float(sys.argv[4]) if len(sys.argv) > 4 else 0.0
    rows = totals(folder)
    result = json.loads(result_path.read_text())
    latency = result["latency_ms"]
    bare = rows.get("bare", [1, 0.0, 0.0])
    bare_cpu = bare[1] / max(bare[0], 1)
    print(
        f"#### {label}: N = {result['n']}, load average before {result['load_before']}, during {result['load_during']}"
    )
    print()
    print("| step | requests | server CPU ms/req | × bare | server wall ms/req | client p50 ms | client p95 ms |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    steps = ("bare", "healthz", "sign-in page", "sign-in", "home", "open tests tab", "start", "attempt page", "save")
    for step in (*steps, "submit", "result page", "other"):
        if step not in rows:
            continue
        n, cpu, wall = rows[step]
        client = latency.get(CLIENT_STEP[step], {}) if step in CLIENT_STEP else {}
        print(
            f"| {step} | {int(n)} | {cpu / n * 1000:.2f} | {cpu / n / bare_cpu:.1f} | {wall / n * 1000:.1f} "
            f"| {client.get('p50', '—')} | {client.get('p95', '—')} |"
        )
    served = sum(r[0] for r in rows.values())
    print()
    if db_cpu:
        print(
            f"Database server CPU during the run: {db_cpu:.1f} s, {db_cpu / served * 1000:.2f} ms per request served."
        )
    save = rows.get("save")
    if save:
        per_save = save[1] / save[0] + (db_cpu / served if db_cpu else 0.0)
        print(f"Capacity: {capacity(per_save)} participants saving one answer every 10 s at 70 % of 2 cores.")
    errors = result["errors"]
    lost = result["verify_after_submit"]
    print(f"Errors: {sum(errors.values())} {errors if errors else ''}; answers check after submit: {lost}")


if __name__ == "__main__":
    main()
