// SPDX-License-Identifier: MIT
/*
 * AF_BLUETOOTH (core/family.h), without a controller: L2CAP, RFCOMM, SCO
 * and HCI sockets.  Its option levels reuse IP's numbers (SOL_HCI 0 is
 * SOL_IP, SOL_L2CAP 6 SOL_TCP, SOL_SCO 17 SOL_UDP), so its option shapes
 * apply to its own sockets only (own_opts).
 */
#include "core/family.h"
#include "sock/addr.h"
#include "sock/sockopt.h"

#include <sys/socket.h>

extern const struct addr_codec addr_bluetooth;	/* addr.c */
extern const struct sockopt_ext bt_opts[];	/* sockopt.c */

static const struct module_sym bt_modules[] = {
	{ "bluetooth", "CONFIG_BT" }, { "bnep", "CONFIG_BT_BNEP" }, { "hidp", "CONFIG_BT_HIDP" },
	{ "rfcomm", "CONFIG_BT_RFCOMM" },
	{ 0 },
};

SOCKSPEC_FAMILY(bluetooth_family, AF_BLUETOOTH,
	.cases = "af_bluetooth",
	.vm_only = true,
	.addr = &addr_bluetooth,
	.own_opts = bt_opts,
	.modules = bt_modules);
