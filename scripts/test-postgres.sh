#!/bin/sh
# A private PostgreSQL cluster for Mailwright's tests and benchmarks.
#
#   scripts/test-postgres.sh start [--durable]   start one; prints its JDBC URL
#   scripts/test-postgres.sh stop URL            stop the cluster of that URL and delete it
#
# The cluster lives in a new temporary directory and listens on a free loopback port only,
# with trust authentication for the user "postgres". PostgreSQL refuses to run as root, so
# under root it runs as the system user "postgres". Debian's postgresql package is installed
# with apt-get when no PostgreSQL is found. Without --durable, fsync is off: the cluster is
# thrown away after the tests, which check Mailwright, not PostgreSQL's own durability.
set -eu

tmp=${TMPDIR:-/tmp}

die() {
    echo "test-postgres: $*" >&2
    exit 1
}

bindir() {
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$dir/pg_ctl" ] && [ -x "$dir/initdb" ]; then
            echo "$dir"
            return 0
        fi
    done
    if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v pg_ctl)"
        return 0
    fi
    return 1
}

install_postgres() {
    [ "$(id -u)" = 0 ] || die "PostgreSQL is not installed; install Debian's postgresql package (as root: apt-get install postgresql)"
    command -v apt-get >/dev/null 2>&1 || die "PostgreSQL is not installed and this is not a Debian-like system"
    echo "test-postgres: installing Debian's postgresql package" >&2
    DEBIAN_FRONTEND=noninteractive apt-get -qq update >&2
    DEBIAN_FRONTEND=noninteractive apt-get -qq install -y postgresql >&2
}

# Runs a command as the cluster's owner: "postgres" under root, else the caller.
as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

random_port() {
    # 20000-59999: above most services, below the usual ephemeral range.
    echo $((20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000))
}

start() {
    durable=no
    [ "${1:-}" = "--durable" ] && durable=yes
    bin=$(bindir) || { install_postgres; bin=$(bindir) || die "no PostgreSQL binaries after installing"; }
    dir=$(mktemp -d "$tmp/mailwright-pg.XXXXXX")
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || die "no system user 'postgres' to run the cluster as"
        chown postgres "$dir"
    fi
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; die "initdb failed"; }
    settings="-c max_connections=300 -c shared_buffers=128MB"
    [ "$durable" = no ] && settings="$settings -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    tries=0
    while :; do
        port=$(random_port)
        if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
                -o "-p $port -h 127.0.0.1 -k $dir $settings" start >/dev/null 2>&1; then
            break
        fi
        tries=$((tries + 1))
        if [ "$tries" -ge 10 ] || ! grep -q "could not bind\|could not create listen socket\|already in use" "$dir/server.log" 2>/dev/null; then
            cat "$dir/server.log" >&2 2>/dev/null || true
            rm -rf "$dir"
            die "the cluster did not start"
        fi
    done
    echo "$port" >"$dir/port"
    echo "jdbc:postgresql://127.0.0.1:$port/postgres?user=postgres"
}

stop() {
    url=${1:-}
    [ -n "$url" ] || die "usage: $0 stop URL"
    port=$(echo "$url" | sed -n 's|^jdbc:postgresql://127\.0\.0\.1:\([0-9]*\)/.*|\1|p')
    [ -n "$port" ] || die "not a URL this script printed: $url"
    bin=$(bindir) || die "no PostgreSQL binaries"
    for dir in "$tmp"/mailwright-pg.*; do
        if [ -f "$dir/port" ] && [ "$(cat "$dir/port")" = "$port" ]; then
            as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
            rm -rf "$dir"
            return 0
        fi
    done
    die "no cluster on port $port"
}

case "${1:-}" in
    start) shift; start "$@" ;;
    stop) shift; stop "$@" ;;
    *) die "usage: $0 start [--durable] | stop URL" ;;
esac
