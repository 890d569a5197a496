// SPDX-License-Identifier: MIT
/*
 * AF_INET and AF_INET6 (core/family.h): one folder, since IPv4 and IPv6
 * share their protocols' option levels (TCP, UDP, MPTCP), their ancillary
 * data and the name-service calls (netdb.c).
 */
#include "core/family.h"
#include "core/feature.h"
#include "family/inet/inet.h"

#include <netinet/in.h>
#include <sys/socket.h>

#ifndef SO_INCOMING_CPU
#define SO_INCOMING_CPU 49
#endif
/* Not in the uapi headers; the kernel's value (include/net/udplite.h). */
#define UDPLITE_SEND_CSCOV 10

/* UDP-Lite and SO_INCOMING_CPU have no symbol of their own: they come with CONFIG_INET. */
static const struct avail_feature inet_features[] = {
	{ .name = "SO_INCOMING_CPU",
	  .subjects = { "socket.SO_INCOMING_CPU" },
	  .config = { "CONFIG_INET" },
	  .probe = { "getsockopt(socket(AF_INET, SOCK_DGRAM, 0), SOL_SOCKET, SO_INCOMING_CPU)",
		     PROBE_GETSOCKOPT, AF_INET, SOCK_DGRAM, 0, SOL_SOCKET, SO_INCOMING_CPU } },
	{ .name = "IPPROTO_UDPLITE",
	  .subjects = { "socket.IPPROTO_UDPLITE" },
	  .config = { "CONFIG_INET" },
	  .probe = { "setsockopt(socket(AF_INET, SOCK_DGRAM, IPPROTO_UDPLITE), IPPROTO_UDPLITE, "
		     "UDPLITE_SEND_CSCOV, [8])", PROBE_SETSOCKOPT, AF_INET, SOCK_DGRAM, IPPROTO_UDPLITE,
		     IPPROTO_UDPLITE, UDPLITE_SEND_CSCOV, 8 },
	  .cases = { "af_inet/udplite.*", "af_inet6/udplite.*" } },
	{ 0 },
};

SOCKSPEC_FAMILY(inet_family, AF_INET,
	.cases = "af_inet",
	.addr = &inet4_addr,
	.opts = inet_opts,
	.cmsgs = inet_cmsgs,
	.features = inet_features);

SOCKSPEC_FAMILY(inet6_family, AF_INET6,
	.cases = "af_inet6",
	.addr = &inet6_addr);
