"""The add-on's own static checks, those no published hook offers; run by
pre-commit (.pre-commit-config.yaml) with the OCA hooks, pylint-odoo and ruff.

What the hooks already check is not repeated here: XML syntax (check-xml), the
manifest's keys, version, licence and listed files (pylint-odoo), data files
the manifest does not list and duplicate CSV ids (oca-checks-odoo-module), .po
syntax (oca-checks-po). Each check prints one line ("ok" or its problem count)
followed by its problems; the last line is "static checks: ok" or "static
checks: N problem(s)", and the exit status is 1 when there is any problem.
Needs polib.
"""

import ast
import csv
import glob
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
MODULE = "union_relief"
SKIPPED_DIRS = {".git", ".venv", ".local", "node_modules", "__pycache__"}
ACCESS_HEADER = [
    "id",
    "name",
    "model_id:id",
    "group_id:id",
    "perm_read",
    "perm_write",
    "perm_create",
    "perm_unlink",
]
ASSET_DIRECTIVES_WITH_PATHS = {"after": 2, "before": 2, "prepend": 1, "append": 1, "remove": 1, "replace": 2}
# Every test class of the add-on runs once all modules are installed, as Odoo's
# accounting tests do (see tests/common.py).
TEST_TAGS = ["post_install", "-at_install"]


def repo_files(pattern):
    """Files matching pattern under the repository, outside tool folders."""
    return sorted(
        path
        for path in ROOT.rglob(pattern)
        if path.is_file() and not SKIPPED_DIRS.intersection(path.relative_to(ROOT).parts)
    )


def rel(path):
    return str(Path(path).relative_to(ROOT))


def check_access_csv():
    problems = []
    files = sorted((ROOT / "security").glob("*.csv")) if (ROOT / "security").is_dir() else []
    for path in files:
        with path.open(newline="", encoding="utf-8") as stream:
            rows = list(csv.reader(stream))
        if not rows or rows[0] != ACCESS_HEADER:
            problems.append(f"{rel(path)}: header must be {','.join(ACCESS_HEADER)}")
            continue
        for line_no, row in enumerate(rows[1:], start=2):
            if row and len(row) != len(ACCESS_HEADER):
                problems.append(f"{rel(path)}:{line_no}: {len(row)} columns, expected {len(ACCESS_HEADER)}")
    return f"{len(files)} security CSV files have the access header and its columns", problems


def asset_paths(assets):
    """The file globs named in the manifest's assets, relative to the add-on."""
    for bundle, entries in assets.items():
        for entry in entries:
            if isinstance(entry, str):
                paths = [entry]
            elif isinstance(entry, (list, tuple)) and entry and entry[0] in ASSET_DIRECTIVES_WITH_PATHS:
                paths = list(entry[1 : 1 + ASSET_DIRECTIVES_WITH_PATHS[entry[0]]])
            else:
                # ("include", "other.bundle") names a bundle, not a file.
                continue
            for asset in paths:
                module, _, path = asset.partition("/")
                if module == MODULE:
                    yield bundle, path


def check_assets():
    problems = []
    try:
        manifest = ast.literal_eval((ROOT / "__manifest__.py").read_text(encoding="utf-8"))
    except (OSError, ValueError, SyntaxError) as error:
        return "the manifest's assets exist", [f"__manifest__.py is not a literal dict: {error}"]
    count = 0
    for bundle, pattern in asset_paths(manifest.get("assets", {})):
        count += 1
        if not glob.glob(str(ROOT / pattern), recursive=True):
            problems.append(f"__manifest__.py: assets[{bundle!r}] {pattern} matches no file")
    return f"the manifest's {count} assets exist", problems


def check_po():
    problems = []
    catalogs = {}
    for path in repo_files("*.po") + repo_files("*.pot"):
        try:
            catalogs[path] = polib.pofile(str(path))
        except (OSError, ValueError):
            continue  # oca-checks-po reports the syntax error
    # every string of the template has its translation in each language
    templates = [catalog for path, catalog in catalogs.items() if path.suffix == ".pot"]
    languages = [path for path in catalogs if path.suffix == ".po"]
    for path in languages:
        catalog = catalogs[path]
        translated = {entry.msgid for entry in catalog if entry.msgstr and "fuzzy" not in entry.flags}
        for template in templates:
            missing = [entry.msgid for entry in template if entry.msgid not in translated]
            for msgid in missing[:10]:
                problems.append(f"{rel(path)}: not translated: {msgid[:70]!r}")
            if len(missing) > 10:
                problems.append(f"{rel(path)}: ... and {len(missing) - 10} more not translated")
    return f"{len(languages)} .po files translate every template string", problems


def _tags(decorator):
    if isinstance(decorator, ast.Call) and getattr(decorator.func, "id", None) == "tagged":
        return [arg.value for arg in decorator.args if isinstance(arg, ast.Constant)]
    return None


def check_test_tags():
    problems = []
    count = 0
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in tree.body:
            if not isinstance(node, ast.ClassDef):
                continue
            if not any(isinstance(item, ast.FunctionDef) and item.name.startswith("test") for item in node.body):
                continue  # a common base: its subclasses are tagged
            count += 1
            tags = [tags for tags in map(_tags, node.decorator_list) if tags is not None]
            if tags != [TEST_TAGS]:
                problems.append(
                    f"{rel(path)}:{node.lineno}: class {node.name} must be "
                    f"@tagged({', '.join(map(repr, TEST_TAGS))})"
                )
    return f"{count} test classes tagged {' '.join(TEST_TAGS)}", problems


def main():
    total = 0
    for check in (check_access_csv, check_assets, check_po, check_test_tags):
        label, problems = check()
        status = "ok" if not problems else f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        print(f"  {check.__name__}: {status} ({label})")
        for problem in problems:
            print(f"      {problem}")
        total += len(problems)
    print("static checks: ok" if not total else f"static checks: {total} problem{'s' if total != 1 else ''}")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
