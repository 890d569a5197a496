// SPDX-License-Identifier: MIT
/* A socket's domain, type and protocol: see sockproto.h. */
#include "sock/sockproto.h"

#include <linux/can.h>
#include <linux/can/isotp.h>
#include <linux/can/j1939.h>
#include <sys/socket.h>

static int opt_int(int fd, int level, int name, int *v)
{
	/* large enough for every probe below (struct can_isotp_options) */
	union {
		int i;
		struct can_isotp_options o;
	} u;
	socklen_t l = sizeof(u);
	if (getsockopt(fd, level, name, &u, &l) != 0)
		return -1;
	*v = u.i;
	return 0;
}

/* Read-only probes: a getsockopt changes nothing. */
static int can_protocol(int fd, int type)
{
	int v;
	if (type == SOCK_RAW)
		return CAN_RAW;
	if (opt_int(fd, SOL_CAN_ISOTP, CAN_ISOTP_OPTS, &v) == 0)
		return CAN_ISOTP;
	if (opt_int(fd, SOL_CAN_J1939, SO_J1939_PROMISC, &v) == 0)
		return CAN_J1939;
	return CAN_BCM;
}

int sock_identify(int fd, int *domain, int *type, int *protocol)
{
	if (opt_int(fd, SOL_SOCKET, SO_DOMAIN, domain) || opt_int(fd, SOL_SOCKET, SO_TYPE, type))
		return -1;
	if (opt_int(fd, SOL_SOCKET, SO_PROTOCOL, protocol))
		*protocol = -1;
	if (*domain == AF_CAN && *protocol <= 0)
		*protocol = can_protocol(fd, *type);
	return 0;
}
