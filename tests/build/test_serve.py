"""`make serve` (mkdocs serve --livereload) rebuilds when a data file changes."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

from helpers import DATA, ROOT


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, predicate, seconds: float) -> float | None:
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        text = _get(url)
        if text is not None and predicate(text):
            return time.monotonic() - start
        time.sleep(0.2)
    return None


def test_serve_rebuilds_after_a_data_change(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    port = _free_port()
    env = {**os.environ, "CTWG_DATA": str(data), "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"]
    # The server's log goes to a file: a pipe nobody reads would fill up and stall the server.
    log = open(tmp_path / "serve.log", "w+", encoding="utf-8")  # noqa: SIM115 - closed in finally
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
    try:
        url = f"http://127.0.0.1:{port}/events/tokyo-soft-targets-workshop-2018/"
        started = _wait_for(url, lambda t: "Tokyo" in t, 180)
        assert started is not None, "server did not start:\n" + (tmp_path / "serve.log").read_text()[-3000:]
        page = _get(url)
        assert "livereload" in page  # the preview injects its reload script
        record = data / "events" / "tokyo-soft-targets-workshop-2018.yml"
        text = record.read_text(encoding="utf-8")
        record.write_text(text.replace("name: ", "name: Renamed for the test ", 1), encoding="utf-8")
        took = _wait_for(url, lambda t: "Renamed for the test" in t, 120)
        assert took is not None, ("the page was not rebuilt after the data file changed:\n"
                                  + (tmp_path / "serve.log").read_text()[-3000:])
        # The search index and the open data follow the pages (written in the background).
        base = f"http://127.0.0.1:{port}/"
        assert _wait_for(base + "api/v1/catalog.json", lambda t: "Renamed for the test" in t, 60) is not None
        assert _wait_for(base + "pagefind/pagefind-entry.json", lambda t: '"en"' in t, 60) is not None
        assert "ERROR" not in (tmp_path / "serve.log").read_text()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
