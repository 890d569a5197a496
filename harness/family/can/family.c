// SPDX-License-Identifier: MIT
/*
 * AF_CAN (core/family.h): CAN_RAW, CAN_BCM, CAN_ISOTP and CAN_J1939 on
 * vcan and vxcan links.  This project's own machine has no CAN, so its
 * cases run in the VMs (scripts/vm-run).
 */
#include "core/family.h"
#include "core/feature.h"
#include "family/can/can.h"

#include <linux/can.h>
#include <linux/can/raw.h>
#include <sys/socket.h>

#ifndef SOL_CAN_RAW
#define SOL_CAN_RAW (SOL_CAN_BASE + CAN_RAW)
#endif

#define CAN_RAW_SOCKET "socket(AF_CAN, SOCK_RAW, CAN_RAW)"

static const struct avail_feature can_features[] = {
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
	  .cases = { "af_can/j1939*" } },	{ 0 },
};

static const struct module_sym can_modules[] = {
	{ "can", "CONFIG_CAN" }, { "can_raw", "CONFIG_CAN_RAW" }, { "can_bcm", "CONFIG_CAN_BCM" },
	{ "can_gw", "CONFIG_CAN_GW" }, { "can_isotp", "CONFIG_CAN_ISOTP" },
	{ "can_j1939", "CONFIG_CAN_J1939" },
	/* the link kinds of its fixtures */
	{ "vcan", "CONFIG_CAN_VCAN" }, { "vxcan", "CONFIG_CAN_VXCAN" },
	{ 0 },
};

SOCKSPEC_FAMILY(can_family, AF_CAN,
	.cases = "af_can",
	.vm_only = true,
	.addr = &addr_can,
	.opts = can_opts,
	.payloads = can_codecs,
	.modules = can_modules,
	.features = can_features,
	.protocol = can_protocol);
