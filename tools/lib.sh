# shellcheck shell=bash disable=SC2034  # sets variables for the scripts sourcing it
# Shared by tools/test.sh and tools/demo.sh (sourced, never run): finding Odoo 18,
# finding or starting PostgreSQL, and the command line both scripts give odoo-bin.
#
# Settings (environment):
#   ODOO_HOME     Odoo 18 source folder holding odoo-bin and odoo/release.py
#                 (default /opt/odoo18)
#   ODOO_PYTHON   Python with Odoo's requirements (default $ODOO_HOME/venv/bin/python,
#                 else python3 when it can import odoo from ODOO_HOME)
#   PGHOST PGPORT PGUSER PGPASSWORD
#                 an existing PostgreSQL server; used when reachable, with user
#                 PGUSER (default odoo) and password PGPASSWORD (default odoo).
#                 Otherwise a private cluster runs in .local/pg/.
#   UNION_RELIEF_PG_PORT   first port tried for the private cluster (default 54329)
#   UNION_RELIEF_INSTALL=1 allow apt-get/pip installs of missing tools when root
#                          (also allowed when CI=true)

UR_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
UR_LOCAL=$UR_ROOT/.local
UR_MODULE=union_relief
UR_PG_DIR=$UR_LOCAL/pg

ur_say() { printf '%s\n' "$*"; }
ur_warn() { printf 'warning: %s\n' "$*" >&2; }
ur_die() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

# True when this run may install missing system tools itself.
ur_may_install() {
    [[ $EUID -eq 0 ]] || return 1
    [[ ${UNION_RELIEF_INSTALL:-} == 1 ]] && return 0
    case ${CI:-} in true | TRUE | True | 1) return 0 ;; esac
    return 1
}

ur_apt_install() {
    ur_say "installing $* with apt-get (root, CI=${CI:-} UNION_RELIEF_INSTALL=${UNION_RELIEF_INSTALL:-})"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

# Prints the first port from $1 on that nothing listens on.
ur_free_port() {
    python3 - "$1" <<'PY'
import socket
import sys

start = int(sys.argv[1])
for port in range(start, start + 200):
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("0.0.0.0", port))
        except OSError:
            continue
    print(port)
    sys.exit(0)
sys.exit("no free TCP port in %d-%d" % (start, start + 199))
PY
}

# ---------------------------------------------------------------- Odoo ------

# Sets ODOO_HOME, ODOO_PYTHON and UR_ODOO_SERIES ("18.0"); on failure returns 1
# with UR_ODOO_PROBLEM saying what is missing and how to provide it.
ur_find_odoo() {
    UR_ODOO_PROBLEM=
    local how="set ODOO_HOME to an Odoo 18.0 source folder and ODOO_PYTHON to its Python (default \$ODOO_HOME/venv/bin/python)"
    ODOO_HOME=${ODOO_HOME:-/opt/odoo18}
    if [[ ! -f $ODOO_HOME/odoo-bin || ! -f $ODOO_HOME/odoo/release.py ]]; then
        UR_ODOO_PROBLEM="no Odoo at ODOO_HOME=$ODOO_HOME (no odoo-bin or odoo/release.py); $how"
        return 1
    fi
    ODOO_HOME=$(cd "$ODOO_HOME" && pwd -P)

    local major minor
    read -r major minor < <(sed -nE 's/^version_info *= *\( *([0-9]+) *, *([0-9]+).*/\1 \2/p' \
        "$ODOO_HOME/odoo/release.py" | head -n 1) || true
    if [[ ${major:-} != 18 ]]; then
        UR_ODOO_PROBLEM="Odoo at $ODOO_HOME is version ${major:-?}.${minor:-?} according to odoo/release.py, not 18.x; $how"
        return 1
    fi
    UR_ODOO_SERIES=$major.$minor

    if [[ -n ${ODOO_PYTHON:-} ]]; then
        if ! command -v "$ODOO_PYTHON" >/dev/null; then
            UR_ODOO_PROBLEM="ODOO_PYTHON=$ODOO_PYTHON is not an executable; $how"
            return 1
        fi
    elif [[ -x $ODOO_HOME/venv/bin/python ]]; then
        ODOO_PYTHON=$ODOO_HOME/venv/bin/python
    else
        ODOO_PYTHON=$(command -v python3 || echo python3)
    fi
    local err
    if ! err=$(cd "$ODOO_HOME" && "$ODOO_PYTHON" -c 'import odoo, psycopg2' 2>&1); then
        UR_ODOO_PROBLEM="$ODOO_PYTHON cannot import Odoo from $ODOO_HOME ($(tail -n 1 <<<"$err")); install $ODOO_HOME/requirements.txt into a virtualenv $ODOO_HOME/venv, or $how"
        return 1
    fi
    return 0
}

# Odoo refuses to install a module when its Python lacks one of the manifest's
# external_dependencies["python"] (PyPI names, maybe with a version). Fills a
# virtualenv with pip; a system Python is left alone, with a clear message.
ur_ensure_odoo_python_deps() {
    local missing=()
    mapfile -t missing < <("$ODOO_PYTHON" - "$UR_ROOT/__manifest__.py" <<'PY'
import ast
import importlib.metadata
import re
import sys

manifest = ast.literal_eval(open(sys.argv[1], encoding="utf-8").read())
for spec in manifest.get("external_dependencies", {}).get("python", []):
    name = re.match(r"[A-Za-z0-9._-]+", spec).group(0)
    try:
        version = importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        print(spec)
        continue
    try:
        from packaging.requirements import Requirement
    except ImportError:
        continue
    if not Requirement(spec).specifier.contains(version, prereleases=True):
        print(spec)
PY
    )
    ((${#missing[@]})) || return 0
    if "$ODOO_PYTHON" -c 'import sys; sys.exit(sys.prefix == sys.base_prefix)'; then
        ur_say "installing the manifest's external dependencies ${missing[*]} into Odoo's virtualenv ($ODOO_PYTHON)"
        mkdir -p "$UR_LOCAL"
        "$ODOO_PYTHON" -m pip install -q --disable-pip-version-check "${missing[@]}" >"$UR_LOCAL/pip-odoo.log" 2>&1 ||
            ur_die "pip install ${missing[*]} failed; see .local/pip-odoo.log"
    else
        ur_die "$ODOO_PYTHON lacks the manifest's external dependencies ${missing[*]}: $ODOO_PYTHON -m pip install ${missing[*]}"
    fi
}

# The add-on must be importable as "union_relief" whatever this clone's folder is
# called, so Odoo gets .local/addons/union_relief -> repository root.
ur_addons_path() {
    local link=$UR_LOCAL/addons/$UR_MODULE
    mkdir -p "$UR_LOCAL/addons"
    if [[ -e $link && ! -L $link ]]; then
        ur_die "$link exists and is not a symlink; remove it so it can point at $UR_ROOT"
    fi
    [[ $(readlink "$link" 2>/dev/null) == "$UR_ROOT" ]] || ln -sfn "$UR_ROOT" "$link"
    printf '%s' "$ODOO_HOME/addons,$ODOO_HOME/odoo/addons,$UR_LOCAL/addons"
}

# Fills the array UR_ODOO_CMD with python, odoo-bin and the options both scripts
# share: an empty config file (so ~/.odoorc cannot leak in), addons path, data
# dir, database connection.
ur_odoo_command() {
    mkdir -p "$UR_LOCAL/odoo-data"
    [[ -f $UR_LOCAL/odoo.conf ]] ||
        printf '; written by tools/lib.sh: keeps ~/.odoorc out of test and demo runs\n[options]\n' \
            >"$UR_LOCAL/odoo.conf"
    local addons_path
    addons_path=$(ur_addons_path)
    UR_ODOO_CMD=("$ODOO_PYTHON" "$ODOO_HOME/odoo-bin" -c "$UR_LOCAL/odoo.conf"
        --addons-path="$addons_path" --data-dir="$UR_LOCAL/odoo-data"
        --db_user "$UR_DB_USER" --db_password "$UR_DB_PASSWORD")
    [[ -z $UR_DB_HOST ]] || UR_ODOO_CMD+=(--db_host "$UR_DB_HOST")
    [[ -z $UR_DB_PORT ]] || UR_ODOO_CMD+=(--db_port "$UR_DB_PORT")
}

# ----------------------------------------------------------- PostgreSQL ------

# Directory of the newest PostgreSQL server binaries (initdb, pg_ctl, psql).
ur_pg_bindir() {
    local dir
    dir=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
    [[ -n $dir && -x $dir/initdb && -x $dir/pg_ctl ]] && printf '%s' "$dir"
}

ur_psql() {
    local env_args=(PGUSER="$UR_DB_USER" PGPASSWORD="$UR_DB_PASSWORD" PGDATABASE=postgres
        PGOPTIONS="-c client_min_messages=warning")
    [[ -z $UR_DB_HOST ]] || env_args+=(PGHOST="$UR_DB_HOST")
    [[ -z $UR_DB_PORT ]] || env_args+=(PGPORT="$UR_DB_PORT")
    env "${env_args[@]}" "$UR_PSQL" -X -q -t -A -v ON_ERROR_STOP=1 "$@"
}

ur_db_exists() {
    [[ $(ur_psql -c "SELECT 1 FROM pg_database WHERE datname = '$1'") == 1 ]]
}

# Drops database $1 (closing its connections) and its filestore.
ur_db_drop() {
    ur_psql -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)"
    rm -rf "${UR_LOCAL:?}/odoo-data/filestore/$1"
}

# Runs a command as the owner of the private cluster: postgres when we are root
# (initdb and postgres refuse root), else ourselves. The lock files' descriptors
# are closed so that a long-lived postmaster never holds them.
ur_as_pg_owner() {
    local cmd=(env -u PGHOST -u PGPORT -u PGUSER -u PGPASSWORD -u PGDATABASE "$@")
    if [[ $EUID -eq 0 ]]; then
        cmd=(runuser -u postgres -- "${cmd[@]}")
    fi
    (
        cd "$UR_PG_DIR" || exit
        [[ -z ${UR_PG_USE_FD:-} ]] || exec {UR_PG_USE_FD}>&-
        [[ -z ${UR_PG_START_FD:-} ]] || exec {UR_PG_START_FD}>&-
        exec "${cmd[@]}"
    )
}

# Root runs the cluster as the postgres user, who must be able to reach
# .local/pg/ through every parent folder (CI clones under /work or /tmp).
ur_pg_make_reachable() {
    [[ $EUID -eq 0 ]] || return 0
    id postgres >/dev/null 2>&1 || ur_die "running as root needs the OS user 'postgres' for the private PostgreSQL cluster (it comes with Debian's postgresql package)"
    local dir=$UR_PG_DIR/data
    while [[ $dir != / ]]; do
        dir=$(dirname "$dir")
        if ! runuser -u postgres -- test -x "$dir"; then
            chmod o+x "$dir"
            ur_say "made $dir traversable (o+x) for the postgres user"
        fi
    done
}

# Starts (or joins) the private cluster in .local/pg/. Every run holds a shared
# lock on .local/pg/users.lock while it uses the cluster; ur_pg_release stops the
# cluster only when no other run holds it and a tools run started it.
ur_pg_private_start() {
    local bindir
    bindir=$(ur_pg_bindir) || true
    if [[ -z $bindir ]]; then
        if ur_may_install; then
            ur_apt_install postgresql
            bindir=$(ur_pg_bindir) || true
        fi
        [[ -n $bindir ]] || ur_die "no reachable PostgreSQL server and no initdb/pg_ctl under /usr/lib/postgresql/*/bin to start a private one. Either point PGHOST/PGPORT/PGUSER/PGPASSWORD at a server (user with CREATEDB, not 'postgres'), or install PostgreSQL (apt-get install postgresql; as root, UNION_RELIEF_INSTALL=1 or CI=true lets this script do it)"
    fi
    UR_PSQL=$bindir/psql
    mkdir -p "$UR_PG_DIR"
    exec {UR_PG_USE_FD}>>"$UR_PG_DIR/users.lock"
    flock -s "$UR_PG_USE_FD"
    exec {UR_PG_START_FD}>>"$UR_PG_DIR/start.lock"
    flock -w 300 -x "$UR_PG_START_FD" || ur_die "another run has been starting the private PostgreSQL for 5 minutes; see $UR_PG_DIR/log/postgresql.log"

    local data=$UR_PG_DIR/data sock=$UR_PG_DIR/run port
    # A Unix socket path must stay under 108 bytes.
    if ((${#sock} > 80)); then
        sock=/tmp/union_relief-pg-$(printf '%s' "$UR_ROOT" | cksum | cut -d ' ' -f 1)
    fi
    mkdir -p "$data" "$sock" "$UR_PG_DIR/log"
    if [[ $EUID -eq 0 ]]; then
        chown postgres: "$data" "$sock" "$UR_PG_DIR/log"
    fi
    chmod 700 "$data"
    ur_pg_make_reachable

    if ur_as_pg_owner "$bindir/pg_ctl" status -D "$data" >/dev/null 2>&1; then
        port=$(sed -n 4p "$data/postmaster.pid")
        ur_say "PostgreSQL: private cluster already running ($data, port $port)"
    else
        if [[ -f $data/PG_VERSION && $(cat "$data/PG_VERSION") != $(basename "$(dirname "$bindir")") ]]; then
            ur_say "PostgreSQL: $data was made by version $(cat "$data/PG_VERSION"); making a new cluster"
            find "$data" -mindepth 1 -delete
        fi
        if [[ ! -f $data/PG_VERSION ]]; then
            ur_say "PostgreSQL: creating a private cluster in $data"
            ur_as_pg_owner "$bindir/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C --no-sync \
                >"$UR_PG_DIR/log/initdb.log" 2>&1 ||
                ur_die "initdb failed; see $UR_PG_DIR/log/initdb.log"
        fi
        port=$(ur_free_port "${UNION_RELIEF_PG_PORT:-54329}")
        ur_as_pg_owner "$bindir/pg_ctl" start -D "$data" -w -t 60 -l "$UR_PG_DIR/log/postgresql.log" \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            >/dev/null ||
            ur_die "the private PostgreSQL did not start; see $UR_PG_DIR/log/postgresql.log"
        : >"$UR_PG_DIR/started-by-tools"
        ur_say "PostgreSQL: started the private cluster on 127.0.0.1:$port ($data)"
    fi
    UR_DB_HOST=127.0.0.1 UR_DB_PORT=$port UR_DB_USER=postgres UR_DB_PASSWORD=''
    # Odoo refuses to connect as "postgres".
    if [[ -z $(ur_psql -c "SELECT 1 FROM pg_roles WHERE rolname = 'odoo'") ]]; then
        ur_psql -c "CREATE ROLE odoo LOGIN SUPERUSER PASSWORD 'odoo'"
    fi
    UR_DB_USER=odoo UR_DB_PASSWORD=odoo
    exec {UR_PG_START_FD}>&-
    UR_PG_START_FD=
    UR_PG_PRIVATE=1
}

# Sets UR_DB_HOST UR_DB_PORT UR_DB_USER UR_DB_PASSWORD UR_PSQL: the server named by
# PG* variables when it answers, else the private cluster.
ur_pg_start() {
    UR_PG_PRIVATE=0 UR_PG_USE_FD='' UR_PG_START_FD=''
    if [[ -n ${PGHOST:-}${PGPORT:-} ]]; then
        local bindir isready
        bindir=$(ur_pg_bindir) || true
        UR_PSQL=$(command -v psql || printf '%s' "${bindir:+$bindir/psql}")
        isready=$(command -v pg_isready || printf '%s' "${bindir:+$bindir/pg_isready}")
        [[ -n $UR_PSQL && -n $isready ]] ||
            ur_die "PGHOST/PGPORT are set but the PostgreSQL client (psql, pg_isready) is missing: apt-get install postgresql-client"
        if "$isready" -q; then
            UR_DB_HOST=${PGHOST:-} UR_DB_PORT=${PGPORT:-}
            UR_DB_USER=${PGUSER:-odoo} UR_DB_PASSWORD=${PGPASSWORD:-odoo}
            local err
            err=$(ur_psql -c 'SELECT 1' 2>&1) ||
                ur_die "PostgreSQL at ${PGHOST:-<socket>}:${PGPORT:-5432} refused user $UR_DB_USER: $err (set PGUSER/PGPASSWORD to a role with CREATEDB, not 'postgres')"
            ur_say "PostgreSQL: using ${PGHOST:-<socket>}:${PGPORT:-5432} as $UR_DB_USER (from PGHOST/PGPORT)"
            return 0
        fi
        ur_say "PostgreSQL: nothing answers at PGHOST=${PGHOST:-} PGPORT=${PGPORT:-}; using a private cluster instead"
    fi
    ur_pg_private_start
}

# Stops the private cluster when a tools run started it and no other run still
# uses it. Safe to call more than once, and when nothing was started.
ur_pg_release() {
    [[ -n ${UR_PG_USE_FD:-} ]] || return 0
    if flock -n -x "$UR_PG_USE_FD"; then
        if [[ -f $UR_PG_DIR/started-by-tools ]]; then
            local bindir
            bindir=$(ur_pg_bindir)
            if ur_as_pg_owner "$bindir/pg_ctl" stop -D "$UR_PG_DIR/data" -m fast -w >/dev/null 2>&1; then
                ur_say "PostgreSQL: stopped the private cluster"
            else
                ur_warn "could not stop the private PostgreSQL cluster in $UR_PG_DIR/data"
            fi
            rm -f "$UR_PG_DIR/started-by-tools"
        fi
    else
        ur_say "PostgreSQL: private cluster left running for another tools/test.sh or tools/demo.sh run"
    fi
    exec {UR_PG_USE_FD}>&-
    UR_PG_USE_FD=
}
