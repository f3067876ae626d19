"""Static checks of the add-on's files, run by tools/test.sh (layer 1).

Each check prints one line ("ok" or its problem count) followed by its problems;
the last line is "static checks: ok" or "static checks: N problem(s)", and the exit
status is 1 when there is any problem. Needs lxml and polib.
"""

import ast
import csv
import glob
import sys
from pathlib import Path

import polib
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
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
MANIFEST_FILE_KEYS = ("data", "demo")
# Every XML or CSV file in these folders must be loaded through the manifest.
DATA_DIRS = ("views", "security", "data", "demo", "report", "wizard")
ASSET_DIRECTIVES_WITH_PATHS = {"after": 2, "before": 2, "prepend": 1, "append": 1, "remove": 1, "replace": 2}


def repo_files(pattern):
    """Files matching pattern under the repository, outside tool folders."""
    return sorted(
        path
        for path in ROOT.rglob(pattern)
        if path.is_file() and not SKIPPED_DIRS.intersection(path.relative_to(ROOT).parts)
    )


def rel(path):
    return str(Path(path).relative_to(ROOT))


def check_xml():
    problems = []
    files = repo_files("*.xml")
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    for path in files:
        try:
            etree.parse(str(path), parser)
        except etree.XMLSyntaxError as error:
            problems.append(f"{rel(path)}: {error}")
    return f"{len(files)} XML files parse", problems


def check_access_csv():
    problems = []
    files = sorted((ROOT / "security").glob("*.csv")) if (ROOT / "security").is_dir() else []
    for path in files:
        with path.open(newline="", encoding="utf-8") as stream:
            rows = list(csv.reader(stream))
        if not rows or rows[0] != ACCESS_HEADER:
            problems.append(f"{rel(path)}: header must be {','.join(ACCESS_HEADER)}")
            continue
        seen = set()
        for line_no, row in enumerate(rows[1:], start=2):
            if not row:
                continue
            if len(row) != len(ACCESS_HEADER):
                problems.append(f"{rel(path)}:{line_no}: {len(row)} columns, expected {len(ACCESS_HEADER)}")
                continue
            if row[0] in seen:
                problems.append(f"{rel(path)}:{line_no}: duplicate id {row[0]}")
            seen.add(row[0])
    return f"{len(files)} security CSV files have the access header and unique ids", problems


def read_manifest(problems):
    path = ROOT / "__manifest__.py"
    try:
        manifest = ast.literal_eval(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, SyntaxError) as error:
        problems.append(f"__manifest__.py is not a literal dict: {error}")
        return None
    if not isinstance(manifest, dict):
        problems.append("__manifest__.py is not a dict")
        return None
    return manifest


def check_manifest_keys(manifest, problems):
    for key in ("name", "version", "license", "depends", "data"):
        if key not in manifest:
            problems.append(f"__manifest__.py: missing key {key!r}")
    version = manifest.get("version", "")
    if not (isinstance(version, str) and version.startswith("18.0.")):
        problems.append(f"__manifest__.py: version {version!r} must start with '18.0.'")
    if manifest.get("license") != "LGPL-3":
        problems.append(f"__manifest__.py: license {manifest.get('license')!r} must be 'LGPL-3'")


def asset_paths(assets, problems):
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
                if module != "union_relief":
                    continue
                yield bundle, path


def check_manifest_files(manifest, problems):
    listed = set()
    for key in MANIFEST_FILE_KEYS:
        for name in manifest.get(key, []):
            listed.add(name)
            if not (ROOT / name).is_file():
                problems.append(f"__manifest__.py: {key} file {name} does not exist")
    for bundle, pattern in asset_paths(manifest.get("assets", {}), problems):
        if not glob.glob(str(ROOT / pattern), recursive=True):
            problems.append(f"__manifest__.py: assets[{bundle!r}] {pattern} matches no file")
    for folder in DATA_DIRS:
        for path in sorted((ROOT / folder).glob("**/*")):
            if path.suffix in (".xml", ".csv") and rel(path) not in listed:
                problems.append(f"{rel(path)} is not listed in the manifest's data or demo")


def check_manifest():
    problems = []
    manifest = read_manifest(problems)
    if manifest is not None:
        check_manifest_keys(manifest, problems)
        check_manifest_files(manifest, problems)
    return "__manifest__.py keys, listed files exist, data files listed", problems


def check_po():
    problems = []
    files = repo_files("*.po") + repo_files("*.pot")
    catalogs = {}
    for path in files:
        try:
            catalogs[path] = polib.pofile(str(path))
        except (OSError, ValueError) as error:
            problems.append(f"{rel(path)}: {error}")
    # every string of the template has its translation in each language
    templates = [catalog for path, catalog in catalogs.items() if path.suffix == ".pot"]
    for path, catalog in catalogs.items():
        if path.suffix != ".po":
            continue
        translated = {entry.msgid for entry in catalog if entry.msgstr and "fuzzy" not in entry.flags}
        for template in templates:
            missing = [entry.msgid for entry in template if entry.msgid not in translated]
            for msgid in missing[:10]:
                problems.append(f"{rel(path)}: not translated: {msgid[:70]!r}")
            if len(missing) > 10:
                problems.append(f"{rel(path)}: ... and {len(missing) - 10} more not translated")
    return f"{len(files)} .po/.pot files parse, every template string translated", problems


def main():
    total = 0
    for check in (check_xml, check_access_csv, check_manifest, check_po):
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
