"""`make serve` (mkdocs serve --livereload) rebuilds when a data file changes, and shows a data problem on every page."""

from __future__ import annotations

import contextlib
import html
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from helpers import DATA, ROOT


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 5) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
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
    # The server's log goes to a file (in _serving): a pipe nobody reads would fill up and stall the server.
    with _serving(tmp_path) as (base, data, log):
        url = base + "events/tokyo-soft-targets-workshop-2018/"
        started = _wait_for(url, lambda t: "Tokyo" in t, 180)
        assert started is not None, "server did not start:\n" + log.read_text()[-3000:]
        page = _get(url)
        assert "livereload" in page  # the preview injects its reload script
        record = data / "events" / "tokyo-soft-targets-workshop-2018.yml"
        text = record.read_text(encoding="utf-8")
        record.write_text(text.replace("name: ", "name: Renamed for the test ", 1), encoding="utf-8")
        took = _wait_for(url, lambda t: "Renamed for the test" in t, 120)
        assert took is not None, "the page was not rebuilt after the data file changed:\n" + log.read_text()[-3000:]
        # The search index and the open data follow the pages (written in the background).
        assert _wait_for(base + "api/v1/catalog.json", lambda t: "Renamed for the test" in t, 60) is not None
        assert _wait_for(base + "pagefind/pagefind-entry.json", lambda t: '"en"' in t, 60) is not None
        assert "ERROR" not in log.read_text()


@contextlib.contextmanager
def _serving(tmp_path, prepare=None):
    """`make serve` on a free port over a copy of data/ (the real data is never touched): (base URL, data, log).

    `prepare(data)` changes the copy before the server starts."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    if prepare is not None:
        prepare(data)
    port = _free_port()
    env = {**os.environ, "CTWG_DATA": str(data), "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"]
    log_path = tmp_path / "serve.log"
    log = open(log_path, "w+", encoding="utf-8")  # noqa: SIM115 - closed in finally
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
    try:
        yield f"http://127.0.0.1:{port}/", data, log_path
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_serve_shows_data_problems_on_every_page_and_recovers(tmp_path):
    with _serving(tmp_path) as (base, data, log):
        page = base + "events/tokyo-soft-targets-workshop-2018/"
        assert _wait_for(base, lambda t: "Counter-Terrorism" in t, 180) is not None, log.read_text()[-3000:]
        assert _wait_for(page, lambda t: "Tokyo" in t, 30) is not None, log.read_text()[-3000:]
        event = data / "events" / "tokyo-soft-targets-workshop-2018.yml"
        partner = data / "partners" / "cted.yml"
        good_event, good_partner = event.read_text(encoding="utf-8"), partner.read_text(encoding="utf-8")
        # Two problems at once: a value that is not allowed, and a file that is not valid YAML.
        event.write_text(good_event.replace("\nkind: workshop\n", "\nkind: seminar\n", 1), encoding="utf-8")
        partner.write_text(good_partner.replace("\nkind: ", "\nkind: [unclosed\n  nope: ", 1), encoding="utf-8")
        # Within 5 s of the save, a page names each file and line (the server does not hang).
        named = (f"{event}:4: kind: 'seminar' is not allowed", f"{partner}:5: YAML syntax error")
        shown = _wait_for(page, lambda t: all(n in html.unescape(t) for n in named), 5)
        assert shown is not None, f"{page} did not show the problems within 5 s:\n{log.read_text()[-3000:]}"
        # The lines are exactly those `make validate` prints for the same data.
        validate = subprocess.run([sys.executable, "-m", "ctwg", "validate", str(data)], cwd=ROOT,
                                  capture_output=True, text=True, timeout=120)
        assert validate.returncode == 1
        lines = [ln for ln in validate.stderr.splitlines() if ln.startswith(str(data))]
        assert len(lines) == 2 and all(any(ln.startswith(n) for ln in lines) for n in named), validate.stderr

        def shows_the_problems(text):
            text = html.unescape(text)
            return all(ln in text for ln in lines)

        for url in (page, base, base + "partners/cted/", base + "no/such/page/"):
            # Every address answers at once, with every problem line.
            assert _wait_for(url, shows_the_problems, 5) is not None, f"{url}:\n{log.read_text()[-3000:]}"
        error_page = _get(page)
        assert "livereload" in error_page  # MkDocs' reload script: the page comes back by itself
        assert "<link" not in error_page and "src=" not in error_page  # nothing requested from anywhere

        event.write_text(good_event, encoding="utf-8")
        partner.write_text(good_partner, encoding="utf-8")
        back = _wait_for(page, lambda t: "Tokyo" in t and not shows_the_problems(t), 120)
        assert back is not None, "the real page did not come back:\n" + log.read_text()[-3000:]
        terminal = log.read_text()
        for ln in lines:  # printed once, for the one failed rebuild
            assert terminal.count(ln) == 1, terminal[-3000:]
        assert "Traceback" not in terminal
        assert "[macros]" not in terminal  # mkdocs-macros' set-up lines, at every rebuild before
        print(f"save -> error page: {shown:.1f} s; fix -> real page: {back:.1f} s")


def test_serve_started_with_a_data_problem_shows_it_and_recovers(tmp_path):
    event_rel = "events/tokyo-soft-targets-workshop-2018.yml"
    good = (DATA / event_rel).read_text(encoding="utf-8")

    def break_it(data):
        (data / event_rel).write_text(good.replace("\neconomy: japan\n", "\neconomy: jappan\n", 1), encoding="utf-8")

    with _serving(tmp_path, break_it) as (base, data, log):
        page = base + "events/tokyo-soft-targets-workshop-2018/"
        line = f"{data / event_rel}:8: economy: unknown member economy 'jappan' (did you mean 'japan'?)"
        assert _wait_for(page, lambda t: line in html.unescape(t), 180) is not None, log.read_text()[-3000:]
        assert _wait_for(base, lambda t: line in html.unescape(t), 5) is not None  # every address
        (data / event_rel).write_text(good, encoding="utf-8")
        assert _wait_for(page, lambda t: "Tokyo" in t and line not in html.unescape(t), 120) is not None, \
            log.read_text()[-3000:]
        terminal = log.read_text()
        assert terminal.count(line) == 1 and "Traceback" not in terminal and "[macros]" not in terminal, terminal
