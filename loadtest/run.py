"""`make loadtest`: gunicorn on PostgreSQL with the bench township, driven by Locust.

Prepares the database (created if missing, migrated, the bench data built once at SCALE, the
load-test accounts made), collects the static files when they changed, starts gunicorn with
production's settings over plain HTTP (congress.settings.loadtest), waits for /healthz, runs
Locust headless and prints one row per page: requests, requests per second, p50, p95, p99 and
failures. gunicorn is stopped however the run ends. Exits non-zero when a request failed.

Environment: LOADTEST_DATABASE_URL, SCALE, LOADTEST_USERS, LOADTEST_TIME, LOADTEST_SPAWN_RATE,
LOADTEST_WORKERS, LOADTEST_PORT, LOADTEST_ACCOUNTS, LOADTEST_PASSWORD (see README, Load test)."""

import csv
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
OUT = ROOT / ".loadtest"
P95_TARGET_MS = 150


def main() -> int:
    database_url = os.environ.get(
        "LOADTEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/renda_loadtest"
    )
    scale = int(os.environ.get("SCALE", "100000"))
    users = os.environ.get("LOADTEST_USERS", "50")
    duration = os.environ.get("LOADTEST_TIME", "60s")
    spawn_rate = os.environ.get("LOADTEST_SPAWN_RATE", "10")
    workers = os.environ.get("LOADTEST_WORKERS", "2")
    port = os.environ.get("LOADTEST_PORT", "8790")
    host = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "congress.settings.loadtest",
        "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "60"),
        # A fresh key each run: the sessions of a run are the run's own.
        "SECRET_KEY": secrets.token_urlsafe(50),
    }
    env.pop("REDIS_URL", None)  # the one report PDF is made beforehand, in process
    OUT.mkdir(exist_ok=True)

    ensure_database(database_url)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "make_bench_data", "--scale", str(scale))
    manage(env, "loadtest_users")
    if static_files_changed():
        print("Collecting static files")
        manage(env, "collectstatic", "--noinput", "-v", "0")

    log = (OUT / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [BIN / "gunicorn", "congress.wsgi", "--workers", workers, "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    # SIGTERM (a CI timeout, `kill`) unwinds through `finally` like Ctrl-C does.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        wait_until_healthy(host, server)
        print(
            f"Locust: {users} users ({spawn_rate} a second) on {host}, measured for {duration} "
            f"once all are in; gunicorn with {workers} workers; bench data of SCALE={scale}"
        )
        locust = subprocess.run(
            [
                BIN / "locust",
                "-f",
                ROOT / "loadtest" / "locustfile.py",
                "--headless",
                "--users",
                users,
                "--spawn-rate",
                spawn_rate,
                "--measure-time",
                duration,
                # A stop in case the users never all get in (the measuring stops it before).
                "--run-time",
                f"{seconds(duration) + 600}s",
                "--host",
                host,
                "--csv",
                OUT / "run",
                "--only-summary",
            ],
            cwd=ROOT,
            env=env,
            check=False,
        )
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    failures = print_summary(OUT / "run_stats.csv")
    return 1 if failures or locust.returncode else 0


def seconds(timespan: str) -> int:
    """Locust's '90', '90s', '2m', '1h'."""
    units = {"s": 1, "m": 60, "h": 3600}
    if timespan[-1:] in units:
        return int(timespan[:-1]) * units[timespan[-1]]
    return int(timespan)


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database named in the URL when it does not exist."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    env = {**os.environ, "PGPASSWORD": parts.password or ""}
    where = ["-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432)]
    where += ["-U", parts.username or "postgres"]
    listed = subprocess.run(
        ["psql", *where, "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'", "postgres"],
        env=env,
        capture_output=True,
        text=True,
    )
    if listed.returncode != 0:
        sys.exit(f"PostgreSQL is not reachable at {parts.hostname}: {listed.stderr.strip()}")
    if listed.stdout.strip() != "1":
        print(f"Creating database {name}")
        subprocess.run(["createdb", *where, name], env=env, check=True)


def manage(env: dict, *args: str) -> None:
    subprocess.run([BIN / "python", ROOT / "manage.py", *args], cwd=ROOT, env=env, check=True)


def static_files_changed() -> bool:
    """collectstatic takes most of a minute (it compresses every file): only when a file under
    static/ is newer than the manifest it last wrote."""
    manifest = ROOT / "staticfiles" / "staticfiles.json"
    if not manifest.exists():
        return True
    written = manifest.stat().st_mtime
    return any(path.stat().st_mtime > written for path in (ROOT / "static").rglob("*"))


def wait_until_healthy(host: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn exited ({server.returncode}); see {OUT / 'gunicorn.log'}")
        try:
            with urllib.request.urlopen(f"{host}/healthz", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:  # not listening yet, or a worker still importing the app
            pass
        time.sleep(0.5)
    sys.exit(f"gunicorn did not answer /healthz within {timeout:.0f} s")


def print_summary(stats_csv: Path) -> int:
    """One row per page from Locust's CSV, as a Markdown table (README's figures); returns the
    number of failed requests."""
    with stats_csv.open(newline="") as file:
        rows = list(csv.DictReader(file))
    header = ("page", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "failures")
    lines, total = [], None
    for row in rows:
        line = (
            row["Name"],
            row["Request Count"],
            f"{float(row['Requests/s']):.1f}",
            row["50%"],
            row["95%"],
            row["99%"],
            row["Failure Count"],
        )
        if row["Name"] == "Aggregated":
            total = ("all pages", *line[1:])
        elif row["Request Count"] != "0":  # the logins, before the figures were reset
            lines.append(line)
    lines.sort()
    slow = [line[0] for line in lines if _number(line[4]) > P95_TARGET_MS]
    failures = int(total[-1]) if total else 0
    if total:
        lines.append(total)
    widths = [max(len(str(cells[i])) for cells in (header, *lines)) for i in range(len(header))]

    def cells(values):
        padded = [
            str(value).ljust(width) if i == 0 else str(value).rjust(width)
            for i, (value, width) in enumerate(zip(values, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    print()
    print(cells(header))
    rule = ["-" * (width + 1) + ("-" if i == 0 else ":") for i, width in enumerate(widths)]
    print("|" + "|".join(rule) + "|")
    for line in lines:
        print(cells(line))
    print()
    print(f"failures: {failures}; p95 over {P95_TARGET_MS} ms: {', '.join(slow) or 'none'}")
    return failures


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0


if __name__ == "__main__":
    sys.exit(main())
