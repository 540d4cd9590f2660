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
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

need_tools go git aws moto_server python3

start_emulated bench

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
