#!/usr/bin/env bash
# The test command: bash tools/test.sh [--layer1 | --layer2] [--tags TAGS] [--keep-db]
#
# Layer 1 (always possible): pytest of the pure-Python core (union_relief/tests/),
# pre-commit's hooks (.pre-commit-config.yaml: OCA's Odoo checks, pylint-odoo, ruff,
# tools/check_static.py) and the wheel; in a virtualenv .venv/.
# Layer 2 (when Odoo 18 is found, see tools/lib.sh): installs union_relief with its
# demo data in a throwaway database and runs its Odoo tests, tours included.
# The last line is "N passed, N failed" over pytest and the Odoo tests, a failed
# pre-commit hook or wheel check counting as one failure; the exit status is 0
# only when everything passed.
set -euo pipefail

# shellcheck source=tools/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<'EOF'
usage: bash tools/test.sh [--layer1 | --layer2] [--tags TAGS] [--keep-db]
  --layer1     only pytest, the pre-commit hooks and the wheel
  --layer2     only the Odoo tests
  --tags TAGS  Odoo --test-tags (default /union_relief), e.g. /union_relief:TestHardshipFile
  --keep-db    keep the test database (its name is printed) instead of dropping it
Environment: ODOO_HOME, ODOO_PYTHON, PGHOST/PGPORT/PGUSER/PGPASSWORD (see tools/lib.sh).
EOF
}

run_layer1=1 run_layer2=1 test_tags=/union_relief keep_db=0
while (($#)); do
    case $1 in
    --layer1) run_layer2=0 ;;
    --layer2) run_layer1=0 ;;
    --tags)
        [[ $# -ge 2 ]] || ur_die "--tags needs a value, e.g. --tags /union_relief"
        test_tags=$2
        shift
        ;;
    --tags=*) test_tags=${1#--tags=} ;;
    --keep-db) keep_db=1 ;;
    -h | --help)
        usage
        exit 0
        ;;
    *)
        usage >&2
        ur_die "unknown option: $1"
        ;;
    esac
    shift
done
((run_layer1 || run_layer2)) || ur_die "--layer1 and --layer2 exclude each other; give neither to run both"

cd "$UR_ROOT"
mkdir -p "$UR_LOCAL"
VENV=$UR_ROOT/.venv
REQUIREMENTS=$UR_ROOT/tools/requirements-test.txt

failed_any=0
total_passed=0 total_failed=0
layer1_line="layer 1: SKIPPED (--layer2 given)"
layer2_line="layer 2: SKIPPED (--layer1 given)"
test_db=
odoo_log_tmp=
current_layer=

summary_printed=0

# Drops the test database and releases PostgreSQL (stopping a private cluster
# this run started); safe to call twice.
finish() {
    if [[ -n $test_db && -n ${UR_PSQL:-} ]]; then
        if ((keep_db)) && ((UR_PG_PRIVATE)); then
            ur_say "kept database $test_db (--keep-db) in the private cluster .local/pg/, which the next tools/test.sh or tools/demo.sh starts again"
        elif ((keep_db)); then
            ur_say "kept database $test_db (--keep-db) on ${UR_DB_HOST:-<socket>}:${UR_DB_PORT:-5432}"
        else
            ur_db_drop "$test_db" >/dev/null 2>&1 || ur_warn "could not drop database $test_db"
        fi
    fi
    test_db=
    [[ -z $odoo_log_tmp ]] || mv -f "$odoo_log_tmp" "$UR_LOCAL/odoo-test.log"
    odoo_log_tmp=
    ur_pg_release
}

print_summary() {
    summary_printed=1
    printf '\n%s\n%s\n%s passed, %s failed\n' "$layer1_line" "$layer2_line" "$total_passed" "$total_failed"
}

# On an early stop (an error above, Ctrl-C) the summary still ends the output.
# shellcheck disable=SC2329  # run by the EXIT trap
on_exit() {
    local status=$?
    finish
    if ((!summary_printed)) && [[ -n $current_layer ]]; then
        printf -v "layer${current_layer}_line" 'layer %s: FAILED — stopped early, see the messages above' "$current_layer"
        total_failed=$((total_failed + 1))
        print_summary
    fi
    exit "$status"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

section() { printf '\n== %s\n' "$*"; }

# ------------------------------------------------------------- layer 1 ------

ensure_venv() {
    local python=
    for candidate in python3.11 python3; do
        if command -v "$candidate" >/dev/null &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 10))'; then
            python=$candidate
            break
        fi
    done
    [[ -n $python ]] || ur_die "layer 1 needs Python 3.11 (python3.11 or python3 >= 3.10 on PATH)"
    if [[ ! -x $VENV/bin/python ]] || ! "$VENV/bin/python" -c 'import sys' 2>/dev/null; then
        ur_say "creating virtualenv .venv with $($python --version)"
        rm -rf "$VENV"
        "$python" -m venv "$VENV"
    fi
    # The stamp holds the requirements the venv was last filled from.
    if ! cmp -s "$REQUIREMENTS" "$VENV/.union_relief-requirements"; then
        ur_say "installing $(grep -cv '^#' "$REQUIREMENTS") test tools into .venv (log: .local/pip.log)"
        if ! "$VENV/bin/python" -m pip install --disable-pip-version-check -r "$REQUIREMENTS" \
            >"$UR_LOCAL/pip.log" 2>&1; then
            grep -v "is ignored: it is neither a file nor a directory" "$UR_LOCAL/pip.log" | tail -n 20 >&2
            ur_die "pip install -r tools/requirements-test.txt failed; full log in .local/pip.log"
        fi
        cp "$REQUIREMENTS" "$VENV/.union_relief-requirements"
    fi
}

# A Python 3.10 (Odoo 18's floor) to run the core's tests on as well; empty if none.
find_floor_python() {
    local candidate
    for candidate in ${UNION_RELIEF_PYTHON_FLOOR:-} python3.10 /root/.pyenv/versions/3.10.*/bin/python3.10 \
        /usr/local/bin/python3.10 /usr/bin/python3.10; do
        if [[ -x $candidate ]] || command -v "$candidate" >/dev/null 2>&1; then
            if "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
                printf '%s' "$candidate"
                return 0
            fi
        fi
    done
    return 1
}

# The core again on Python 3.10 in .local/venv310 (pytest and the core's own
# dependencies only). Adds to pytest_passed/pytest_failed; sets floor_summary.
run_pytest_floor() {
    section "layer 1: pytest on Odoo 18's Python floor (3.10)"
    local python venv=$UR_LOCAL/venv310
    floor_summary="Python 3.10 not found, the floor was not checked"
    if ! python=$(find_floor_python); then
        ur_say "$floor_summary (set UNION_RELIEF_PYTHON_FLOOR to a python3.10 to check it)"
        return 0
    fi
    if [[ ! -x $venv/bin/pytest ]]; then
        rm -rf "$venv"
        "$python" -m venv "$venv" && "$venv/bin/python" -m pip install -q --disable-pip-version-check \
            pytest python-stdnum cn2an >"$UR_LOCAL/pip310.log" 2>&1 || {
            floor_summary="could not prepare a Python 3.10 venv (see .local/pip310.log), the floor was not checked"
            ur_say "$floor_summary"
            return 0
        }
    fi
    local before_passed=$pytest_passed before_failed=$pytest_failed
    run_pytest "$venv"
    floor_summary="$((pytest_passed - before_passed)) passed, $((pytest_failed - before_failed)) failed on $("$venv/bin/python" --version 2>&1)"
}

# Runs the core's tests with the venv $1 (default .venv); adds to pytest_passed and pytest_failed.
run_pytest() {
    local venv=${1:-$VENV} version
    version=$("$venv/bin/python" --version 2>&1)
    section "layer 1: pytest (union_relief/tests) on $version"
    local passed_before=${pytest_passed:-0} failed_before=${pytest_failed:-0}
    pytest_passed=0 pytest_failed=0
    if [[ ! -d union_relief/tests ]]; then
        ur_say "pytest: FAILED — union_relief/tests/ does not exist"
        pytest_failed=1
        return
    fi
    local junit=$UR_LOCAL/pytest-junit.$$.xml status=0
    (cd union_relief/tests && "$venv/bin/pytest" -q -p no:cacheprovider --junitxml="$junit") || status=$?
    if [[ -f $junit ]]; then
        read -r pytest_passed pytest_failed < <("$venv/bin/python" - "$junit" <<'PY'
import sys
import xml.etree.ElementTree as ET

suites = ET.parse(sys.argv[1]).getroot().iter("testsuite")
tests = failed = skipped = 0
for suite in suites:
    tests += int(suite.get("tests", 0))
    failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    skipped += int(suite.get("skipped", 0))
print(tests - failed - skipped, failed)
PY
        )
        rm -f "$junit"
    fi
    case $status in
    0 | 1) ;;
    5)
        ur_say "pytest: FAILED — no tests collected in union_relief/tests (pytest exit 5); the pure-Python core must have tests"
        pytest_failed=$((pytest_failed > 0 ? pytest_failed : 1))
        ;;
    *)
        ur_say "pytest: FAILED — pytest stopped with exit status $status (interrupted, internal or usage error)"
        pytest_failed=$((pytest_failed > 0 ? pytest_failed : 1))
        ;;
    esac
    ur_say "pytest on $version: $pytest_passed passed, $pytest_failed failed"
    pytest_passed=$((passed_before + pytest_passed))
    pytest_failed=$((failed_before + pytest_failed))
}

# The hooks of .pre-commit-config.yaml on every file git tracks: OCA's Odoo checks,
# pylint-odoo, ruff, pre-commit-hooks' file checks and tools/check_static.py. The
# hooks are local ones running the tools of .venv/ (CI reaches no hook repository
# on GitHub); fixing hooks (trailing whitespace, final newline) fix the files they
# fail on. Sets precommit_summary and precommit_failed (hooks that failed, 1 when
# pre-commit could not run); returns 1 on any failure.
run_precommit() {
    section "layer 1: pre-commit run --all-files (.pre-commit-config.yaml)"
    precommit_failed=1
    if ! git -C "$UR_ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        precommit_summary="pre-commit NOT RUN: not a git checkout (pre-commit checks the files git tracks: run it in a clone)"
        ur_say "$precommit_summary"
        return 1
    fi
    local output status=0 passed failed
    output=$(PATH="$VENV/bin:$PATH" PRE_COMMIT_HOME="$UR_LOCAL/pre-commit" \
        "$VENV/bin/pre-commit" run --all-files --show-diff-on-failure --color=never 2>&1) || status=$?
    printf '%s\n' "$output"
    passed=$(grep -cE '\.{3,}(\(no files to check\))?(Passed|Skipped)$' <<<"$output" || true)
    failed=$(grep -E '\.{3,}Failed$' <<<"$output" | sed -E 's/\.{3,}Failed$//' | paste -sd ',' - | sed 's/,/, /g')
    if ((status == 0)); then
        precommit_failed=0
        precommit_summary="pre-commit ok ($passed hooks)"
    elif [[ -n $failed ]]; then
        precommit_failed=$(grep -cE '\.{3,}Failed$' <<<"$output")
        precommit_summary="pre-commit FAILED: $failed"
        ur_say "$precommit_summary"
        return 1
    else
        precommit_summary="pre-commit could not run (exit $status, see above)"
        ur_say "$precommit_summary"
        return 1
    fi
    ur_say "pre-commit: $passed hooks passed"
}

# Sets wheel_summary; returns 1 when the wheel cannot be built or lacks files.
run_wheel() {
    section "layer 1: the wheel (pyproject.toml, whool; tools/check_wheel.py)"
    local output status=0
    output=$("$VENV/bin/python" tools/check_wheel.py "$UR_LOCAL/wheel" 2>&1) || status=$?
    printf '%s\n' "$output"
    wheel_summary=$(grep -m1 '^wheel: ' <<<"$output" || echo "wheel: could not run")
    wheel_summary=${wheel_summary%% (*}
    return $((status != 0))
}

layer1() {
    local t0=$SECONDS
    section "layer 1: preparing .venv"
    ensure_venv
    pytest_passed=0 pytest_failed=0
    run_pytest
    local main_summary="$pytest_passed passed, $pytest_failed failed on $("$VENV/bin/python" --version 2>&1)"
    run_pytest_floor
    # a failed hook, like a wheel lacking files, counts as one failure in the totals
    local checks_failed=0
    run_precommit || checks_failed=$((checks_failed + precommit_failed))
    run_wheel || checks_failed=$((checks_failed + 1))
    ((pytest_failed == 0 && checks_failed == 0)) || failed_any=1
    total_passed=$((total_passed + pytest_passed))
    total_failed=$((total_failed + pytest_failed + checks_failed))
    layer1_line="layer 1: pytest $main_summary, $floor_summary; $precommit_summary; $wheel_summary"
    ur_say "layer 1 took $((SECONDS - t0)) s"
}

# ------------------------------------------------------------- layer 2 ------

# Browser tours need Chrome or Chromium (found on PATH by Odoo's
# odoo.tests.common._find_executable) and the websocket-client module in Odoo's
# Python; without them Odoo skips HttpCase browser tests. Odoo starts Chrome
# headless with --no-sandbox, so running as root works.
ensure_browser() {
    if ! command -v chromium >/dev/null && ! command -v google-chrome >/dev/null &&
        ! command -v chromium-browser >/dev/null && ! command -v google-chrome-stable >/dev/null; then
        if ur_may_install; then
            ur_apt_install chromium
        else
            ur_warn "no chromium or google-chrome on PATH: browser tours will be skipped (apt-get install chromium; as root, UNION_RELIEF_INSTALL=1 or CI=true lets this script do it)"
        fi
    fi
    if ! "$ODOO_PYTHON" -c 'import websocket' 2>/dev/null; then
        if ur_may_install && "$ODOO_PYTHON" -c 'import sys; sys.exit(sys.prefix == sys.base_prefix)'; then
            ur_say "installing websocket-client into Odoo's virtualenv ($ODOO_PYTHON)"
            "$ODOO_PYTHON" -m pip install -q --disable-pip-version-check websocket-client >"$UR_LOCAL/pip-odoo.log" 2>&1 ||
                ur_die "pip install websocket-client failed; see .local/pip-odoo.log"
        else
            ur_warn "$ODOO_PYTHON lacks the websocket-client module: browser tours will be skipped ($ODOO_PYTHON -m pip install websocket-client, or UNION_RELIEF_INSTALL=1 as root)"
        fi
    fi
}

layer2() {
    local t0=$SECONDS
    section "layer 2: Odoo tests"
    if ! ur_find_odoo; then
        ur_say "layer 2 skipped: $UR_ODOO_PROBLEM"
        layer2_line="layer 2: SKIPPED — $UR_ODOO_PROBLEM"
        return 0
    fi
    ur_say "Odoo $UR_ODOO_SERIES at $ODOO_HOME, Python $ODOO_PYTHON"
    ensure_browser
    ur_ensure_odoo_python_deps
    ur_pg_start
    ur_odoo_command

    test_db=union_relief_test_$$
    ur_db_drop "$test_db"
    local http_port log=$UR_LOCAL/odoo-test.log status=0
    http_port=$(ur_free_port "${UNION_RELIEF_TEST_HTTP_PORT:-8079}")
    odoo_log_tmp=$UR_LOCAL/odoo-test.$$.log
    ur_say "installing $UR_MODULE with demo data into database $test_db and running --test-tags $test_tags"
    ur_say "(full log: .local/odoo-test.log; progress, test names and errors follow)"
    set +e
    # --without-demo= (empty) overrides any config value: demo data is loaded.
    "${UR_ODOO_CMD[@]}" -d "$test_db" -i "$UR_MODULE" --without-demo= \
        --test-enable --test-tags "$test_tags" --stop-after-init \
        --http-interface=127.0.0.1 --http-port "$http_port" --workers=0 --max-cron-threads=0 \
        --log-level=test 2>&1 | tee "$odoo_log_tmp" |
        grep --line-buffered -E " (ERROR|CRITICAL) |odoo\.addons\.$UR_MODULE\.tests\.[a-z_0-9]+: (Starting |skipped )|odoo\.tests\.(result|stats)|odoo\.modules\.loading: [0-9]+ modules loaded|Starting post tests" |
        sed -u -E 's/^[0-9-]+ ([0-9:]+),[0-9]+ [0-9]+ ([A-Z]+) [^ ]+ /  \1 \2 /'
    status=${PIPESTATUS[0]}
    set -e
    mv -f "$odoo_log_tmp" "$log"
    odoo_log_tmp=

    local result passed failed _skipped
    result=$(python3 "$UR_ROOT/tools/odoo_test_log.py" "$log" "$status")
    sed '$d' <<<"$result"
    read -r _ passed failed _skipped <<<"$(tail -n 1 <<<"$result")"
    ((failed == 0)) || failed_any=1
    total_passed=$((total_passed + passed))
    total_failed=$((total_failed + failed))
    layer2_line="layer 2: $passed passed, $failed failed (Odoo $UR_ODOO_SERIES at $ODOO_HOME, $((SECONDS - t0)) s)"
    ur_say "layer 2 took $((SECONDS - t0)) s"
}

main() {
    if ((run_layer1)); then
        current_layer=1
        layer1
    fi
    if ((run_layer2)); then
        current_layer=2
        layer2
    fi
    current_layer=

    # Drop the database and stop a private cluster first: the summary ends the output.
    finish
    print_summary
    ((failed_any == 0 && total_failed == 0))
}

# One line, parsed before it runs: edits to this file during a run cannot derail it.
main; exit $?
