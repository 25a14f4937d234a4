#!/usr/bin/env bash
# The CI smoke test: start the server on a free port with a fresh data directory, wait
# until it logs that it is ready, run the headline command over the stock OpenSSH client,
# stop the server, and exit with the command's status.
#
#   scripts/smoke.sh                      # the headline: pkg install stdcheck && stdcheck
#   scripts/smoke.sh 'uname -a; hello'    # any other command line
#   scripts/smoke.sh --put ./build/mytest:/tmp/mytest '/tmp/mytest --ci'
#                                         # upload your own files first (scp), then run
#
# --put LOCAL:REMOTE (repeatable) copies a host file into the guest with scp before the
# command runs (mode kept, so an executable stays executable). The script exits with the
# command's status; when that is not 0, or the server misbehaves, it prints the server log.
#
# Needs a built tree (npm run build) and /usr/bin/ssh (and scp for --put). Environment:
# AKUMA_SMOKE_TIMEOUT (seconds for the command, default 300), KEEP=1 keeps the data
# directory and log.
set -uo pipefail

HERE=$(pwd)
PUTS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --put)
      [ $# -ge 2 ] || { echo "smoke: --put needs LOCAL:REMOTE" >&2; exit 2; }
      PUTS+=("$2"); shift 2 ;;
    --put=*) PUTS+=("${1#--put=}"); shift ;;
    --) shift; break ;;
    -*) echo "smoke: unknown option: $1" >&2; echo "usage: scripts/smoke.sh [--put LOCAL:REMOTE]... [COMMAND]" >&2; exit 2 ;;
    *) break ;;
  esac
done
for spec in "${PUTS[@]+"${PUTS[@]}"}"; do
  case "$spec" in
    *:*) ;;
    *) echo "smoke: --put wants LOCAL:REMOTE, got '$spec'" >&2; exit 2 ;;
  esac
  local_path=${spec%%:*}
  case "$local_path" in /*) ;; *) local_path="$HERE/$local_path" ;; esac
  [ -f "$local_path" ] || { echo "smoke: --put $spec: no such file: $local_path" >&2; exit 2; }
done

cd "$(dirname "$0")/.."
COMMAND=${1:-'pkg install stdcheck && stdcheck'}
TIMEOUT=${AKUMA_SMOKE_TIMEOUT:-300}
CLI=dist/server/cli.js

if [ ! -f "$CLI" ]; then
  echo "smoke: $CLI is missing; run 'npm run build' first" >&2
  exit 2
fi
if ! command -v ssh >/dev/null 2>&1; then
  echo "smoke: the OpenSSH client (ssh) is not installed" >&2
  exit 2
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/akuma-smoke.XXXXXX")
LOG="$WORK/server.log"
SERVER_PID=

cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
  fi
  if [ "${KEEP:-0}" = 1 ]; then echo "smoke: kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

node "$CLI" serve --port 0 --data-dir "$WORK/data" --log-level info >"$LOG" 2>&1 &
SERVER_PID=$!

# The ready line is JSON: {"address":"127.0.0.1:PORT","fingerprint":"SHA256:...",...,"msg":"akuma-vm ready: ..."}
PORT=
for _ in $(seq 1 300); do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "smoke: the server exited before it was ready:" >&2
    cat "$LOG" >&2
    SERVER_PID=
    exit 2
  fi
  PORT=$(sed -n 's/.*"address":"[^"]*:\([0-9][0-9]*\)".*"msg":"akuma-vm ready.*/\1/p' "$LOG" | head -n 1)
  [ -n "$PORT" ] && break
  sleep 0.1
done
if [ -z "$PORT" ]; then
  echo "smoke: the server did not log 'ready' within 30 s:" >&2
  cat "$LOG" >&2
  exit 2
fi
echo "smoke: server ready on port $PORT" >&2

SSH_OPTS=(-F /dev/null
  -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o GlobalKnownHostsFile=/dev/null
  -o BatchMode=yes -o LogLevel=ERROR -o ConnectTimeout=20 -o IdentityAgent=none)

for spec in "${PUTS[@]+"${PUTS[@]}"}"; do
  local_path=${spec%%:*}
  remote_path=${spec#*:}
  case "$local_path" in /*) ;; *) local_path="$HERE/$local_path" ;; esac
  if ! scp "${SSH_OPTS[@]}" -p -P "$PORT" "$local_path" "user@127.0.0.1:$remote_path" >&2; then
    echo "smoke: could not upload $local_path to $remote_path; server log:" >&2
    cat "$LOG" >&2
    exit 2
  fi
  echo "smoke: uploaded $local_path to $remote_path" >&2
done

# timeout(1) bounds the command (status 124 when it fires) and leaves nothing behind.
timeout -s TERM "$TIMEOUT" ssh "${SSH_OPTS[@]}" -p "$PORT" \
  -o ServerAliveInterval=15 -o ServerAliveCountMax=$(( TIMEOUT / 15 + 1 )) \
  user@127.0.0.1 "$COMMAND" </dev/null
STATUS=$?
[ "$STATUS" -eq 124 ] && echo "smoke: the command did not finish within $TIMEOUT s" >&2

kill -TERM "$SERVER_PID"
wait "$SERVER_PID"
SERVER_STATUS=$?
SERVER_PID=
if [ "$SERVER_STATUS" -ne 0 ]; then
  echo "smoke: the server exited with status $SERVER_STATUS on SIGTERM:" >&2
  tail -n 20 "$LOG" >&2
  [ "$STATUS" -eq 0 ] && STATUS=1
elif [ "$STATUS" -ne 0 ]; then
  echo "smoke: the command failed; server log:" >&2
  cat "$LOG" >&2
fi
echo "smoke: '$COMMAND' exited with status $STATUS" >&2
exit "$STATUS"
