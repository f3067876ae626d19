"""Reads the log of an Odoo 18 test run (odoo-bin --test-enable --stop-after-init).

Usage: python3 tools/odoo_test_log.py LOGFILE ODOO_EXIT_STATUS

Prints what went wrong, if anything, then one last line for tools/test.sh:
"counts PASSED FAILED SKIPPED", where FAILED counts failed and erroring tests,
and is at least 1 when the run failed otherwise (the module did not install, an
ERROR/CRITICAL line was logged outside a test report, no test ran, Odoo stopped
before its final report). Standard library only.

Formats, from Odoo 18's sources:
- every record: "<date> <time> <pid> <LEVEL> <db> <logger>: <message>"
  (odoo/netsvc.py); a traceback continues on the following lines;
- the final report, logged by odoo.tests.result from odoo/service/server.py:
  "<F> failed, <E> error(s) of <N> tests when loading database '<db>'"
  (str(OdooTestResult), odoo/tests/result.py); N includes skipped tests;
- a skipped test: "skipped <Class.method> : <reason>" (OdooTestResult.addSkip);
- a failing test: "FAIL: ..." / "ERROR: ..." (OdooTestResult.logError), then
  "Module <m>: <F> failures, <E> errors of <N> tests" (odoo/modules/loading.py)
  and "At least one test failed when loading the modules.".
"""

import re
import sys

RECORD = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z?]+) \S+ (?P<logger>[\w.]+): (?P<message>.*)$"
)
FINAL_REPORT = re.compile(r"^(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database")
SKIPPED = re.compile(r"^skipped \S+ : ")
# ERROR lines that only report test failures, which the final report counts.
TEST_REPORT_ERRORS = (
    re.compile(r"^(FAIL|ERROR): "),
    re.compile(r"^Module \S+: \d+ failures, \d+ errors of \d+ tests"),
    re.compile(r"^At least one test failed when loading the modules\."),
    re.compile(r"^\d+ failed, \d+ error\(s\) of \d+ tests when loading database"),
    re.compile(r"^Test suite halted: max failed tests already reached"),
    re.compile(r"^\S+: at least one error occurred in a test"),
)
SHOWN_LINES = 10


def read_records(path):
    """(level, logger, message, last line of a following traceback or "")."""
    record = None
    tail = ""
    with open(path, encoding="utf-8", errors="replace") as stream:
        for line in stream:
            line = line.rstrip("\n")
            match = RECORD.match(line)
            if match:
                if record:
                    yield (*record, tail)
                record, tail = (match["level"], match["logger"], match["message"].strip()), ""
            elif line and not line[0].isspace() and not line.startswith("Traceback"):
                tail = line.strip()
    if record:
        yield (*record, tail)


def main(path, exit_status):
    report = None
    skipped = 0
    errors = []
    warnings = []
    for level, logger, message, exception in read_records(path):
        if logger == "odoo.tests.result" and FINAL_REPORT.match(message):
            report = tuple(int(n) for n in FINAL_REPORT.match(message).groups())
        if SKIPPED.match(message):
            skipped += 1
        if level in ("ERROR", "CRITICAL"):
            if not any(pattern.match(message) for pattern in TEST_REPORT_ERRORS):
                errors.append(f"{level} {logger}: {message}" + (f" — {exception}" if exception else ""))
        elif level == "WARNING" and not FINAL_REPORT.match(message):
            warnings.append(f"{logger}: {message}")

    failed = passed = 0
    problems = []
    if report is None:
        problems.append("Odoo stopped before its final test report (did union_relief install? see the log)")
    else:
        failures, test_errors, run = report
        failed = failures + test_errors
        passed = max(run - failed - skipped, 0)
        if run == 0:
            problems.append(
                "no Odoo test ran (is there a tests/__init__.py importing the test files, and do --tags match?)"
            )
    if errors:
        problems.append(
            f"{len(errors)} ERROR/CRITICAL log line(s) outside the test reports, e.g. a module that fails to load:"
        )
        problems.extend(f"    {line[:300]}" for line in errors[:SHOWN_LINES])
    if exit_status != 0 and not failed and not problems:
        problems.append(f"odoo-bin exited with status {exit_status}")
    if warnings:
        print(f"  {len(warnings)} WARNING line(s) in the log (not failures), first ones:")
        for line in list(dict.fromkeys(warnings))[:SHOWN_LINES]:
            print(f"    {line[:300]}")
    if skipped:
        print(f"  {skipped} Odoo test(s) skipped (see 'skipped' lines in the log)")
    for problem in problems:
        print(f"  {problem}")
    if problems and not failed:
        failed = 1
    print(f"counts {passed} {failed} {skipped}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
