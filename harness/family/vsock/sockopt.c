// SPDX-License-Identifier: MIT
/*
 * AF_VSOCK socket options (level AF_VSOCK, linux/vm_sockets.h):
 *
 *   SO_VM_SOCKETS_BUFFER_SIZE, _MIN_SIZE, _MAX_SIZE    [262144]
 *     64-bit values: [N] is laid out as a u64 (optlen 8) and an 8-byte
 *     answer decodes as [N].  An int-sized value, to see the kernel refuse
 *     it, is [N] with an explicit optlen 4 or raw bytes.
 *   SO_VM_SOCKETS_CONNECT_TIMEOUT_OLD (= _CONNECT_TIMEOUT on 64-bit ABIs)
 *     {tv_sec=2, tv_usec=0}: struct __kernel_old_timeval, two longs;
 *   SO_VM_SOCKETS_CONNECT_TIMEOUT_NEW
 *     {tv_sec=2, tv_usec=0}: struct __kernel_sock_timeval, two s64.
 * Other SO_VM_* options are ints, as every option not listed anywhere.
 */
#include "sock/sockopt.h"
#include "lang/match.h"
#include "util/util.h"

#include <linux/vm_sockets.h>
#include <stdint.h>
#include <string.h>

#ifndef SO_VM_SOCKETS_CONNECT_TIMEOUT_NEW	/* uapi headers before 5.1 */
#define SO_VM_SOCKETS_CONNECT_TIMEOUT_OLD 6
#define SO_VM_SOCKETS_CONNECT_TIMEOUT_NEW 8
#endif

static int u64_encode(struct scope *x, const struct node *n, unsigned char *buf, size_t cap,
		      socklen_t *len, char **err)
{
	long long v;
	if (n->kind != N_LIST || n->nkids != 1) {
		*err = xasprintf("%d:%d: a buffer size is a 64-bit value, written [N]", n->line,
				 n->col);
		return -1;
	}
	if (cap < sizeof(uint64_t) || eval_int(x, n->kids[0], &v, err))
		return -1;
	uint64_t u = (uint64_t)v;
	memcpy(buf, &u, sizeof(u));
	*len = sizeof(u);
	return 0;
}

static struct node *u64_decode(const unsigned char *buf, socklen_t len)
{
	if (len != sizeof(uint64_t))
		return node_str(buf, len);
	uint64_t u;
	memcpy(&u, buf, sizeof(u));
	struct node *l = node_new(N_LIST);
	/* a size from 2^63 up would print negative; cases have no use for one */
	node_push(l, node_int((long long)u));
	return l;
}

static const struct opt_field old_tv_f[] = {
	OF_S(tv_sec, 0, sizeof(long)), OF_S(tv_usec, sizeof(long), sizeof(long)),
};
static const struct opt_field new_tv_f[] = {
	OF_S(tv_sec, 0, 8), OF_S(tv_usec, 8, 8),
};
static const struct opt_layout old_tv_l = OPT_LAYOUT("__kernel_old_timeval", 2 * sizeof(long), 0,
						     old_tv_f);
static const struct opt_layout new_tv_l = OPT_LAYOUT("__kernel_sock_timeval", 16, 0, new_tv_f);
static const struct opt_layout *const old_tv[] = { &old_tv_l };
static const struct opt_layout *const new_tv[] = { &new_tv_l };

static int old_tv_encode(struct scope *x, const struct node *n, unsigned char *buf, size_t cap,
			 socklen_t *len, char **err)
{
	return layout_encode(x, old_tv, 1, n, buf, cap, len, err);
}

static struct node *old_tv_decode(const unsigned char *buf, socklen_t len)
{
	return layout_decode(old_tv, 1, buf, len);
}

static int new_tv_encode(struct scope *x, const struct node *n, unsigned char *buf, size_t cap,
			 socklen_t *len, char **err)
{
	return layout_encode(x, new_tv, 1, n, buf, cap, len, err);
}

static struct node *new_tv_decode(const unsigned char *buf, socklen_t len)
{
	return layout_decode(new_tv, 1, buf, len);
}

const struct sockopt_ext vsock_opts[] = {
	{ AF_VSOCK, SO_VM_SOCKETS_BUFFER_SIZE, sizeof(uint64_t), u64_encode, u64_decode, { 0 } },
	{ AF_VSOCK, SO_VM_SOCKETS_BUFFER_MIN_SIZE, sizeof(uint64_t), u64_encode, u64_decode, { 0 } },
	{ AF_VSOCK, SO_VM_SOCKETS_BUFFER_MAX_SIZE, sizeof(uint64_t), u64_encode, u64_decode, { 0 } },
	{ AF_VSOCK, SO_VM_SOCKETS_CONNECT_TIMEOUT_OLD, 2 * sizeof(long), old_tv_encode,
	  old_tv_decode, { 0 } },
	{ AF_VSOCK, SO_VM_SOCKETS_CONNECT_TIMEOUT_NEW, 16, new_tv_encode, new_tv_decode, { 0 } },
	{ 0 },
};

