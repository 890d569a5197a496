// SPDX-License-Identifier: MIT
/* AF_PACKET (core/family.h). */
#include "core/family.h"
#include "sock/addr.h"
#include "core/feature.h"

#include <linux/if_ether.h>
#include <sys/socket.h>

extern const struct addr_codec addr_packet;	/* addr.c */

static const struct avail_feature packet_features[] = {
	{ .name = "AF_PACKET",
	  .subjects = { "socket.AF_PACKET", "socket.PF_PACKET", "socket.PACKET_*" },
	  .config = { "CONFIG_PACKET" },
	  .probe = { "socket(AF_PACKET, SOCK_RAW, 0)", PROBE_SOCKET, AF_PACKET, SOCK_RAW, 0 },
	  .cases = { "af_packet/*" } },
	{ .name = "ETH_P_ALL", .parent = "AF_PACKET",
	  .subjects = { "socket.ETH_P_ALL" },
	  .config = { "CONFIG_PACKET" },
	  .probe = { "socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL))", PROBE_SOCKET, AF_PACKET,
		     SOCK_RAW, ETH_P_ALL, .protocol_be16 = true } },
	{ .name = "ETHERTYPE_*", .parent = "AF_PACKET",
	  .subjects = { "socket.ETHERTYPE_ARP", "socket.ETHERTYPE_IP", "socket.ETHERTYPE_IPV6",
			"socket.ETHERTYPE_VLAN" },
	  .config = { "CONFIG_PACKET" },
	  .probe = { "socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_ARP))", PROBE_SOCKET, AF_PACKET,
		     SOCK_DGRAM, ETH_P_ARP, .protocol_be16 = true } },
	{ 0 },
};

SOCKSPEC_FAMILY(packet_family, AF_PACKET,
	.cases = "af_packet",
	.addr = &addr_packet,
	.features = packet_features);
