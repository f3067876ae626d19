"""oca-checks-odoo-module (oca-odoo-pre-commit-hooks) on an add-on that is the
repository's root; run by pre-commit (.pre-commit-config.yaml).

OCA repositories hold one add-on per folder, and the hook looks for a manifest
in the folders between a changed file and the repository's top, not in the top
itself: here it finds none and checks nothing. It also takes the add-on's name
from its folder, which a clone may name anything. This runs the hook's own
checks on the root manifest under the add-on's name. Same options as the hook
(--fix, --disable, .oca_hooks.cfg); the hook's version is pinned in
tools/requirements-test.txt, since this uses its checker class directly.
"""

import sys
from pathlib import Path

from oca_pre_commit_hooks import checks_odoo_module, utils
from oca_pre_commit_hooks.global_parser import GlobalParser

ROOT = Path(__file__).resolve().parent.parent
MODULE = "union_relief"


def main(argv=None):
    parser = GlobalParser()
    parser.add_argument("files", nargs="*", help="changed files (all when none)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    checker = checks_odoo_module.ChecksOdooModule(
        str(ROOT / "__manifest__.py"),
        args.enable,
        args.disable,
        changed={str(Path(name).resolve()) for name in args.files},
        verbose=not args.no_verbose,
        autofix=args.autofix,
        xml_attributes_order=args.xml_attributes_order,
    )
    checker.odoo_addon_name = MODULE
    for check in utils.getattr_checks(checker):
        check()
    errors = sorted(checker.checks_errors)
    if not args.no_verbose:
        for error in errors:
            print(error)
            print()
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
