"""The gh-pages branch: the main site at its root, each open pull request's preview in
pr-<number>/ (issue 16). The shell of the three publishing steps (deploy.yml's, and pr.yml's
publish and remove) is taken out of the workflow files and run here with bash against a local
bare repository standing in for GitHub: `git` reaches it through a url.insteadOf in a
private git config, and a stand-in `gh` answers `gh pr list` and records `gh api`.

Nothing here touches the network or the real repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from helpers import ROOT  # noqa: E402

WORKFLOWS = ROOT / ".github" / "workflows"
REPO = "owner/site"
GIT = shutil.which("git") or "/usr/bin/git"


def load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def step(workflow: str, job: str, name_starts: str) -> dict:
    steps = load(workflow)["jobs"][job]["steps"]
    found = [s for s in steps if str(s.get("name", "")).startswith(name_starts)]
    assert len(found) == 1, f"{workflow}: job {job} has no one step named {name_starts!r}..."
    return found[0]


DEPLOY = ("deploy.yml", "deploy", "Put it at the root")
PUBLISH = ("pr.yml", "publish-preview", "Put it in pr-")
REMOVE = ("pr.yml", "remove-preview", "Remove pr-")


class Remote:
    """A bare repository in place of github.com/owner/site, and a way to run a step's shell."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.bare = tmp / "remote.git"
        subprocess.run([GIT, "init", "--quiet", "--bare", "-b", "main", str(self.bare)], check=True)
        self.bin = tmp / "bin"
        self.bin.mkdir()
        self.gh_log = tmp / "gh.log"
        (self.bin / "gh").write_text(
            '#!/bin/sh\n'
            'echo "$*" >> "$GH_LOG"\n'
            'case "$1 $2" in\n'
            '  "pr list") printf "%s" "$OPEN_PRS" | tr " " "\\n"; echo ;;\n'
            'esac\n', encoding="utf-8")
        (self.bin / "gh").chmod(0o755)
        self.gitconfig = tmp / "gitconfig"
        self.gitconfig.write_text(
            f'[url "{self.bare.as_uri()}"]\n\tinsteadOf = https://github.com/{REPO}.git\n', encoding="utf-8")
        self.runs = 0

    def env(self, **extra: str) -> dict:
        return {
            "PATH": f"{self.bin}:{os.environ.get('PATH', '/usr/bin:/bin')}",
            "HOME": str(self.tmp), "GIT_CONFIG_GLOBAL": str(self.gitconfig), "GIT_CONFIG_NOSYSTEM": "1",
            "GH_LOG": str(self.gh_log), "GH_TOKEN": "not-a-token", "REPO": REPO, "GITHUB_SHA": "c0ffee",
            "LANG": "C.UTF-8", **extra,
        }

    def run(self, which: tuple[str, str, str], files: dict[str, str] | None = None, **env: str):
        """Run one step's shell; `files` is the built site it finds in RUNNER_TEMP."""
        self.runs += 1
        temp = self.tmp / f"runner{self.runs}"
        temp.mkdir()
        workflow, job, name = which
        folder = "site" if workflow == "deploy.yml" else "preview"
        for rel, text in (files or {}).items():
            (temp / folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (temp / folder / rel).write_text(text, encoding="utf-8")
        script = step(workflow, job, name)["run"]
        return subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=temp, env=self.env(RUNNER_TEMP=str(temp), **env),
                              capture_output=True, text=True, timeout=120)

    def files(self) -> dict[str, str]:
        out = subprocess.run([GIT, "--git-dir", str(self.bare), "ls-tree", "-r", "--name-only", "gh-pages"],
                             capture_output=True, text=True, check=True).stdout.split()
        return {p: self.show(p) for p in out}

    def show(self, path: str) -> str:
        return subprocess.run([GIT, "--git-dir", str(self.bare), "show", f"gh-pages:{path}"],
                              capture_output=True, text=True, check=True).stdout

    def commits(self) -> int:
        out = subprocess.run([GIT, "--git-dir", str(self.bare), "rev-list", "--count", "gh-pages"],
                             capture_output=True, text=True, check=True).stdout
        return int(out)


@pytest.fixture
def remote(tmp_path) -> Remote:
    return Remote(tmp_path)


def ok(result) -> None:
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_steps_use_only_environment_variables():
    """Expressions are not pasted into the shell (template injection): values come as env."""
    for which in (DEPLOY, PUBLISH, REMOVE):
        assert "${{" not in step(*which)["run"], which


def test_deploy_previews_and_removal_share_the_branch(remote):
    # The first deployment makes the branch: the site at the root, no Jekyll.
    ok(remote.run(DEPLOY, {"index.html": "main v1", "old.html": "gone later"}, OPEN_PRS=""))
    assert remote.files() == {".nojekyll": "", "index.html": "main v1", "old.html": "gone later"}

    # Two pull requests publish their previews beside it.
    ok(remote.run(PUBLISH, {"index.html": "pr 7 v1", "HOW-TO-VIEW.html": "x"}, PR="7", HEAD_SHA="a" * 40))
    ok(remote.run(PUBLISH, {"index.html": "pr 8"}, PR="8", HEAD_SHA="b" * 40))
    files = remote.files()
    assert files["pr-7/index.html"] == "pr 7 v1" and files["pr-8/index.html"] == "pr 8"
    assert "pr-7/HOW-TO-VIEW.html" not in files  # the download's note stays out of the site
    assert files["index.html"] == "main v1"

    # A new push to pull request 7 replaces its folder (a file it no longer has goes).
    ok(remote.run(PUBLISH, {"index.html": "pr 7 v2", "extra/index.html": "new"}, PR="7", HEAD_SHA="c" * 40))
    assert remote.show("pr-7/index.html") == "pr 7 v2" and "pr-7/extra/index.html" in remote.files()

    # The main site is deployed again while only 7 is open: 8's leftover folder is dropped,
    # 7's is kept, the root is replaced.
    ok(remote.run(DEPLOY, {"index.html": "main v2"}, OPEN_PRS="7 12"))
    files = remote.files()
    assert files["index.html"] == "main v2" and "old.html" not in files
    assert files["pr-7/index.html"] == "pr 7 v2"
    assert not any(p.startswith("pr-8/") for p in files)
    assert "--state open" in remote.gh_log.read_text(encoding="utf-8")

    # Closing 7 removes its folder; closing it again changes nothing and succeeds.
    ok(remote.run(REMOVE, PR="7"))
    assert not any(p.startswith("pr-") for p in remote.files())
    ok(remote.run(REMOVE, PR="7"))
    assert remote.files() == {".nojekyll": "", "index.html": "main v2"}

    # The branch is one commit: its history does not grow with each deployment.
    assert remote.commits() == 1


def test_a_concurrent_push_is_not_overwritten(remote):
    """Another run pushes between this step's read and its push: the push is refused
    (--force-with-lease), the step starts again from the new state and keeps both changes."""
    ok(remote.run(DEPLOY, {"index.html": "main"}, OPEN_PRS="5"))
    # A `git` that, on its first push, lets another writer publish pr-5 first.
    other = remote.tmp / "other"
    race = remote.tmp / "race.sh"
    race.write_text(
        f'#!/bin/sh\nset -e\n'
        f'{GIT} clone --quiet --branch gh-pages "{remote.bare}" "{other}"\n'
        f'mkdir -p "{other}/pr-5" && echo "pr 5" > "{other}/pr-5/index.html"\n'
        f'{GIT} -C "{other}" add -A && {GIT} -C "{other}" -c user.name=o -c user.email=o@o commit --quiet -m other\n'
        f'{GIT} -C "{other}" push --quiet origin HEAD:refs/heads/gh-pages\n', encoding="utf-8")
    race.chmod(0o755)
    mark = remote.tmp / "raced"
    (remote.bin / "git").write_text(
        f'#!/bin/sh\nif [ "$1" = push ] && [ ! -e "{mark}" ]; then touch "{mark}"; "{race}"; fi\nexec {GIT} "$@"\n',
        encoding="utf-8")
    (remote.bin / "git").chmod(0o755)
    result = remote.run(PUBLISH, {"index.html": "pr 9"}, PR="9", HEAD_SHA="d" * 40)
    ok(result)
    assert mark.exists(), "the concurrent push did not happen"
    files = remote.files()
    assert files["pr-5/index.html"].strip() == "pr 5", "the other run's push was overwritten"
    assert files["pr-9/index.html"] == "pr 9"
    assert files["index.html"] == "main"


def test_a_preview_needs_the_branch(remote):
    result = remote.run(PUBLISH, {"index.html": "pr 3"}, PR="3", HEAD_SHA="e" * 40)
    assert result.returncode != 0
    assert "No gh-pages branch yet" in result.stdout + result.stderr


def test_the_pull_request_workflow_builds_for_the_preview_address():
    wf = load("pr.yml")
    on = wf.get("on", wf.get(True))
    assert set(on["pull_request"]["types"]) >= {"opened", "synchronize", "reopened", "closed"}
    jobs = wf["jobs"]
    build = [s for s in jobs["test-build"]["steps"] if "make build" in str(s.get("run", ""))]
    assert build and build[0]["env"]["SITE_URL"].endswith("/pr-${{ github.event.pull_request.number }}/")
    assert jobs["test-build"]["outputs"]["preview_url"] == build[0]["env"]["SITE_URL"]
    assert "needs.test-build.outputs.preview_url" in jobs["publish-preview"]["env"]["PREVIEW_URL"]
    status = step("pr.yml", "publish-preview", "Link the preview")["run"]
    assert "statuses/$HEAD_SHA" in status and 'target_url="$PREVIEW_URL"' in status
    assert "closed" in jobs["remove-preview"]["if"] and "!= 'closed'" in jobs["publish-preview"]["if"]
    # The download says how to view it.
    copy = [s for s in jobs["test-build"]["steps"] if "HOW-TO-VIEW.html" in str(s.get("run", ""))]
    assert copy and (ROOT / ".github" / "preview" / "HOW-TO-VIEW.html").is_file()
