// SPDX-License-Identifier: MIT
#include "docs/cpython_only.h"

#include <stddef.h>
#include <string.h>

/*
 * Kept short on purpose: an entry must be a target whose whole text is
 * about the Python layer.  Anything with a system call under it (timeouts
 * are SO_RCVTIMEO or poll, inheritability is FD_CLOEXEC, sendall is a loop
 * over send) stays counted and needs a case.
 */
static const struct {
	const char *target, *why;
} scope[] = {
	{ "socket.error", "an alias of OSError, a Python exception class" },
	{ "socket.timeout", "an alias of TimeoutError, a Python exception class" },
	{ "socket.SocketType", "the Python type object of socket objects" },
	{ "socket.getdefaulttimeout", "the module's default timeout, a Python-level setting" },
	{ "socket.setdefaulttimeout", "the module's default timeout, a Python-level setting" },
	{ "socket.socket.makefile", "a Python file object over the socket (buffering, text mode)" },
	{ "socket.SIO_RCVALL", "Windows' WSAIoctl() constants, as their text says" },
	{ "socket.SIO_KEEPALIVE_VALS", "Windows' WSAIoctl() constants, as their text says" },
	{ "socket.SIO_LOOPBACK_FAST_PATH", "Windows' WSAIoctl() constants, as their text says" },
	{ "socket.RCVALL_*", "Windows' WSAIoctl() constants, as their text says" },
};

const char *cover_not_kernel(const char *target)
{
	for (size_t i = 0; i < sizeof(scope) / sizeof(scope[0]); i++)
		if (strcmp(scope[i].target, target) == 0)
			return scope[i].why;
	return NULL;
}
