#!/usr/bin/env bash
# The demo command: bash tools/demo.sh [--reset]
#
# Creates the database union_relief_demo (union_relief with demo data, Chinese
# installed and set for the admin user) unless it exists, updates union_relief in
# it when it does, and serves it on http://localhost:8069 until Ctrl-C, which
# stops Odoo and the private PostgreSQL cluster this script started.
# Odoo and PostgreSQL are found as in tools/lib.sh (ODOO_HOME, ODOO_PYTHON, PG*).
set -euo pipefail

# shellcheck source=tools/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DEMO_DB=union_relief_demo
HTTP_PORT=${UNION_RELIEF_HTTP_PORT:-8069}
LANGUAGE=zh_CN

reset=0
while (($#)); do
    case $1 in
    --reset) reset=1 ;;
    -h | --help)
        printf 'usage: bash tools/demo.sh [--reset]\n  --reset  drop %s and create it again\n' "$DEMO_DB"
        exit 0
        ;;
    *) ur_die "unknown option: $1 (usage: bash tools/demo.sh [--reset])" ;;
    esac
    shift
done

ur_find_odoo || ur_die "$UR_ODOO_PROBLEM"
ur_ensure_odoo_python_deps
[[ $(ur_free_port "$HTTP_PORT") == "$HTTP_PORT" ]] ||
    ur_die "port $HTTP_PORT is busy (another Odoo?); stop it or set UNION_RELIEF_HTTP_PORT"

main() {
    trap ur_pg_release EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    ur_pg_start
    ur_odoo_command

    if ((reset)) && ur_db_exists "$DEMO_DB"; then
        ur_say "dropping database $DEMO_DB (--reset)"
        ur_db_drop "$DEMO_DB"
    fi

    if ur_db_exists "$DEMO_DB" &&
        [[ $(ur_psql -d "$DEMO_DB" -c "SELECT state FROM ir_module_module WHERE name = '$UR_MODULE'" 2>/dev/null) == installed ]]; then
        ur_say "database $DEMO_DB exists: updating $UR_MODULE in it (bash tools/demo.sh --reset starts afresh)"
        serve_args=(-u "$UR_MODULE")
    else
        ur_say "creating database $DEMO_DB: $UR_MODULE with demo data and $LANGUAGE (log: .local/odoo-demo-install.log)"
        # --without-demo= (empty) overrides any config value: demo data is loaded.
        "${UR_ODOO_CMD[@]}" -d "$DEMO_DB" -i "$UR_MODULE" --without-demo= --load-language="$LANGUAGE" \
            --stop-after-init --no-http --workers=0 --max-cron-threads=0 \
            >"$UR_LOCAL/odoo-demo-install.log" 2>&1 ||
            ur_die "installing $UR_MODULE failed; see .local/odoo-demo-install.log"
        if grep -qE ' (ERROR|CRITICAL) ' "$UR_LOCAL/odoo-demo-install.log"; then
            grep -E ' (ERROR|CRITICAL) ' "$UR_LOCAL/odoo-demo-install.log" | head -n 5 >&2
            ur_die "installing $UR_MODULE logged errors; see .local/odoo-demo-install.log (bash tools/demo.sh --reset to retry)"
        fi
        # The admin user's language lives on its partner.
        ur_psql -d "$DEMO_DB" -c "UPDATE res_partner SET lang = '$LANGUAGE'
            WHERE id = (SELECT partner_id FROM res_users WHERE login = 'admin')"
        serve_args=()
    fi

    local stops=Odoo status=0
    ((UR_PG_PRIVATE == 0)) || stops="Odoo and the private PostgreSQL cluster"
    cat <<EOF

union_relief demo: http://localhost:$HTTP_PORT
  database $DEMO_DB, login admin, password admin (Odoo's defaults on a new database)
  Ctrl-C stops $stops

EOF
    "${UR_ODOO_CMD[@]}" -d "$DEMO_DB" "${serve_args[@]}" --db-filter="^$DEMO_DB\$" \
        --http-port "$HTTP_PORT" --workers=0 || status=$?
    # Odoo exits with 0 on Ctrl-C; 130/143 arrive when the signal hit this script.
    return "$status"
}

# One line, parsed before it runs: edits to this file during a run cannot derail it.
main; exit $?
