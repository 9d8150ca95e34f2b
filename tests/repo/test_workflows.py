"""The GitHub workflows and issue forms: schema-valid, zizmor-clean, and held to the
project's own rules (pinned actions, read-only token by default, timeouts, concurrency,
deploy only after the tests, and jobs that push to the gh-pages branch run no repository
code, never overwrite another run's push and, on a pull request, never run for a fork).

Each project rule is a function returning the problems it finds, so the same function
is shown to catch a deliberately broken workflow as well as to pass the real ones.
Everything here runs offline.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import ROOT  # noqa: E402

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ISSUE_FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")
ZIZMOR_CONFIG = GITHUB / "zizmor.yml"

SHA_PIN = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$")
VERSION_COMMENT = re.compile(r"#\s*v\d+\.\d+\.\d+\b")

BROKEN = """\
name: Broken
on:
  pull_request_target:
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: make test
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/deploy-pages@d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e
"""

# A pull request preview done wrong: it runs the pull request's code with a write token,
# for forks too, overwrites the branch whatever another run pushed, and needs no tests.
BROKEN_PREVIEW = """\
name: Broken preview
on:
  pull_request:
permissions:
  contents: read
concurrency:
  group: preview
  cancel-in-progress: true
jobs:
  preview:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    permissions:
      contents: write
      issues: write
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      - uses: actions/download-artifact@d3f86a106a0bac45b974a628896c90dbdf5c8093 # v4.3.0
        with:
          name: site
      - run: make build
      - run: git push --force origin HEAD:refs/heads/gh-pages
"""

FORK_GUARD = "github.event.pull_request.head.repo.full_name == github.repository"
PUSHES_PAGES = re.compile(r"git push\b[^\n]*refs/heads/gh-pages")
# What runs the repository's own code (or any installed tool) in a job that can write.
RUNS_CODE = re.compile(r"(^|[\s;|&(])(make|python3?|pip3?|npm|npx|node|bash|sh|source)\b|\.venv/|(^|\s)\./", re.M)


# ---------------------------------------------------------------- project rules


def load(path: Path) -> dict:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def triggers(wf: dict) -> dict:
    on = wf.get("on", wf.get(True))  # YAML 1.1 reads the key `on` as true
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    return on or {}


def _steps(job: dict) -> list[dict]:
    return job.get("steps") or []


def deploys_pages(job: dict) -> bool:
    return any("deploy-pages" in str(s.get("uses", "")) for s in _steps(job))


def pushes_pages(job: dict) -> bool:
    """The job pushes to the gh-pages branch (the Pages site and the previews beside it)."""
    return any(PUSHES_PAGES.search(str(s.get("run", ""))) for s in _steps(job))


def publishes_site(job: dict) -> bool:
    """The job publishes a built site: deploy-pages, or a built site (an artifact) pushed to gh-pages."""
    downloads = any(str(s.get("uses", "")).startswith("actions/download-artifact@") for s in _steps(job))
    return deploys_pages(job) or (pushes_pages(job) and downloads)


def problems_pinning(path: Path) -> list[str]:
    """Every `uses:` is pinned to a full commit SHA, with the version in a comment."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        m = USES_LINE.match(line)
        if not m:
            continue
        ref, rest = m.group(1).strip("'\""), m.group(2)
        if ref.startswith("./"):
            continue  # a local action is pinned by the checkout itself
        if not SHA_PIN.match(ref):
            out.append(f"{path.name}:{n}: {ref} is not pinned to a full 40-hex commit SHA")
        elif not VERSION_COMMENT.search(rest):
            out.append(f"{path.name}:{n}: {ref} has no `# vX.Y.Z` comment naming the version")
    return out


def problems_permissions(wf: dict) -> list[str]:
    """Top-level permissions are read-only; write access only on the job that deploys (Pages and
    its OIDC token for deploy-pages; contents for a push to gh-pages, plus the commit status that
    links a pull request's preview), and on a workflow run only by issues (issue-form proposals:
    a branch, its pull request, a comment), which never runs code from a pull request."""
    out = []
    top = wf.get("permissions")
    if top is None:
        out.append("no top-level `permissions:` (the token would get the repository default)")
    elif top != {"contents": "read"} and top not in ({}, "read-all"):
        out.append(f"top-level permissions are not read-only: {top!r}")
    for name, job in (wf.get("jobs") or {}).items():
        perms = job.get("permissions")
        if perms is None:
            out.append(f"job {name}: no `permissions:`")
            continue
        if isinstance(perms, str):
            if perms != "read-all":
                out.append(f"job {name}: permissions {perms!r}")
            continue
        writes = {k for k, v in perms.items() if v == "write"}
        allowed = set()
        if deploys_pages(job):
            allowed = {"pages", "id-token"}
        elif pushes_pages(job):
            allowed = {"contents"} | ({"statuses"} if "pull_request" in triggers(wf) else set())
        if set(triggers(wf)) == {"issues"}:
            allowed = {"contents", "pull-requests", "issues"}
        if writes - allowed:
            out.append(f"job {name}: write access it does not need: {sorted(writes - allowed)}")
    return out


def problems_triggers(wf: dict) -> list[str]:
    if "pull_request_target" in triggers(wf):
        return ["uses pull_request_target (runs fork code with a write token and secrets)"]
    return []


def problems_jobs(wf: dict) -> list[str]:
    """Every job: timeout-minutes, ubuntu-latest, checkout without persisted credentials."""
    out = []
    for name, job in (wf.get("jobs") or {}).items():
        if "timeout-minutes" not in job:
            out.append(f"job {name}: no timeout-minutes")
        if job.get("runs-on") != "ubuntu-latest":
            out.append(f"job {name}: runs-on is {job.get('runs-on')!r}, not ubuntu-latest")
        for step in job.get("steps") or []:
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                if (step.get("with") or {}).get("persist-credentials") is not False:
                    out.append(f"job {name}: checkout without `persist-credentials: false`")
    return out


def problems_concurrency(wf: dict) -> list[str]:
    conc = wf.get("concurrency")
    if not conc:
        return ["no `concurrency:` group"]
    if isinstance(conc, dict) and "pull_request" in triggers(wf) and conc.get("cancel-in-progress") is not True:
        return ["pull request runs should cancel the run they replace (cancel-in-progress: true)"]
    return []


def problems_deploy(wf: dict) -> list[str]:
    """A job that publishes a built site runs only after the tests. With deploy-pages it is in
    the github-pages environment and never in a pull request's workflow; outside pull requests
    the workflow's concurrency group never cancels a deployment in progress."""
    out = []
    jobs = wf.get("jobs") or {}
    on_pr = "pull_request" in triggers(wf)
    for name, job in jobs.items():
        if not publishes_site(job):
            continue
        needs = _all_needs(jobs, name)
        if not any("make test" in str(s.get("run", "")) for j in needs for s in _steps(jobs[j])):
            out.append(f"job {name}: deploys without needing the job that runs `make test`")
        if deploys_pages(job):
            env = job.get("environment")
            if (env.get("name") if isinstance(env, dict) else env) != "github-pages":
                out.append(f"job {name}: not in the github-pages environment")
            if on_pr:
                out.append(f"job {name}: deploy-pages in a pull request's workflow")
        if not on_pr:
            conc = wf.get("concurrency")
            if not isinstance(conc, dict) or conc.get("cancel-in-progress") is not False:
                out.append("a deploying workflow must set concurrency with cancel-in-progress: false")
    return out


def problems_writing_jobs(wf: dict) -> list[str]:
    """A job that pushes to gh-pages checks nothing out and runs no repository code (it only
    copies built files with git), and each of its pushes is refused if the branch moved since
    it was read (--force-with-lease=<ref>:<sha>), so two runs never overwrite each other. In a
    pull request's workflow every job that can write is skipped for forks."""
    out = []
    on_pr = "pull_request" in triggers(wf)
    for name, job in (wf.get("jobs") or {}).items():
        perms = job.get("permissions")
        writes = isinstance(perms, dict) and any(v == "write" for v in perms.values())
        if on_pr and writes and FORK_GUARD not in str(job.get("if", "")):
            out.append(f"job {name}: can write but is not skipped for forks (`if: ... {FORK_GUARD}`)")
        if not pushes_pages(job):
            continue
        for step in _steps(job):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                out.append(f"job {name}: pushes to gh-pages and checks out the repository's code")
            run = str(step.get("run", ""))
            if RUNS_CODE.search(run):
                out.append(f"job {name}: pushes to gh-pages and runs code: {RUNS_CODE.search(run).group(0).strip()!r}")
            for line in run.splitlines():
                if re.search(r"\bgit push\b", line) and (
                        not re.search(r"--force-with-lease=\S+:", line) or re.search(r"\s(--force|-f)(\s|$)", line)):
                    out.append(f"job {name}: a push to gh-pages without --force-with-lease=<ref>:<sha>: {line.strip()}")
    return out


def _all_needs(jobs: dict, name: str) -> set[str]:
    seen: set[str] = set()
    todo = [name]
    while todo:
        needs = jobs[todo.pop()].get("needs") or []
        for n in [needs] if isinstance(needs, str) else needs:
            if n not in seen and n in jobs:
                seen.add(n)
                todo.append(n)
    return seen


def all_problems(path: Path) -> list[str]:
    wf = load(path)
    return (problems_pinning(path) + problems_permissions(wf) + problems_triggers(wf) + problems_jobs(wf)
            + problems_concurrency(wf) + problems_deploy(wf) + problems_writing_jobs(wf))


# ---------------------------------------------------------------- tools


def check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)],
                          capture_output=True, text=True, timeout=120)


def zizmor_bin() -> str:
    found = Path(sys.executable).parent / "zizmor"
    if found.exists():
        return str(found)
    which = shutil.which("zizmor")
    if not which:
        pytest.fail("zizmor is not installed: run `make test` (it installs requirements-dev.lock)")
    return which


def zizmor(target: Path) -> subprocess.CompletedProcess:
    # --offline: no network and no token; the online audits (e.g. known-vulnerable
    # action versions) are left to GitHub's own Dependabot alerts.
    return subprocess.run([zizmor_bin(), "--offline", "--no-progress", "--color", "never", "--format", "plain",
                           "--persona", "pedantic", "--config", str(ZIZMOR_CONFIG), str(target)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT, env=_offline_env())


def _offline_env() -> dict:
    """The environment without tokens or zizmor settings that could change the audit."""
    return {k: v for k, v in os.environ.items()
            if k not in ("GH_TOKEN", "GITHUB_TOKEN", "GH_HOST") and not k.startswith("ZIZMOR_")}


@pytest.fixture
def broken_workflow(tmp_path) -> Path:
    path = tmp_path / ".github" / "workflows" / "broken.yml"
    path.parent.mkdir(parents=True)
    path.write_text(BROKEN, encoding="utf-8")
    return path


# ---------------------------------------------------------------- the real files


def test_the_expected_workflows_exist():
    assert {p.name for p in WORKFLOWS} >= {"pr.yml", "deploy.yml", "links.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_follows_project_rules(path):
    assert all_problems(path) == []


def test_workflows_match_githubs_schema():
    result = check_jsonschema("vendor.github-workflows", *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing():
    """Pedantic persona, hash-pinning for every action, no ignores anywhere."""
    result = zizmor(GITHUB / "workflows")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout + result.stderr
    assert "zizmor: ignore" not in "".join(p.read_text(encoding="utf-8") for p in WORKFLOWS)


def test_issue_forms_match_githubs_schema():
    assert {p.name for p in ISSUE_FORMS} >= {"incorrect-information.yml", "report-a-problem.yml"}
    result = check_jsonschema("vendor.github-issue-forms", *ISSUE_FORMS)
    assert result.returncode == 0, result.stdout + result.stderr
    result = check_jsonschema("vendor.github-issue-config", GITHUB / "ISSUE_TEMPLATE" / "config.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_correction_needs_a_source():
    form = load(GITHUB / "ISSUE_TEMPLATE" / "incorrect-information.yml")
    required = {item.get("id") for item in form["body"] if (item.get("validations") or {}).get("required")}
    assert "source" in required


def test_deploy_sets_site_and_edit_addresses():
    wf = load(GITHUB / "workflows" / "deploy.yml")
    build = [s for j in wf["jobs"].values() for s in j.get("steps", []) if "make build" in str(s.get("run", ""))]
    assert build, "deploy.yml never runs `make build`"
    env = {**build[0].get("env", {})}
    assert env.get("EDIT_BASE") == "https://github.com/${{ github.repository }}/edit/main/"
    assert "steps.pages.outputs.base_url" in env.get("SITE_URL", "")
    assert set(triggers(wf)) >= {"push"} and triggers(wf)["push"] == {"branches": ["main"]}


def test_linkcheck_workflow_is_weekly_and_manual():
    wf = load(GITHUB / "workflows" / "links.yml")
    on = triggers(wf)
    assert "workflow_dispatch" in on and on["schedule"][0]["cron"]
    assert any("ctwg linkcheck" in str(s.get("run", "")) for j in wf["jobs"].values() for s in j["steps"])


# ---------------------------------------------------------------- the checks can fail


def test_project_rules_catch_a_broken_workflow(broken_workflow):
    found = "\n".join(all_problems(broken_workflow))
    assert "actions/checkout@v4 is not pinned" in found
    assert "has no `# vX.Y.Z` comment" in found
    assert "no top-level `permissions:`" in found
    assert "pull_request_target" in found
    assert "job build: no timeout-minutes" in found
    assert "persist-credentials" in found
    assert "no `concurrency:` group" in found
    assert "deploys without needing the job that runs `make test`" in found


def test_project_rules_catch_a_broken_preview(tmp_path):
    path = tmp_path / "preview.yml"
    path.write_text(BROKEN_PREVIEW, encoding="utf-8")
    found = "\n".join(all_problems(path))
    assert "job preview: write access it does not need: ['issues']" in found
    assert "job preview: can write but is not skipped for forks" in found
    assert "job preview: pushes to gh-pages and checks out the repository's code" in found
    assert "job preview: pushes to gh-pages and runs code: 'make'" in found
    assert "job preview: a push to gh-pages without --force-with-lease" in found
    assert "job preview: deploys without needing the job that runs `make test`" in found


def test_schema_check_catches_an_invalid_workflow(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  build:\n    timeout-minutes: ten\n    steps: []\n", encoding="utf-8")
    assert check_jsonschema("vendor.github-workflows", bad).returncode != 0


def test_zizmor_catches_a_broken_workflow(broken_workflow):
    result = zizmor(broken_workflow)
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    for audit in ("unpinned-uses", "excessive-permissions", "dangerous-triggers", "artipacked"):
        assert audit in out, f"zizmor did not report {audit}:\n{out}"


def test_issue_form_schema_catches_a_bad_form(tmp_path):
    bad = tmp_path / "form.yml"
    bad.write_text("name: x\ndescription: y\nbody:\n  - type: textbox\n    id: a\n", encoding="utf-8")
    assert check_jsonschema("vendor.github-issue-forms", bad).returncode != 0
