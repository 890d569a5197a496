// SPDX-License-Identifier: MIT
/*
 * The features socket.rst gives a Linux availability note, and how to see
 * each on a kernel: the CONFIG_ symbols it depends on (which the notes
 * never mention), one probe, and the case ids about it besides the cases
 * whose doc line cites one of its subjects.  A note whose subjects are in
 * no row still gets a verdict, from the cases citing it alone.
 *
 * Symbols are the ones the feature's code is built under (net/can/Kconfig,
 * crypto/Kconfig, net/vmw_vsock/Kconfig...).  UDP-Lite, SOCK_CLOEXEC and
 * SO_INCOMING_CPU have no symbol of their own: they come with CONFIG_INET
 * or the core.
 */
#include "avail/avail.h"

#include <linux/can.h>
#include <linux/can/raw.h>
#include <linux/if_ether.h>
#include <netinet/in.h>
#include <sys/socket.h>

#ifndef SOL_CAN_RAW
#define SOL_CAN_RAW (SOL_CAN_BASE + CAN_RAW)
#endif
#ifndef AF_QIPCRTR
#define AF_QIPCRTR 42
#endif
#ifndef SO_INCOMING_CPU
#define SO_INCOMING_CPU 49
#endif
/* Not in the uapi headers; the kernel's value (include/net/udplite.h). */
#define UDPLITE_SEND_CSCOV 10

#define CAN_RAW_SOCKET "socket(AF_CAN, SOCK_RAW, CAN_RAW)"

const struct avail_feature avail_features[] = {
	{ .name = "SOCK_CLOEXEC",
	  .subjects = { "socket.SOCK_CLOEXEC", "socket.SOCK_NONBLOCK" },
	  .probe = { "socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, 0): FD_CLOEXEC, O_NONBLOCK",
		     PROBE_FLAGS, AF_UNIX, SOCK_STREAM, 0 } },
	{ .name = "AF_CAN",
	  .subjects = { "socket.AF_CAN", "socket.PF_CAN", "socket.SOL_CAN_*", "socket.CAN_*" },
	  .config = { "CONFIG_CAN", "CONFIG_CAN_RAW" },
	  .probe = { CAN_RAW_SOCKET, PROBE_SOCKET, AF_CAN, SOCK_RAW, CAN_RAW },
	  .cases = { "af_can/*" } },
	{ .name = "CAN_BCM", .parent = "AF_CAN",
	  .subjects = { "socket.CAN_BCM", "socket.CAN_BCM_*" },
	  .config = { "CONFIG_CAN", "CONFIG_CAN_BCM" },
	  .probe = { "socket(AF_CAN, SOCK_DGRAM, CAN_BCM)", PROBE_SOCKET, AF_CAN, SOCK_DGRAM, CAN_BCM },
	  .cases = { "af_can/bcm*" } },
	{ .name = "CAN_RAW_FD_FRAMES", .parent = "AF_CAN",
	  .subjects = { "socket.CAN_RAW_FD_FRAMES" },
	  .config = { "CONFIG_CAN", "CONFIG_CAN_RAW" },
	  .probe = { "setsockopt(" CAN_RAW_SOCKET ", SOL_CAN_RAW, CAN_RAW_FD_FRAMES, [1])",
		     PROBE_SETSOCKOPT, AF_CAN, SOCK_RAW, CAN_RAW, SOL_CAN_RAW, CAN_RAW_FD_FRAMES, 1 } },
	{ .name = "CAN_RAW_JOIN_FILTERS", .parent = "AF_CAN",
	  .subjects = { "socket.CAN_RAW_JOIN_FILTERS" },
	  .config = { "CONFIG_CAN", "CONFIG_CAN_RAW" },
	  .probe = { "setsockopt(" CAN_RAW_SOCKET ", SOL_CAN_RAW, CAN_RAW_JOIN_FILTERS, [1])",
		     PROBE_SETSOCKOPT, AF_CAN, SOCK_RAW, CAN_RAW, SOL_CAN_RAW, CAN_RAW_JOIN_FILTERS, 1 } },
	{ .name = "CAN_ISOTP", .parent = "AF_CAN",
	  .subjects = { "socket.CAN_ISOTP" },
	  .config = { "CONFIG_CAN", "CONFIG_CAN_ISOTP" },
	  .probe = { "socket(AF_CAN, SOCK_DGRAM, CAN_ISOTP)", PROBE_SOCKET, AF_CAN, SOCK_DGRAM, CAN_ISOTP },
	  .cases = { "af_can/isotp*" } },
	{ .name = "CAN_J1939", .parent = "AF_CAN",
	  .subjects = { "socket.CAN_J1939" },
	  .config = { "CONFIG_CAN", "CONFIG_CAN_J1939" },
	  .probe = { "socket(AF_CAN, SOCK_DGRAM, CAN_J1939)", PROBE_SOCKET, AF_CAN, SOCK_DGRAM, CAN_J1939 },
	  .cases = { "af_can/j1939*" } },
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
	{ .name = "AF_RDS",
	  .subjects = { "socket.AF_RDS", "socket.PF_RDS", "socket.SOL_RDS", "socket.RDS_*" },
	  .config = { "CONFIG_RDS" },
	  /* rds.ko has no net-pf-21 alias: socket() does not load it, so load it first */
	  .probe = { "socket(AF_RDS, SOCK_SEQPACKET, 0)", PROBE_SOCKET, AF_RDS, SOCK_SEQPACKET, 0,
		     .module = "rds" },
	  .cases = { "af_rds/*" } },
	{ .name = "AF_ALG",
	  .subjects = { "socket.AF_ALG", "socket.SOL_ALG", "socket.ALG_*" },
	  .config = { "CONFIG_CRYPTO_USER_API" },
	  .probe = { "socket(AF_ALG, SOCK_SEQPACKET, 0)", PROBE_SOCKET, AF_ALG, SOCK_SEQPACKET, 0 },
	  .cases = { "af_alg/*" } },
	{ .name = "sendmsg_afalg", .parent = "AF_ALG",
	  .subjects = { "socket.socket.sendmsg_afalg" },
	  .config = { "CONFIG_CRYPTO_USER_API_SKCIPHER" },
	  .probe = { "bind(socket(AF_ALG, SOCK_SEQPACKET, 0), {salg_type=\"skcipher\", salg_name=\"cbc(aes)\"})",
		     PROBE_ALG_BIND, AF_ALG, SOCK_SEQPACKET, 0, .alg_type = "skcipher",
		     .alg_name = "cbc(aes)" } },
	{ .name = "AF_VSOCK",
	  .subjects = { "socket.AF_VSOCK", "socket.IOCTL_VM_SOCKETS_GET_LOCAL_CID", "socket.VMADDR*",
			"socket.SO_VM*" },
	  .config = { "CONFIG_VSOCKETS" },
	  /* a socket only: nothing is connected or sent anywhere */
	  .probe = { "socket(AF_VSOCK, SOCK_STREAM, 0)", PROBE_SOCKET, AF_VSOCK, SOCK_STREAM, 0 },
	  .cases = { "af_vsock/*" } },
	{ .name = "AF_QIPCRTR",
	  .subjects = { "socket.AF_QIPCRTR" },
	  .config = { "CONFIG_QRTR" },
	  /* qrtr refuses sockets outside the initial network namespace (EAFNOSUPPORT) */
	  .probe = { "socket(AF_QIPCRTR, SOCK_DGRAM, 0)", PROBE_SOCKET, AF_QIPCRTR, SOCK_DGRAM, 0,
		     .init_netns = true },
	  .cases = { "af_qipcrtr/*" } },
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
};

const size_t avail_nfeatures = sizeof(avail_features) / sizeof(avail_features[0]);
