// SPDX-License-Identifier: MIT
/*
 * AF_QIPCRTR (core/family.h).  qrtr refuses sockets outside the initial
 * network namespace, so its cases declare 'netns initial' and run only in
 * a VM the suite booted.
 */
#include "core/family.h"
#include "sock/addr.h"
#include "sock/payload.h"
#include "core/feature.h"

#include <sys/socket.h>

#ifndef AF_QIPCRTR
#define AF_QIPCRTR 42
#endif

extern const struct addr_codec addr_qrtr;		/* addr.c */
extern const struct payload_codec qrtr_codecs[];	/* payload.c */

static const struct avail_feature qrtr_features[] = {
	{ .name = "AF_QIPCRTR",
	  .subjects = { "socket.AF_QIPCRTR" },
	  .config = { "CONFIG_QRTR" },
	  /* qrtr refuses sockets outside the initial network namespace (EAFNOSUPPORT) */
	  .probe = { "socket(AF_QIPCRTR, SOCK_DGRAM, 0)", PROBE_SOCKET, AF_QIPCRTR, SOCK_DGRAM, 0,
		     .init_netns = true },
	  .cases = { "af_qipcrtr/*" } },	{ 0 },
};

static const struct module_sym qrtr_modules[] = {
	{ "qrtr", "CONFIG_QRTR" },
	{ 0 },
};

SOCKSPEC_FAMILY(qrtr_family, AF_QIPCRTR,
	.cases = "af_qipcrtr",
	.vm_only = true,
	.addr = &addr_qrtr,
	.payloads = qrtr_codecs,
	.modules = qrtr_modules,
	.features = qrtr_features);
