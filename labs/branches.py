"""Local git branches lab1..lab10, one commit each on the previous, for students' clones.

`make lab-branches` writes each lab's staged tree into a temporary directory and commits
it with git plumbing: a private index file (GIT_INDEX_FILE) and that directory as the
work tree for `git add`, then write-tree, commit-tree and update-ref. The user's working
tree, index and current branch are never touched, so this is safe in a dirty checkout.

lab1 is a root commit: it has no parent, so publishing the lab branches
(`git push students lab1 lab2 ...`) never publishes main's history, which holds every
solution. lab<n+1> is one commit on lab<n>: a student merges the next lab's branch into
their work and sees only what that lab adds (the solution of the lab before, and the new
handout text). An existing lab branch is an error unless --force replaces it.
"""
import os
import shutil
import subprocess
import tempfile

import catalog
import handout

FALLBACK_IDENTITY = {"GIT_AUTHOR_NAME": "SeaOS handout", "GIT_AUTHOR_EMAIL": "handout@seaos.invalid",
                     "GIT_COMMITTER_NAME": "SeaOS handout",
                     "GIT_COMMITTER_EMAIL": "handout@seaos.invalid"}


def git(repo, *args, env=None, check=True):
    res = subprocess.run(["git", "-C", repo] + list(args), capture_output=True, text=True,
                         env=env)
    if check and res.returncode != 0:
        raise RuntimeError("git %s failed: %s" % (" ".join(args), res.stderr.strip()))
    return res


def commit_env(repo):
    """The environment for commit-tree: the user's identity, or a fallback when git has none."""
    env = dict(os.environ)
    if git(repo, "var", "GIT_COMMITTER_IDENT", check=False).returncode != 0 or \
            git(repo, "var", "GIT_AUTHOR_IDENT", check=False).returncode != 0:
        env.update(FALLBACK_IDENTITY)
    return env


def make_branches(repo, src, independent=False, force=False):
    """Creates refs/heads/lab<n> for every lab in `repo` from the tree `src`; yields one
    progress line per branch."""
    repo = os.path.abspath(repo)
    if git(repo, "rev-parse", "--git-dir", check=False).returncode != 0:
        raise SystemExit("handout: %s is not a git repository" % repo)
    existing = [lab.number for lab in catalog.LABS
                if git(repo, "rev-parse", "-q", "--verify", "refs/heads/lab%d" % lab.number,
                       check=False).returncode == 0]
    if existing and not force:
        raise SystemExit("handout: branches %s already exist in %s (--force replaces them)" % (
            ", ".join("lab%d" % n for n in existing), repo))
    env = commit_env(repo)
    git_dir = git(repo, "rev-parse", "--absolute-git-dir").stdout.strip()
    parent = None
    with tempfile.TemporaryDirectory(prefix="seaos-branches-") as tmp:
        index = os.path.join(tmp, "index")
        for lab in catalog.LABS:
            tree_dir = os.path.join(tmp, "lab%d" % lab.number)
            handout.write_handout(src, tree_dir, lab.number, independent)
            if os.path.exists(index):
                os.remove(index)  # a fresh index per lab: the tree is exactly that handout
            add_env = dict(env, GIT_INDEX_FILE=index)
            # Run inside the staged tree so "." means it; the repository is only --git-dir.
            git(tree_dir, "--git-dir=" + git_dir, "--work-tree=" + tree_dir, "add", "-A", ".",
                env=add_env)
            tree = git(repo, "write-tree", env=add_env).stdout.strip()
            message = "lab %d: %s\n\nStarting point for lab %d (%s): %s.\n" % (
                lab.number, lab.title, lab.number, "independent" if independent else
                "labs 1..%d solved" % (lab.number - 1) if lab.number > 1 else "staged",
                lab.hole)
            cmd = ["commit-tree", tree, "-m", message] + (["-p", parent] if parent else [])
            commit = git(repo, *cmd, env=env).stdout.strip()
            git(repo, "update-ref", "-m", "handout: lab%d" % lab.number,
                "refs/heads/lab%d" % lab.number, commit)
            parent = commit
            shutil.rmtree(tree_dir)
            yield "lab%d -> %s (%s)" % (lab.number, commit[:12], lab.title)
