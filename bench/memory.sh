#!/bin/sh
# Peak memory (and wall time, exit code) of the doctor: the normal full run
# on the emulated environment, and runs with hostile files in place of the
# AWS and git configuration. Measured with GNU time (`/usr/bin/time -v`,
# installed from Debian's `time` package when missing): "Maximum resident
# set size" is the largest of the doctor and any one program it ran
# (getrusage RUSAGE_CHILDREN), not their sum.
#
# Usage: bench/memory.sh            (from anywhere)
# Needs: go, git, aws, moto_server, python3.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

if [ ! -x /usr/bin/time ]; then
	echo "GNU time not found: installing it from Debian" >&2
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	$SUDO apt-get install -y time || { $SUDO apt-get update && $SUDO apt-get install -y time; }
fi
for tool in go git aws moto_server python3; do
	command -v "$tool" >/dev/null 2>&1 || { echo "bench: $tool is not on PATH" >&2; exit 1; }
done

start_emulated memory

# Hostile files.
H="$WORK/hostile"
mkdir -p "$H"
mkfifo "$H/fifo"
ln -s "$H/loop" "$H/loop"
python3 -c "import sys; open(sys.argv[1],'w').write('[default]\nregion = us-east-1\n' + '# padding padding padding padding\n' * (20 * 1024 * 1024 // 34))" "$H/config-20mb"
# Dense with profiles: the worst case for the parsers (the SDK's and the
# AWS CLI's), cut at a line boundary under 1 MiB and 4 MiB.
dense() { python3 -c "import sys; n=int(sys.argv[2]); s='[default]\nregion = us-east-1\n'; i=0
while True:
    p='[profile p%d]\nregion = us-east-1\n' % i; i+=1
    if len(s)+len(p) > n: break
    s+=p
open(sys.argv[1],'w').write(s)" "$1" "$2"; }
dense "$H/config-1mb" 1048576
dense "$H/config-4mb" 4194304

# run_time OUT ENV... -- ARGS...: one doctor run under GNU time.
run_time() {
	out=$1
	shift
	env "$@" /usr/bin/time -v -o "$out" codecommit-doctor $EXTRA "$REPO_URL" >"$WORK/out.txt" 2>&1 || true
}
rss_mb() { echo $(($(sed -n 's/.*Maximum resident set size (kbytes): //p' "$1") / 1024)); }

measure() { # NAME ENV-ASSIGNMENTS...
	name=$1
	shift
	EXTRA="" run_time "$WORK/time.txt" "$@"
	wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$WORK/time.txt")
	code=$(sed -n 's/.*Exit status: //p' "$WORK/time.txt")
	grep -E 'FIFO|character device|loop of symbolic|larger than' "$WORK/out.txt" | head -2 | sed 's/^/    /' >&2 || true
	# Again without the checks that start the AWS CLI (Python): what is
	# left is the doctor's own peak (git's is a few MB).
	EXTRA="--skip aws-cli,reproduce" run_time "$WORK/time2.txt" "$@"
	printf '| %s | %d MB | %d MB | %s | %s |\n' "$name" "$(rss_mb "$WORK/time.txt")" "$(rss_mb "$WORK/time2.txt")" "$wall" "${code:-0}"
}

echo "| run | peak RSS (largest process) | peak RSS without the AWS CLI runs (the doctor) | wall | exit |"
echo "|---|---|---|---|---|"
measure "normal full run (emulated environment)"
measure "/dev/zero as the credentials file" AWS_SHARED_CREDENTIALS_FILE=/dev/zero
measure "a FIFO as the credentials file" AWS_SHARED_CREDENTIALS_FILE="$H/fifo"
measure "a symbolic link loop as the config file" AWS_CONFIG_FILE="$H/loop"
measure "a 20 MB config file" AWS_CONFIG_FILE="$H/config-20mb"
measure "a 1 MB config, 29,000 profiles (the largest the SDK is given)" AWS_CONFIG_FILE="$H/config-1mb"
measure "a 4 MB config, 116,000 profiles (refused; the AWS CLI still parses it)" AWS_CONFIG_FILE="$H/config-4mb"
ln -sf /dev/zero "$HOME/.git-credentials"
measure "/dev/zero as ~/.git-credentials"
rm -f "$HOME/.git-credentials"
