# SPDX-License-Identifier: MIT
# AX_CHECK_FLAG_ADD(FLAG): append FLAG to WARNCFLAGS when the C compiler accepts it.
AC_DEFUN([AX_CHECK_FLAG_ADD], [
  AC_MSG_CHECKING([whether $CC accepts $1])
  save_CFLAGS="$CFLAGS"
  CFLAGS="$CFLAGS -Werror $1"
  AC_COMPILE_IFELSE([AC_LANG_PROGRAM([], [])],
    [AC_MSG_RESULT([yes]); WARNCFLAGS="$WARNCFLAGS $1"],
    [AC_MSG_RESULT([no])])
  CFLAGS="$save_CFLAGS"
])
