#!/bin/sh
# Compare two builds of the doctor on the emulated environment: the working
# tree against a git revision (default: the commit before the typed-graph
# refactor). Both run the same full diagnosis, interleaved by hyperfine on
# the same machine state, so load affects them alike. Nothing is asserted:
# the script prints both times and their ratio.
#
# Usage: bench/compare.sh [REV] [RUNS]     (default REV 104d9ba, RUNS 15)
# Needs: go, git, aws, moto_server, python3; hyperfine (installed from
# Debian when missing).
set -eu

REV=${1:-104d9ba}
RUNS=${2:-15}
ROOT=$(cd "$(dirname "$0")/.." && pwd)

if ! command -v hyperfine >/dev/null 2>&1; then
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	$SUDO apt-get install -y hyperfine || { $SUDO apt-get update && $SUDO apt-get install -y hyperfine; }
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ccd-compare.XXXXXX")
EMU_PID=""
cleanup() {
	[ -n "$EMU_PID" ] && kill "$EMU_PID" 2>/dev/null && wait "$EMU_PID" 2>/dev/null
	(cd "$ROOT" && git worktree remove --force "$WORK/base" 2>/dev/null) || true
	rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

mkdir -p "$WORK/bin"
(cd "$ROOT" && go build -o "$WORK/bin/doctor-new" ./cmd/codecommit-doctor && go build -o "$WORK/emulated" ./bench/emulated)
(cd "$ROOT" && git worktree add --detach -q "$WORK/base" "$REV")
(cd "$WORK/base" && go build -o "$WORK/bin/doctor-base" ./cmd/codecommit-doctor)

"$WORK/emulated" -dir "$WORK/env" >"$WORK/emulated.log" 2>&1 &
EMU_PID=$!
i=0
until [ -f "$WORK/env/env.sh" ]; do
	i=$((i + 1))
	if [ "$i" -gt 600 ] || ! kill -0 "$EMU_PID" 2>/dev/null; then
		echo "compare: the emulated environment did not start:" >&2
		cat "$WORK/emulated.log" >&2
		exit 1
	fi
	sleep 0.1
done
# shellcheck disable=SC1091
. "$WORK/env/env.sh"

"$WORK/bin/doctor-new" "$REPO_URL" >"$WORK/new.txt" 2>&1 || true
"$WORK/bin/doctor-base" "$REPO_URL" >"$WORK/base.txt" 2>&1 || true
echo "--- summary lines: base $REV, then this tree"
grep '^Summary' "$WORK/base.txt" "$WORK/new.txt" || true

hyperfine --warmup 2 --runs "$RUNS" --ignore-failure --export-json "$WORK/results.json" \
	-n "base $REV" "'$WORK/bin/doctor-base' '$REPO_URL'" \
	-n "this tree" "'$WORK/bin/doctor-new' '$REPO_URL'"

python3 - "$WORK/results.json" <<'PY'
import json, sys
base, new = json.load(open(sys.argv[1]))["results"]
print()
print("base      %.3f s ± %.3f  median %.3f s" % (base["mean"], base["stddev"], base["median"]))
print("this tree %.3f s ± %.3f  median %.3f s" % (new["mean"], new["stddev"], new["median"]))
print("this tree / base: %.2fx (mean)  %.2fx (median)" % (new["mean"] / base["mean"], new["median"] / base["median"]))
PY
