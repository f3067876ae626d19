"""Build the add-on's wheel with whool and check what it carries (layer 1).

    python tools/check_wheel.py OUT_DIR

Copies the files git tracks (or, outside a git checkout, the tree without tool
folders) into a temporary folder named union_relief, since whool names the add-on
after its folder; builds odoo_addon_union_relief-*.whl into OUT_DIR with ``python -m build``
(pyproject.toml: whool backend); then checks that the wheel holds the manifest,
every data and demo file it lists, the assets, the translations, the static
files and the pure-Python core with its tests. Prints "wheel: ok (...)" or the
problems, and exits 1 on any problem.
"""

import ast
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULE = "union_relief"
SKIPPED = {".git", ".venv", ".local", "node_modules", "__pycache__"}
PREFIX = "odoo/addons/%s/" % MODULE


def tracked_files():
    try:
        output = subprocess.run(
            ["git", "-C", str(ROOT), "ls-files", "-z"],
            check=True, capture_output=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return [
            path.relative_to(ROOT) for path in ROOT.rglob("*")
            if path.is_file() and not SKIPPED.intersection(path.relative_to(ROOT).parts)
        ]
    return [Path(name) for name in output.decode().split("\0") if name]


def build(out):
    # outside the repository: whool lists a source inside a git checkout with
    # ``git ls-files``, which gives nothing in a git-ignored folder such as .local/
    source = Path(tempfile.mkdtemp(prefix="union_relief_wheel_")) / MODULE
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for relative in tracked_files():
        if (ROOT / relative).is_file():
            target = source / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / relative, target)
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(source)],
        capture_output=True, text=True,
    )
    if result.returncode:
        sys.stdout.write(result.stdout[-3000:] + result.stderr[-3000:])
        return None
    shutil.rmtree(source.parent, ignore_errors=True)
    wheels = sorted(out.glob("odoo_addon_%s-*.whl" % MODULE))
    return wheels[-1] if wheels else None


def expected_files():
    manifest = ast.literal_eval((ROOT / "__manifest__.py").read_text(encoding="utf-8"))
    expected = {"__manifest__.py", "__init__.py", "i18n/zh_CN.po", "i18n/%s.pot" % MODULE}
    for key in ("data", "demo"):
        expected.update(manifest.get(key, []))
    for paths in manifest.get("assets", {}).values():
        expected.update(path.split("/", 1)[1] for path in paths if isinstance(path, str))
    folders = ("static", MODULE, "models", "wizard", "controllers", "report", "tests", "utils")
    expected.update(
        str(path) for path in tracked_files()
        if path.parts and path.parts[0] in folders and (ROOT / path).is_file()
    )
    return expected, manifest


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / ".local" / "wheel"
    wheel = build(out)
    if not wheel:
        print("wheel: FAILED to build (pyproject.toml, whool and build must be installed)")
        return 1
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = next(
            (archive.read(name).decode() for name in names if name.endswith(".dist-info/METADATA")), ""
        )
    carried = {name[len(PREFIX):] for name in names if name.startswith(PREFIX)}
    expected, manifest = expected_files()
    problems = ["missing from the wheel: %s" % path for path in sorted(expected - carried)]
    if not re.search(r"^Name: odoo-addon-union[-_]relief$", metadata, re.MULTILINE):
        problems.append("the wheel's metadata does not name odoo-addon-%s" % MODULE)
    for dependency in manifest.get("external_dependencies", {}).get("python", []):
        if "Requires-Dist: %s" % dependency not in metadata:
            problems.append("the wheel does not require %s (external dependency)" % dependency)
    if problems:
        print("wheel: %d problem(s) in %s" % (len(problems), wheel.name))
        for problem in problems:
            print("  " + problem)
        return 1
    print("wheel: ok (%s, %d files, every manifest, asset, i18n, static and core file)" % (
        wheel.name, len(carried)
    ))
    return 0


if __name__ == "__main__":
    sys.exit(main())
