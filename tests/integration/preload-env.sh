# SPDX-License-Identifier: MIT
# preload-env.sh: (sourced) asan_preload_env LIB prints what third-party programs need in their
# environment when LIB, the libsctun.so preloaded into them, is an ASan build: the runtime cannot
# come first in their library list, and their own leaks are not ours.  Nothing otherwise.
# Use as: preload_env=$(asan_preload_env "$SCTUN_LIB"); env $preload_env PROGRAM...
asan_preload_env() {
	if [ -f "$1" ] && ldd "$1" 2>/dev/null | grep -q libasan; then
		echo "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0:detect_leaks=0"
	fi
}
