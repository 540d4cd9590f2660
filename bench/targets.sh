#!/bin/sh
# Benchmark: one run over 1, 5 and 20 targets (URL arguments) on the
# emulated environment (moto_server + the CodeCommit git endpoint emulator
# serving 20 repositories, real git, real AWS CLI), against 20 separate runs
# of one target each, with and without the reproduce check (the real git
# and AWS CLI helper per target), and the peak memory of each. Nothing is
# asserted: the script prints wall and CPU times, the ratios and the peaks.
#
# Usage: bench/targets.sh [RUNS]      (from anywhere; default 5 runs each)
# Needs: go, git, aws, moto_server, python3, GNU time (/usr/bin/time);
# installs hyperfine from Debian when it is missing.
set -eu

RUNS=${1:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

need_tools go git aws moto_server python3 /usr/bin/time

start_emulated targets -repos 20

# shellcheck disable=SC2086
set -- $REPO_URLS
ONE=$1
FIVE="$1 $2 $3 $4 $5"
TWENTY="$*"
cat >"$WORK/separate.sh" <<SEP
for u in $TWENTY; do codecommit-doctor "\$u" >/dev/null || exit 1; done
SEP

# Sanity: every target passes before it is timed.
# shellcheck disable=SC2086
codecommit-doctor $TWENTY >"$WORK/doctor.txt" 2>&1 || { cat "$WORK/doctor.txt"; echo "bench: the 20-target run failed" >&2; exit 1; }
tail -n 4 "$WORK/doctor.txt"

hyperfine --warmup 1 --runs "$RUNS" \
	--export-json "$WORK/results.json" --export-markdown "$WORK/results.md" \
	-n "1 target" "codecommit-doctor $ONE" \
	-n "5 targets" "codecommit-doctor $FIVE" \
	-n "20 targets" "codecommit-doctor $TWENTY" \
	-n "20 separate runs" "sh '$WORK/separate.sh'" \
	-n "1 target, --skip reproduce" "codecommit-doctor --skip reproduce $ONE" \
	-n "20 targets, --skip reproduce" "codecommit-doctor --skip reproduce $TWENTY"

python3 - "$WORK/results.json" <<'PY'
import json, sys
r = [x for x in json.load(open(sys.argv[1]))["results"]]
one = r[0]
print()
cpu = lambda x: x["user"] + x["system"]
print("| run | wall (mean ± σ) | CPU (user+sys) | wall / 1 target | CPU / 1 target |")
print("|---|---|---|---|---|")
for x in r:
    base = r[4] if "skip" in x["command"] else one
    print("| %s | %.2f s ± %.2f | %.2f s | %.2fx | %.2fx |" % (x["command"], x["mean"], x["stddev"], cpu(x), x["mean"] / base["mean"], cpu(x) / cpu(base)))
print()
print("20 targets / 20 separate runs: %.2fx wall, %.2fx CPU" % (r[2]["mean"] / r[3]["mean"], cpu(r[2]) / cpu(r[3])))
PY
echo
cat "$WORK/results.md"

# Peak memory: the largest process of the run (GNU time), as is and with
# --skip aws-cli,reproduce (no AWS CLI, so the doctor's own peak).
rss_mb() { echo $(($(sed -n 's/.*Maximum resident set size (kbytes): //p' "$1") / 1024)); }
echo
echo "| targets | peak RSS (largest process) | peak RSS of the doctor (--skip aws-cli,reproduce) |"
echo "|---|---|---|"
for set in "1:$ONE" "5:$FIVE" "20:$TWENTY"; do
	n=${set%%:*}
	urls=${set#*:}
	# shellcheck disable=SC2086
	/usr/bin/time -v -o "$WORK/full.time" codecommit-doctor $urls >/dev/null 2>&1 || true
	# shellcheck disable=SC2086
	/usr/bin/time -v -o "$WORK/own.time" codecommit-doctor --skip aws-cli,reproduce $urls >/dev/null 2>&1 || true
	echo "| $n | $(rss_mb "$WORK/full.time") MB | $(rss_mb "$WORK/own.time") MB |"
done
