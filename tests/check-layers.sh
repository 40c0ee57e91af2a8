#!/bin/sh
# SPDX-License-Identifier: MIT
# check-layers.sh: fail when a file includes a layer it must not (DESIGN.md).
#
# Layers point one way: wire <- ip <- sctp <- daemon; ipc is used by daemon
# and shim only; shim never includes sctp/.  Project headers are included as
# "layer/file.h" relative to src/, so the first path element names the layer.
top=${1:-${top_srcdir:-$(dirname "$0")/..}}
cd "$top" || exit 99

allowed() { # $1 = layer of the including file
	case $1 in
	common) echo "common" ;;
	wire) echo "common wire" ;;
	ip) echo "common wire ip" ;;
	sctp) echo "common wire sctp" ;;
	ipc) echo "ipc" ;;
	daemon) echo "common wire ip sctp ipc daemon" ;;
	shim) echo "common ipc shim" ;;
	tools) echo "common ipc shim tools" ;;
	*) echo "" ;;
	esac
}

bad=0
checked=0
for f in $(find src tools -name '*.[ch]' 2>/dev/null | sort); do
	case $f in
	src/*) layer=$(echo "$f" | cut -d/ -f2) ;;
	tools/*) layer=tools ;;
	esac
	ok=$(allowed "$layer")
	checked=$((checked + 1))
	# every quoted include of the form "dir/file.h"
	for inc in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([a-z_]*\)\/[^"]*".*/\1/p' "$f"); do
		case " $ok " in
		*" $inc "*) ;;
		*)
			echo "layering: $f ($layer) includes $inc/ which it must not"
			bad=$((bad + 1))
			;;
		esac
	done
done
echo "checked $checked files, $bad layering violations"
[ "$bad" -eq 0 ]
