# A throwaway PostgreSQL for CI and the benchmark: `source scripts/postgres.sh`, then
#
#     postgres_start PORT        # installs PostgreSQL with apt-get when missing (as root),
#                                # starts a server on 127.0.0.1:PORT in a temporary directory
#     postgres_createdb NAME     # a database on it
#     postgres_stop              # stops it and removes the directory (call it from a trap)
#
# Sets PG_BIN (Debian's binaries), PG_DIR (the temporary directory) and PG_PORT.
# PostgreSQL refuses to run as root: as root, the server runs as the `postgres` user.
# Durability is off (fsync, synchronous_commit, full_page_writes): the data is thrown away.

# Debian's PostgreSQL binaries, newest version first. (/usr/local/bin/pg_ctl and initdb
# may be unrelated wrappers, so PATH is not used.)
pg_bindir() {
    local dir
    for dir in $(compgen -G '/usr/lib/postgresql/*/bin' | sort -rV); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/createdb" ]; then
            printf '%s\n' "$dir"
            return 0
        fi
    done
    return 1
}

postgres_install() {
    if PG_BIN=$(pg_bindir); then
        return 0
    fi
    if [ "$(id -u)" -ne 0 ]; then
        echo "error: PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin;" \
             "install them: sudo apt-get install postgresql" >&2
        return 1
    fi
    echo "installing PostgreSQL with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql
    PG_BIN=$(pg_bindir) || {
        echo "error: PostgreSQL was installed but no /usr/lib/postgresql/*/bin/initdb found" >&2
        return 1
    }
}

as_pg() {
    if [ "$(id -u)" -eq 0 ]; then
        # (run from the data's parent directory: the checkout may not be readable by postgres)
        (cd "$PG_DIR" && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

# postgres_start PORT [extra server options...]
postgres_start() {
    PG_PORT=$1
    shift
    postgres_install || return 1
    echo "using $PG_BIN"
    if [ "$(id -u)" -eq 0 ] && ! id -u postgres >/dev/null 2>&1; then
        echo "error: the 'postgres' system user does not exist (it comes with Debian's" \
             "postgresql-common package)" >&2
        return 1
    fi
    PG_DIR=$(mktemp -d -t kvalitet-pg.XXXXXX)
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres: "$PG_DIR"
    fi
    chmod 700 "$PG_DIR"
    as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres \
        --encoding=UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 || {
        cat "$PG_DIR/initdb.log" >&2
        return 1
    }
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" \
        -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off $*" \
        -w start >/dev/null || {
        cat "$PG_DIR/server.log" >&2
        return 1
    }
}

postgres_createdb() {
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$1"
}

postgres_stop() {
    if [ -n "${PG_DIR:-}" ] && [ -f "$PG_DIR/data/postmaster.pid" ]; then
        as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    if [ -n "${PG_DIR:-}" ]; then
        rm -rf "$PG_DIR"
    fi
}
