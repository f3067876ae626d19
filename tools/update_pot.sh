#!/usr/bin/env bash
# Exports i18n/union_relief.pot from Odoo: bash tools/update_pot.sh
#
# Installs union_relief with demo data (demo records carry translatable names)
# in a scratch database, exports the template and drops the database. Odoo's
# export loops forever when the add-on is reached through the
# .local/addons/union_relief symlink, so it reads a plain copy of the add-on.
# Then update i18n/zh_CN.po from the new template (e.g. Poedit, or
# msgmerge --update i18n/zh_CN.po i18n/union_relief.pot) and translate what is new.
# Odoo and PostgreSQL are found as in tools/lib.sh (ODOO_HOME, ODOO_PYTHON, PG*).
set -euo pipefail

# shellcheck source=tools/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

POT_DB=union_relief_pot
POT_COPY=""

ur_find_odoo || ur_die "$UR_ODOO_PROBLEM"
ur_ensure_odoo_python_deps

main() {
    POT_COPY=$(mktemp -d)
    trap 'ur_db_drop "$POT_DB" 2>/dev/null || true; rm -rf "$POT_COPY"; ur_pg_release' EXIT
    ur_pg_start
    ur_odoo_command
    mkdir -p "$POT_COPY/$UR_MODULE"
    # the working tree as it is: files not committed yet included, deleted ones left out
    git -C "$UR_ROOT" ls-files -z --cached --others --exclude-standard |
        (cd "$UR_ROOT" && while IFS= read -r -d '' file; do
            if [[ -f $file ]]; then printf '%s\0' "$file"; fi
        done | xargs -0 tar -cf - --) | tar -xf - -C "$POT_COPY/$UR_MODULE"
    # same command, the plain copy instead of the symlink in the addons path
    local cmd=("${UR_ODOO_CMD[@]/#--addons-path=*/--addons-path=$ODOO_HOME/addons,$ODOO_HOME/odoo/addons,$POT_COPY}")
    ur_db_drop "$POT_DB"
    ur_say "installing $UR_MODULE with demo data in $POT_DB (log: .local/odoo-pot.log)"
    "${cmd[@]}" -d "$POT_DB" -i "$UR_MODULE" --without-demo= --stop-after-init --no-http \
        --workers=0 --max-cron-threads=0 >"$UR_LOCAL/odoo-pot.log" 2>&1 ||
        ur_die "installing $UR_MODULE failed; see .local/odoo-pot.log"
    "${cmd[@]}" -d "$POT_DB" --i18n-export="$UR_ROOT/i18n/$UR_MODULE.pot" --modules="$UR_MODULE" \
        --stop-after-init --no-http >>"$UR_LOCAL/odoo-pot.log" 2>&1 ||
        ur_die "exporting the template failed; see .local/odoo-pot.log"
    ur_say "wrote i18n/$UR_MODULE.pot ($(grep -c '^msgid ' "$UR_ROOT/i18n/$UR_MODULE.pot") entries, header included)"
}

main
