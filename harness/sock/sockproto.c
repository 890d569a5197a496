// SPDX-License-Identifier: MIT
/* A socket's domain, type and protocol: see sockproto.h. */
#include "sock/sockproto.h"
#include "core/family.h"

#include <sys/socket.h>

static int opt_int(int fd, int level, int name, int *v)
{
	socklen_t l = sizeof(*v);
	return getsockopt(fd, level, name, v, &l) != 0 ? -1 : 0;
}

int sock_identify(int fd, int *domain, int *type, int *protocol)
{
	if (opt_int(fd, SOL_SOCKET, SO_DOMAIN, domain) || opt_int(fd, SOL_SOCKET, SO_TYPE, type))
		return -1;
	if (opt_int(fd, SOL_SOCKET, SO_PROTOCOL, protocol))
		*protocol = -1;
	if (*protocol <= 0) {
		const struct sockspec_family *f = family_find(*domain);
		if (f && f->protocol)
			*protocol = f->protocol(fd, *type);
	}
	return 0;
}
