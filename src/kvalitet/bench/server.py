"""The application under gunicorn on loopback with the production settings, and wrk against it."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\\nBENCH {"requests": %d, "seconds": %f, "errors": %d, "bad_status": %d, '
    .. '"p50_ms": %f, "p95_ms": %f, "p99_ms": %f}\\n',
    summary.requests, summary.duration / 1e6, e.connect + e.read + e.write + e.timeout,
    e.status, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000))
end
"""


def bench_environment(base: dict[str, str] | None = None) -> dict[str, str]:
    """The production settings on loopback: a fresh secret, plain HTTP, no HSTS."""
    env = dict(base if base is not None else os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "kvalitet.bench.settings",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "DEBUG": "0",
            "LOG_LEVEL": "WARNING",
            "STATIC_ROOT": str(Path(settings.VAR_DIR) / "bench-static"),
            # The citizens of the load test did their proof-of-work; the server's check of it
            # (one HMAC) is the same whatever the difficulty.
            "ALTCHA_COST": "1",
            "ALTCHA_MAX_COUNTER": "1",
            # All the load comes from one address (loopback): the form's rate limit still runs
            # (one UPDATE of one bucket per submission) but must not refuse the citizens.
            "FEEDBACK_RATE_CAPACITY": "1000000000",
            "KVALITET_BENCH_CHILD": "1",
        }
    )
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, *, workers: int, threads: int = 4) -> None:
        self.workers = workers
        self.threads = threads
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        # Closed in __exit__ (the server's output, shown when it fails).
        self.log = tempfile.NamedTemporaryFile(prefix="kvalitet-bench-gunicorn-", suffix=".log")  # noqa: SIM115

    def __enter__(self) -> Server:
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [
            str(gunicorn) if gunicorn.exists() else "gunicorn",
            "kvalitet.bench.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(self.threads),
            "--timeout",
            "120",
            "--backlog",
            "2048",
        ]
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT)  # noqa: S603
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped:\n{self.output()}")
            try:
                with urllib.request.urlopen(f"{self.base}/bench/hello", timeout=2) as answer:  # noqa: S310
                    if answer.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within a minute:\n{self.output()}")

    def output(self) -> str:
        self.log.flush()
        return Path(self.log.name).read_text(errors="replace")[-4000:]

    def __exit__(self, *exc: object) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def get(self, path: str, *, cookie: str = "", timeout: float = 120) -> tuple[int, str, bytes]:
        request = urllib.request.Request(self.base + path, headers={"Cookie": cookie})  # noqa: S310

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
                return None

        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=timeout) as answer:
                return answer.status, answer.headers.get("Content-Type", ""), answer.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Content-Type", ""), error.read()


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def wrk(url: str, *, cookie: str = "", connections: int = 20, seconds: int = 10) -> dict:
    """Latency and throughput of GET `url` at `connections` concurrent users (wrk, 2 threads)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    command = [
        "wrk",
        "--threads",
        "2",
        "--connections",
        str(connections),
        "--duration",
        f"{seconds}s",
        "--timeout",
        "10s",
        "--script",
        script.name,
    ]
    if cookie:
        command += ["--header", f"Cookie: {cookie}"]
    try:
        output = subprocess.run(  # noqa: S603
            [*command, url], capture_output=True, text=True, check=True, timeout=seconds + 60
        ).stdout
    finally:
        os.unlink(script.name)
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    result = json.loads(line.removeprefix("BENCH "))
    result["per_second"] = result["requests"] / max(result["seconds"], 1e-6)
    return result
