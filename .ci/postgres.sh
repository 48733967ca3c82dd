# Start a throw-away PostgreSQL server on loopback for the store tests.
#
#   source .ci/postgres.sh        # exports PRESSWATCH_TEST_PG_URL when a server is up
#
# Installs Debian's `postgresql` package when no server binaries are present (needs root and
# apt), creates a cluster under $PRESSWATCH_PGDATA (default /tmp/presswatch-pg) with trust
# authentication, listening on 127.0.0.1 only, port $PRESSWATCH_PGPORT (default 55432), and
# creates the database `presswatch_test`. fsync is off: the data is disposable.
# Sourced by .ci/run, so it never exits the caller's shell: on failure it prints why and returns
# non-zero with PRESSWATCH_TEST_PG_URL unset, and the PostgreSQL tests skip with that reason.

_presswatch_pg() {
    local pgdata="${PRESSWATCH_PGDATA:-/tmp/presswatch-pg}"
    local port="${PRESSWATCH_PGPORT:-55432}"
    local bindir
    bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$bindir" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "postgres.sh: installing Debian's postgresql package" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null 2>&1 \
            || { apt-get update -q >/dev/null 2>&1 \
                 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null 2>&1; }
        bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    fi
    if [ -z "$bindir" ]; then
        echo "postgres.sh: no PostgreSQL server binaries and cannot install them; PostgreSQL tests will skip" >&2
        return 1
    fi
    # initdb refuses to run as root: run the server as the `postgres` system user then.
    local as=()
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
        as=(runuser -u postgres --)
    fi
    if [ ! -s "$pgdata/PG_VERSION" ]; then
        mkdir -p "$pgdata" || { echo "postgres.sh: cannot create $pgdata" >&2; return 1; }
        if [ "$(id -u)" = 0 ]; then chown postgres "$pgdata"; fi
        "${as[@]}" "$bindir/initdb" -D "$pgdata" -U postgres -A trust -E UTF8 --no-sync >/dev/null \
            || { echo "postgres.sh: initdb failed" >&2; return 1; }
    fi
    if ! "${as[@]}" "$bindir/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
        "${as[@]}" "$bindir/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$pgdata -c fsync=off -c max_connections=100" \
            start >/dev/null \
            || { echo "postgres.sh: server did not start; see $pgdata/server.log" >&2; return 1; }
    fi
    "${as[@]}" "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = 'presswatch_test'" | grep -q 1 \
        || "${as[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres presswatch_test \
        || { echo "postgres.sh: createdb failed" >&2; return 1; }
    export PRESSWATCH_TEST_PG_URL="postgresql://postgres@127.0.0.1:$port/presswatch_test"
    echo "export PRESSWATCH_TEST_PG_URL=$PRESSWATCH_TEST_PG_URL"
}
_presswatch_pg
