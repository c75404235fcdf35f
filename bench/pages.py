"""Server time of every page a facilitator, a mentor and a participant reach, at the demo's size and at 240
participants (the demo cohort grown tenfold with tests/scale.py), with statement counts: the ten slowest pages.

In-process (Flask test client, no network), so the figure is the server's own time per page. SQLite by default;
``--db postgresql+psycopg://…`` for PostgreSQL (an empty database). Usage: .venv/bin/python bench/pages.py [--db URL]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask import g  # noqa: E402
from flask_babel import refresh  # noqa: E402
from flask_migrate import upgrade  # noqa: E402

from diklat import create_app  # noqa: E402
from tests.conftest import Client  # noqa: E402
from tests.crawl import PageVisit, crawl  # noqa: E402
from tests.integration.test_page_statements import ROLES  # noqa: E402
from tests.scale import grow_cohort  # noqa: E402


def measure(client: Client, cohort_id: int, repeat: int = 3) -> dict[tuple[str, str], PageVisit]:
    """(role, page shape) → the slowest of ``repeat`` visits' median-ish figure (best of repeats)."""
    best: dict[tuple[str, str], PageVisit] = {}
    for role, email in ROLES.items():
        client.login(email)
        for _ in range(repeat):
            for visit in crawl(client, ["/", f"/cohorts/{cohort_id}"], per_shape=1):
                key = (role, visit.shape)
                if visit.status == 200 and (key not in best or visit.seconds < best[key].seconds):
                    best[key] = visit
        client.logout()
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=None)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="diklat-pages-"))
    url = args.db or f"sqlite:///{tmp / 'pages.db'}"
    app = create_app(
        "testing",
        {"SQLALCHEMY_DATABASE_URI": url, "MAIL_FOLDER": str(tmp / "mail"), "UPLOAD_FOLDER": str(tmp / "up")},
    )

    @app.before_request
    def _fresh() -> None:  # the test client shares one app context; a server's requests do not
        g.pop("_login_user", None)
        g.pop("csrf_token", None)
        refresh()

    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        from diklat.demo import run_demo_seed

        cohort_id = run_demo_seed().cohort.id
        client = Client(app.test_client())
        small = measure(client, cohort_id)
        grow_cohort(cohort_id, copies=9)
        large = measure(client, cohort_id)
    print(f"Pages measured: {len(small)} (role × page kind) on {url.split(':')[0]}")
    print("| role | page | ms (24) | statements (24) | ms (240) | statements (240) |")
    print("|---|---|---:|---:|---:|---:|")
    for key in sorted(large, key=lambda k: large[k].seconds, reverse=True)[:10]:
        a, b = small.get(key), large[key]
        small_ms = f"{a.seconds * 1000:.0f}" if a else "—"
        small_n = a.statements if a else "—"
        print(f"| {key[0]} | `{key[1]}` | {small_ms} | {small_n} | {b.seconds * 1000:.0f} | {b.statements} |")
    over = [k for k, v in small.items() if v.seconds > 0.150] + [k for k, v in large.items() if v.seconds > 0.300]
    print(f"Over target (150 ms at 24, 300 ms at 240): {len(over)}")


if __name__ == "__main__":
    main()
