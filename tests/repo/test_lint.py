"""Linters (ruff, yamllint), the pre-commit hooks, and the external link check.

The linters run on the real tree and, once each, on a deliberately bad file to show the
test can fail. The link check runs against a web server on 127.0.0.1 started here: no
test touches the network.
"""

from __future__ import annotations

import http.server
import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
import yaml

from helpers import ROOT  # noqa: E402

YAMLLINT_CONFIG = ROOT / ".yamllint.yml"


def run(*cmd: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


# ---------------------------------------------------------------- ruff


def test_ruff_passes():
    result = run(sys.executable, "-m", "ruff", "check", "--no-cache", "scripts", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_catches_a_problem(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import os\n", encoding="utf-8")
    result = run(sys.executable, "-m", "ruff", "check", "--no-cache", "--config", str(ROOT / "pyproject.toml"),
                 str(bad))
    assert result.returncode != 0 and "F401" in result.stdout, result.stdout + result.stderr


# ---------------------------------------------------------------- yamllint


def test_yamllint_passes():
    """As `make lint` runs it: strict, so warnings count."""
    result = run(sys.executable, "-m", "yamllint", "-s", "-c", str(YAMLLINT_CONFIG),
                 "data", ".github", "mkdocs.yml", ".pre-commit-config.yaml", ".yamllint.yml")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("text, rule", [
    ("id: a\nid: b\n", "key-duplicates"),
    ("name: x   \n", "trailing-spaces"),
    ("list:\n    - a\n  - b\n", "syntax"),
    ("draft: yes\n", "truthy"),
    ("summary: " + "word " * 40 + "\n", "line-length"),
])
def test_yamllint_catches_a_problem(tmp_path, text, rule):
    bad = tmp_path / "record.yml"
    bad.write_text(text, encoding="utf-8")
    result = run(sys.executable, "-m", "yamllint", "-s", "-c", str(YAMLLINT_CONFIG), str(bad))
    assert result.returncode != 0 and rule in result.stdout, result.stdout + result.stderr


def test_yamllint_accepts_workflow_on_key_and_env_tags(tmp_path):
    ok = tmp_path / "ok.yml"
    ok.write_text('on:\n  push:\nsite_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]\n', encoding="utf-8")
    result = run(sys.executable, "-m", "yamllint", "-s", "-c", str(YAMLLINT_CONFIG), str(ok))
    assert result.returncode == 0, result.stdout + result.stderr


# ---------------------------------------------------------------- pre-commit


def test_pre_commit_config_is_valid_and_downloads_nothing():
    result = run(sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = []
    for repo in config["repos"]:
        assert repo["repo"] == "local", "hooks from other repositories are downloaded at install time"
        hooks += repo["hooks"]
    for hook in hooks:
        assert hook["language"] == "system", hook["id"]
        assert hook["entry"].startswith(".venv/bin/"), hook["id"]
    entries = " | ".join(h["entry"] for h in hooks)
    for tool in ("-m ctwg validate", "-m yamllint", "-m ruff check", "-m ctwg schemas --check", "zizmor --offline"):
        assert tool in entries


# ---------------------------------------------------------------- link check


class _Handler(http.server.BaseHTTPRequestHandler):
    """/ok 200, /gone 404, /no-head 405 to HEAD but 200 to GET, /moved 301 to /ok,
    /private 403, /slow answers after 2 s. Every request is logged on the server."""

    def _answer(self, body: bool) -> None:
        self.server.seen.append((self.command, self.path))  # type: ignore[attr-defined]
        path = self.path
        if path == "/slow":
            time.sleep(2)
        if path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        code = {"/ok": 200, "/slow": 200, "/gone": 404, "/private": 403}.get(path, 404)
        if path == "/no-head":
            code = 405 if self.command == "HEAD" else 200
        payload = b"hello" if code < 400 else b"no"
        self.send_response(code)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if body:
            self.wfile.write(payload)

    def do_HEAD(self):  # noqa: N802 (http.server's name)
        self._answer(body=False)

    def do_GET(self):  # noqa: N802
        self._answer(body=True)

    def log_message(self, *args):  # keep the test output quiet
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.seen = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()


def fake_data(folder: Path, base: str, names: list[str]) -> Path:
    """A data folder of document records, one per name, each with `url: {base}/{name}`."""
    docs = folder / "documents"
    docs.mkdir(parents=True)
    for name in names:
        (docs / f"doc-{name}.yml").write_text(textwrap.dedent(f"""\
            id: doc-{name}
            name: Test document {name}
            kind: web-page
            access: public
            url: {base}/{name}
            summary: A document whose address answers "{name}".
            sources:
              - document: doc-{name}
                section: All
            reviewed: 2026-01-01
            """), encoding="utf-8")
    return folder


def linkcheck(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k.lower() not in ("http_proxy", "https_proxy", "all_proxy")
           and not k.startswith("GITHUB_")}
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1"
    env.update(env_extra or {})
    # `--` keeps the options away from the top-level `python -m ctwg` parser.
    return run(sys.executable, "-m", "ctwg", "linkcheck", "--", *args, env=env)


def test_linkcheck_reports_broken_links_and_exits_0(tmp_path, server):
    base = f"http://127.0.0.1:{server.server_address[1]}"
    data = fake_data(tmp_path / "data", base, ["ok", "gone", "no-head", "moved", "private"])
    summary = tmp_path / "summary.md"
    result = linkcheck("--data", str(data), "--timeout", "5",
                       env_extra={"GITHUB_STEP_SUMMARY": str(summary), "GITHUB_ACTIONS": "true"})
    out = result.stdout
    assert result.returncode == 0, out + result.stderr  # rot never fails the check

    # Broken ones, with the record file and the line of `url`.
    assert f"documents/doc-gone.yml:5: url: 404 Not Found: {base}/gone" in out
    assert f"documents/doc-private.yml:5: url: 403 Forbidden: {base}/private" in out
    assert "refused robots" in out
    assert "::warning file=" in out and f"doc-gone.yml,line=5,title=Link check::url: 404 Not Found: {base}/gone" in out
    # Working ones are not listed: a HEAD refused then a GET that works, a redirect.
    for name in ("ok", "no-head", "moved"):
        assert f"{base}/{name}\n" not in out
    assert "Checked 5 distinct addresses (5 links)" in out and "2 failed" in out

    assert ("HEAD", "/no-head") in server.seen and ("GET", "/no-head") in server.seen
    assert ("GET", "/ok") not in server.seen  # HEAD was enough
    assert ("HEAD", "/ok") in server.seen and ("GET", "/moved") not in server.seen  # redirect kept HEAD

    report = summary.read_text(encoding="utf-8")
    assert report.startswith("## External links")
    assert f"<{base}/gone>" in report and "404 Not Found" in report
    assert f"<{base}/ok>" not in report


def test_linkcheck_time_limits(tmp_path, server):
    base = f"http://127.0.0.1:{server.server_address[1]}"
    data = fake_data(tmp_path / "data", base, ["slow", "ok"])
    result = linkcheck("--data", str(data), "--timeout", "0.5")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"doc-slow.yml:5: url: timed out: {base}/slow" in result.stdout
    assert f"{base}/ok\n" not in result.stdout

    result = linkcheck("--data", str(data), "--timeout", "5", "--budget", "0.5", "--workers", "1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "not checked (the 0.5 s time budget was used up)" in result.stdout


def test_linkcheck_all_good_and_offline(tmp_path, server):
    base = f"http://127.0.0.1:{server.server_address[1]}"
    data = fake_data(tmp_path / "data", base, ["ok"])
    summary = tmp_path / "summary.md"
    result = linkcheck("--data", str(data), env_extra={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 0 and "0 failed" in result.stdout, result.stdout + result.stderr
    assert "All 1 external addresses answered" in summary.read_text(encoding="utf-8")

    before = len(server.seen)
    result = linkcheck("--data", str(data), "--offline")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"documents/doc-ok.yml:5: url: {base}/ok" in result.stdout
    assert len(server.seen) == before  # --offline sends nothing


def test_linkcheck_fails_only_when_it_cannot_run(tmp_path):
    data = tmp_path / "data"
    (data / "documents").mkdir(parents=True)
    (data / "documents" / "doc-bad.yml").write_text("id: doc-bad\nname: [\n", encoding="utf-8")
    result = linkcheck("--data", str(data), "--offline")
    assert result.returncode != 0
    assert "doc-bad.yml" in result.stderr and "Link check not run" in result.stderr


def test_linkcheck_collects_every_url_of_the_real_data(catalog):
    from ctwg.authoring.linkcheck import collect

    links = collect(catalog)
    with_url = [e for e in catalog.entries.values() if getattr(e.model, "url", None)]
    assert {ln.record for ln in links} >= {e.id for e in with_url}
    for ln in links:
        line = Path(ln.path).read_text(encoding="utf-8").splitlines()[ln.line - 1]
        assert line.lstrip().startswith("url:") and ln.url in line
