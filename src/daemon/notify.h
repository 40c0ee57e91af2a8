/* SPDX-License-Identifier: MIT */
/* notify.h: readiness notification to systemd (the sd_notify protocol), without libsystemd. */
#ifndef SCTUND_NOTIFY_H
#define SCTUND_NOTIFY_H

/**
 * notify_send() - send @state ("READY=1", "STOPPING=1"...) to $NOTIFY_SOCKET.
 * @state: newline-separated VAR=VALUE assignments (sd_notify(3))
 *
 * The socket is an AF_UNIX datagram socket named by an absolute path, or by
 * '@' followed by an abstract name.  Not running under a service manager
 * (the variable unset or empty) is not an error.
 *
 * Return: 1 when sent; 0 when $NOTIFY_SOCKET is unset or empty; -EAFNOSUPPORT
 * when it is neither an absolute path nor '@name'; -ENAMETOOLONG when it does
 * not fit a socket address; -errno of socket()/sendto() (-ECONNREFUSED...).
 */
int notify_send(const char *state);

#endif /* SCTUND_NOTIFY_H */
