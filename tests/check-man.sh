#!/bin/sh
# SPDX-License-Identifier: MIT
# check-man.sh: every man page lints clean with mandoc and keeps the house section order.
if [ -z "${MANDOC:-}" ] || ! command -v "$MANDOC" >/dev/null 2>&1; then
	echo "SKIP: mandoc not installed (apt-get install mandoc)"
	exit 77
fi
order="NAME SYNOPSIS DESCRIPTION OPTIONS ENVIRONMENT FILES EXIT_STATUS EXAMPLES SECURITY LIMITATIONS SEE_ALSO"
fail=0
n=0
for m in $MAN_PAGES; do
	n=$((n + 1))
	page=${top_builddir:-.}/$m
	if ! out=$("$MANDOC" -Tlint -W warning "$page" 2>&1) || [ -n "$out" ]; then
		echo "FAIL: $m does not lint clean:"
		echo "$out"
		fail=1
	fi
	got=$(sed -n 's/^\.Sh //p' "$page" | tr ' ' '_' | tr '\n' ' ' | sed 's/ $//')
	if [ "$got" != "$order" ]; then
		echo "FAIL: $m sections: $got"
		echo "      want: $order"
		fail=1
	fi
done
echo "checked $n man pages"
[ "$n" -gt 0 ] && [ $fail -eq 0 ]
