// SPDX-License-Identifier: MIT
/*
 * AF_VSOCK (core/family.h), over the loopback transport only.  Its
 * destination rule holds whatever a case says: steps may reach
 * VMADDR_CID_LOCAL and nothing else, and only while the vsock_loopback
 * transport is there (without it the kernel would route CID 1 out through
 * the guest-to-host transport, off this machine).
 */
#include "core/family.h"
#include "sock/addr.h"
#include "sock/sockopt.h"
#include "core/feature.h"
#include "exec/kernel.h"
#include "util/util.h"

#include <linux/vm_sockets.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

extern const struct addr_codec addr_vsock;	/* addr.c */
extern const struct sockopt_ext vsock_opts[];	/* sockopt.c */

/*
 * Is the vsock loopback transport there?  A loaded module shows in
 * /sys/module; a built-in one may not (it has no parameters), so the
 * running kernel's own config is read too -- never a --kconfig file, which
 * may describe another kernel.
 */
static bool loopback_present(void)
{
	if (access("/sys/module/vsock_loopback", F_OK) == 0)
		return true;
	struct kinfo ki;
	memset(&ki, 0, sizeof(ki));
	kinfo_load(&ki, NULL);
	const char *v = kconfig_get(&ki, "CONFIG_VSOCKETS_LOOPBACK");
	bool builtin = v && !strcmp(v, "y");
	kinfo_free(&ki);
	return builtin;
}

static int vsock_destination(const struct sockaddr_storage *ss, socklen_t len, char **err)
{
	const struct sockaddr_vm *vm = (const struct sockaddr_vm *)ss;
	if (len < sizeof(*vm) || vm->svm_cid != VMADDR_CID_LOCAL) {
		*err = xasprintf("refused: AF_VSOCK steps may only reach VMADDR_CID_LOCAL (1), "
				 "not CID %u; other CIDs leave this machine",
				 len < sizeof(*vm) ? 0u : vm->svm_cid);
		return -1;
	}
	if (!loopback_present()) {
		*err = xstrdup("refused: VMADDR_CID_LOCAL without the vsock_loopback transport "
			       "would go out through the guest-to-host transport; declare "
			       "'requires module vsock_loopback'");
		return -1;
	}
	return 0;
}

static const struct avail_feature vsock_features[] = {
	{ .name = "AF_VSOCK",
	  .subjects = { "socket.AF_VSOCK", "socket.IOCTL_VM_SOCKETS_GET_LOCAL_CID", "socket.VMADDR*",
			"socket.SO_VM*" },
	  .config = { "CONFIG_VSOCKETS" },
	  /* a socket only: nothing is connected or sent anywhere */
	  .probe = { "socket(AF_VSOCK, SOCK_STREAM, 0)", PROBE_SOCKET, AF_VSOCK, SOCK_STREAM, 0 },
	  .cases = { "af_vsock/*" } },	{ 0 },
};

static const struct module_sym vsock_modules[] = {
	{ "vsock", "CONFIG_VSOCKETS" }, { "vsock_loopback", "CONFIG_VSOCKETS_LOOPBACK" },
	{ "vsock_diag", "CONFIG_VSOCKETS_DIAG" }, { "vhost_vsock", "CONFIG_VHOST_VSOCK" },
	{ 0 },
};

SOCKSPEC_FAMILY(vsock_family, AF_VSOCK,
	.cases = "af_vsock",
	.vm_only = true,
	.addr = &addr_vsock,
	.opts = vsock_opts,
	.modules = vsock_modules,
	.features = vsock_features,
	.destination = vsock_destination);
