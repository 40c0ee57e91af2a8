#!/bin/sh
# SPDX-License-Identifier: MIT
# check-layers-selftest.sh: the layering check fails on each forbidden include and passes a clean tree.
script=${top_srcdir:-$(dirname "$0")/..}/tests/check-layers.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

tree() { # $1: file path, $2: include line
	rm -rf "$tmp/t"
	mkdir -p "$tmp/t/src/common" "$tmp/t/$(dirname "$1")"
	echo '#include "common/cursor.h"' >"$tmp/t/src/common/ok.c"
	printf '%s\n' "$2" >"$tmp/t/$1"
}

expect() { # status description
	if sh "$script" "$tmp/t" >/dev/null 2>&1; then got=0; else got=1; fi
	if [ "$got" -ne "$1" ]; then
		echo "FAIL: $2"
		fail=1
	else
		echo "ok: $2"
	fi
}

tree src/wire/a.c '#include "ip/reasm.h"'
expect 1 "wire must not include ip/"
tree src/wire/a.c '#include "sctp/assoc.h"'
expect 1 "wire must not include sctp/"
tree src/common/a.c '#include "wire/sctp.h"'
expect 1 "common must not include wire/"
tree src/sctp/a.c '#include "ip/reasm.h"'
expect 1 "sctp must not include ip/"
tree src/shim/a.c '#include "sctp/assoc.h"'
expect 1 "shim must not include sctp/"
tree src/ipc/a.c '#include "daemon/loop.h"'
expect 1 "ipc must not include daemon/"
tree tools/a.c '#include "sctp/assoc.h"'
expect 1 "tools must not include sctp/"
tree src/daemon/a.c '#include "sctp/assoc.h"'
expect 0 "daemon may include sctp/"
tree src/sctp/a.c '#include "wire/sctp.h"'
expect 0 "sctp may include wire/"
tree src/shim/a.c '#include "ipc/proto.h"'
expect 0 "shim may include ipc/"
exit $fail
