// SPDX-License-Identifier: MIT
/*
 * AF_VSOCK, struct sockaddr_vm (linux/vm_sockets.h):
 *
 *   {sa_family=AF_VSOCK, svm_cid=VMADDR_CID_LOCAL, svm_port=1234}
 *
 * socket.rst's (CID, port) pair.  Both are u32; the special values decode by
 * name -- svm_cid VMADDR_CID_ANY, VMADDR_CID_HYPERVISOR, VMADDR_CID_LOCAL,
 * VMADDR_CID_HOST, svm_port VMADDR_PORT_ANY -- and compare by value, so a
 * case may write svm_cid=1 or svm_cid=VMADDR_CID_LOCAL.  A port the kernel
 * picked is best captured, svm_port=$port, and used again as input.
 * svm_flags (VMADDR_FLAG_TO_HOST, Linux 5.10) may be passed; it is decoded
 * only when it is not 0, so the usual address is the pair alone.
 *
 * Where a step may send is not this file's business: addr_check_destination
 * (addr.c) refuses every destination but VMADDR_CID_LOCAL through the
 * loopback transport, whatever the case wrote.
 */
#include "sock/addr.h"
#include "util/util.h"

#include <linux/vm_sockets.h>
#include <string.h>

static const char *const vsock_fields[] = { "svm_cid", "svm_port", "svm_flags", NULL };

static int vsock_encode(struct scope *x, const struct node *st, struct sockaddr_storage *ss,
			socklen_t *len, char **err)
{
	struct sockaddr_vm *vm = (struct sockaddr_vm *)ss;
	long long cid, port, flags;
	if (addr_check_fields(st, vsock_fields, err) ||
	    addr_field_int(x, st, "svm_cid", &cid, err) ||
	    addr_field_int(x, st, "svm_port", &port, err) ||
	    addr_field_int(x, st, "svm_flags", &flags, err))
		return -1;
	/* u32 fields: -1 is VMADDR_CID_ANY / VMADDR_PORT_ANY, as in C */
	vm->svm_cid = (unsigned int)cid;
	vm->svm_port = (unsigned int)port;
	vm->svm_flags = (__u8)flags;
	*len = sizeof(*vm);
	return 0;
}

static struct node *cid_node(unsigned int cid)
{
	switch (cid) {
	case VMADDR_CID_ANY: return node_sym("VMADDR_CID_ANY", VMADDR_CID_ANY);
	case VMADDR_CID_HYPERVISOR: return node_sym("VMADDR_CID_HYPERVISOR", VMADDR_CID_HYPERVISOR);
	case VMADDR_CID_LOCAL: return node_sym("VMADDR_CID_LOCAL", VMADDR_CID_LOCAL);
	case VMADDR_CID_HOST: return node_sym("VMADDR_CID_HOST", VMADDR_CID_HOST);
	default: return node_int(cid);
	}
}

static struct node *vsock_decode(const struct sockaddr_storage *ss, socklen_t len)
{
	const struct sockaddr_vm *vm = (const struct sockaddr_vm *)ss;
	struct node *st = addr_new(AF_VSOCK, "AF_VSOCK");
	if (len < sizeof(*vm))
		return st;
	node_field(st, "svm_cid", cid_node(vm->svm_cid));
	node_field(st, "svm_port", vm->svm_port == VMADDR_PORT_ANY
			   ? node_sym("VMADDR_PORT_ANY", VMADDR_PORT_ANY) : node_int(vm->svm_port));
	if (vm->svm_flags)
		node_field(st, "svm_flags", node_int(vm->svm_flags));
	return st;
}

const struct addr_codec addr_vsock = {
	.family = AF_VSOCK,
	.name = "AF_VSOCK",
	.fields = vsock_fields,
	.encode = vsock_encode,
	.decode = vsock_decode,
};
