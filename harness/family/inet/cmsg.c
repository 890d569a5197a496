// SPDX-License-Identifier: MIT
/*
 * Ancillary data of the IP and IPv6 levels (sock/cmsg.h):
 *   {ipi_ifindex=.., ipi_spec_dst=inet_addr(".."), ipi_addr=inet_addr("..")}  IP_PKTINFO
 *   {inet_pton(AF_INET6, "::1", &ipi6_addr), ipi6_ifindex=..}                IPV6_PKTINFO
 *   [N]  IP_TOS, IP_TTL, IPV6_HOPLIMIT, IPV6_TCLASS
 */
#define _GNU_SOURCE
#include "family/inet/inet.h"
#include "sock/cmsg.h"

#include <netinet/in.h>
#include <stddef.h>

static const struct cmsg_field pktinfo_fields[] = {
	{ "ipi_ifindex", offsetof(struct in_pktinfo, ipi_ifindex), false, NULL },
	{ "ipi_spec_dst", offsetof(struct in_pktinfo, ipi_spec_dst), false, &inet4_field },
	{ "ipi_addr", offsetof(struct in_pktinfo, ipi_addr), false, &inet4_field },
	{ NULL, 0, false, NULL },
};

static const struct cmsg_field pktinfo6_fields[] = {
	{ "ipi6_addr", offsetof(struct in6_pktinfo, ipi6_addr), false, &inet6_field },
	{ "ipi6_ifindex", offsetof(struct in6_pktinfo, ipi6_ifindex), true, NULL },
	{ NULL, 0, false, NULL },
};

#define INT_ITEM(level, type) { level, type, #level, #type, CMSG_INT, NULL, 0, NULL, NULL }

const struct cmsg_shape inet_cmsgs[] = {
	{ SOL_IP, IP_PKTINFO, "SOL_IP", "IP_PKTINFO", CMSG_STRUCT, pktinfo_fields,
	  sizeof(struct in_pktinfo), NULL, NULL },
	INT_ITEM(SOL_IP, IP_TOS),
	INT_ITEM(SOL_IP, IP_TTL),
	{ SOL_IPV6, IPV6_PKTINFO, "SOL_IPV6", "IPV6_PKTINFO", CMSG_STRUCT, pktinfo6_fields,
	  sizeof(struct in6_pktinfo), NULL, NULL },
	INT_ITEM(SOL_IPV6, IPV6_HOPLIMIT),
	INT_ITEM(SOL_IPV6, IPV6_TCLASS),
	{ 0 },
};
