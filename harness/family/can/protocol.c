// SPDX-License-Identifier: MIT
/*
 * The protocol of an AF_CAN socket.  Linux's AF_CAN never records the
 * protocol a socket was made with (can_create leaves sk_protocol 0, so
 * SO_PROTOCOL reads 0), so it is found from what the socket accepts:
 * CAN_RAW is the SOCK_RAW one, and of the SOCK_DGRAM ones ISO-TP and J1939
 * each answer getsockopt at their own level while the broadcast manager
 * answers none.  Read-only probes: a getsockopt changes nothing.
 */
#include "family/can/can.h"

#include <linux/can.h>
#include <linux/can/isotp.h>
#include <linux/can/j1939.h>
#include <sys/socket.h>

static int answers(int fd, int level, int name)
{
	/* large enough for every probe below (struct can_isotp_options) */
	union {
		int i;
		struct can_isotp_options o;
	} u;
	socklen_t l = sizeof(u);
	return getsockopt(fd, level, name, &u, &l) == 0;
}

int can_protocol(int fd, int type)
{
	if (type == SOCK_RAW)
		return CAN_RAW;
	if (answers(fd, SOL_CAN_ISOTP, CAN_ISOTP_OPTS))
		return CAN_ISOTP;
	if (answers(fd, SOL_CAN_J1939, SO_J1939_PROMISC))
		return CAN_J1939;
	return CAN_BCM;
}
