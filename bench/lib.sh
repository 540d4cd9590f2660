# Shared by the bench scripts (sourced, POSIX sh): the tools they need and
# the emulated environment they run against.

# need_tools TOOL...: installs hyperfine from Debian when it is missing and
# stops when another tool is not on PATH.
need_tools() {
	if ! command -v hyperfine >/dev/null 2>&1; then
		echo "hyperfine not found: installing it from Debian" >&2
		SUDO=""
		[ "$(id -u)" -eq 0 ] || SUDO="sudo"
		$SUDO apt-get install -y hyperfine || { $SUDO apt-get update && $SUDO apt-get install -y hyperfine; }
	fi
	for tool in "$@"; do
		command -v "$tool" >/dev/null 2>&1 || { echo "bench: $tool is not on PATH" >&2; exit 1; }
	done
}

# start_emulated NAME [EMULATED-FLAGS...]: a work directory
# ($WORK, removed on exit), the doctor built into $WORK/bin (first on
# PATH), and the emulated environment (moto_server + the CodeCommit git
# endpoint) started, its variables exported (HOME, REPO_URL, REPO_URLS...).
start_emulated() {
	name=$1
	shift
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/ccd-$name.XXXXXX")
	EMU_PID=""
	trap 'cleanup_emulated' EXIT INT TERM
	mkdir -p "$WORK/bin"
	(cd "$ROOT" && go build -o "$WORK/bin/codecommit-doctor" ./cmd/codecommit-doctor && go build -o "$WORK/emulated" ./bench/emulated)
	"$WORK/emulated" -dir "$WORK/env" "$@" >"$WORK/emulated.log" 2>&1 &
	EMU_PID=$!
	i=0
	until [ -f "$WORK/env/env.sh" ]; do
		i=$((i + 1))
		if [ "$i" -gt 900 ] || ! kill -0 "$EMU_PID" 2>/dev/null; then
			echo "bench: the emulated environment did not start:" >&2
			cat "$WORK/emulated.log" >&2
			exit 1
		fi
		sleep 0.1
	done
	# shellcheck disable=SC1091
	. "$WORK/env/env.sh"
	export PATH="$WORK/bin:$PATH"
}

cleanup_emulated() {
	[ -n "$EMU_PID" ] && kill "$EMU_PID" 2>/dev/null && wait "$EMU_PID" 2>/dev/null
	rm -rf "$WORK"
}
