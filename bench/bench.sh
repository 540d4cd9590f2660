#!/bin/sh
# Benchmark: the doctor's full run against the manual sequence from the
# setup guide, and against its slowest single step (git ls-remote with the
# AWS CLI credential helper), all on the emulated environment (moto_server +
# the CodeCommit git endpoint emulator, real git, real AWS CLI).
#
# Usage: bench/bench.sh [RUNS]        (from anywhere; default 10 runs each)
# Needs: go, git, aws, moto_server, python3; installs hyperfine from Debian
# when it is missing.
set -eu

RUNS=${1:-10}
ROOT=$(cd "$(dirname "$0")/.." && pwd)

if ! command -v hyperfine >/dev/null 2>&1; then
	echo "hyperfine not found: installing it from Debian" >&2
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	$SUDO apt-get install -y hyperfine || { $SUDO apt-get update && $SUDO apt-get install -y hyperfine; }
fi
for tool in go git aws moto_server python3; do
	command -v "$tool" >/dev/null 2>&1 || { echo "bench: $tool is not on PATH" >&2; exit 1; }
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ccd-bench.XXXXXX")
EMU_PID=""
cleanup() {
	[ -n "$EMU_PID" ] && kill "$EMU_PID" 2>/dev/null && wait "$EMU_PID" 2>/dev/null
	rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

mkdir -p "$WORK/bin"
(cd "$ROOT" && go build -o "$WORK/bin/codecommit-doctor" ./cmd/codecommit-doctor && go build -o "$WORK/emulated" ./bench/emulated)

"$WORK/emulated" -dir "$WORK/env" >"$WORK/emulated.log" 2>&1 &
EMU_PID=$!
i=0
until [ -f "$WORK/env/env.sh" ]; do
	i=$((i + 1))
	if [ "$i" -gt 600 ] || ! kill -0 "$EMU_PID" 2>/dev/null; then
		echo "bench: the emulated environment did not start:" >&2
		cat "$WORK/emulated.log" >&2
		exit 1
	fi
	sleep 0.1
done
# shellcheck disable=SC1091
. "$WORK/env/env.sh"
export PATH="$WORK/bin:$PATH"

# The manual sequence from the setup guide, one step after the other.
cat >"$WORK/manual.sh" <<MANUAL
aws --version
git --version
git config --get-all credential.helper
aws sts get-caller-identity
git ls-remote '$REPO_URL'
MANUAL

# Sanity: the environment works before it is timed.
git ls-remote "$REPO_URL" >/dev/null
codecommit-doctor "$REPO_URL" >"$WORK/doctor.txt" 2>&1 || true
echo "--- the doctor's report on the emulated environment:"
cat "$WORK/doctor.txt"
echo "---"

hyperfine --warmup 2 --runs "$RUNS" --ignore-failure \
	--export-json "$WORK/results.json" --export-markdown "$WORK/results.md" \
	-n "doctor (full run)" "codecommit-doctor '$REPO_URL'" \
	-n "manual sequence" "sh '$WORK/manual.sh'" \
	-n "git ls-remote (AWS helper)" "git ls-remote '$REPO_URL'" \
	-n "doctor without the aws-cli check" "codecommit-doctor --skip aws-cli '$REPO_URL'"

python3 - "$WORK/results.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
names = [x for x in r]
doctor, manual, floor, noaws = (r[n] for n in names)
def s(x): return "%.3f s ± %.3f" % (x["mean"], x["stddev"])
print()
print("doctor (full run)          ", s(doctor), " median %.3f s" % doctor["median"])
print("manual sequence            ", s(manual), " median %.3f s" % manual["median"])
print("git ls-remote (AWS helper) ", s(floor), " median %.3f s" % floor["median"])
print("doctor --skip aws-cli      ", s(noaws), " median %.3f s" % noaws["median"])
print()
print("doctor / manual sequence   %.2fx (mean)  %.2fx (median)" % (doctor["mean"] / manual["mean"], doctor["median"] / manual["median"]))
print("doctor / git ls-remote     %.2fx (mean)  %.2fx (median)   (aim: <= 1.15x)" % (doctor["mean"] / floor["mean"], doctor["median"] / floor["median"]))
print("doctor --skip aws-cli / git ls-remote  %.2fx (mean)  %.2fx (median)" % (noaws["mean"] / floor["mean"], noaws["median"] / floor["median"]))
PY
echo
cat "$WORK/results.md"
