// SPDX-License-Identifier: MIT
/*
 * SOL_TIPC option shapes.  Every TIPC option is an int except one:
 *
 *   setsockopt(s, SOL_TIPC, TIPC_GROUP_JOIN, {type=4711, instance=1,
 *              scope=TIPC_NODE_SCOPE, flags=TIPC_GROUP_LOOPBACK})
 *
 * struct tipc_group_req, field by field (fields left out are 0).  Read
 * back, the kernel answers TIPC_GROUP_JOIN with just the group's type, an
 * int, which decodes as [4711]; a 16-byte answer decodes as the structure.
 */
#include "sock/sockopt.h"
#include "util/util.h"

#include <linux/tipc.h>
#include <stddef.h>
#include <string.h>

static const struct opt_field group_req_f[] = {
	OF_U(type, offsetof(struct tipc_group_req, type), 4),
	OF_U(instance, offsetof(struct tipc_group_req, instance), 4),
	OF_U(scope, offsetof(struct tipc_group_req, scope), 4),
	OF_U(flags, offsetof(struct tipc_group_req, flags), 4),
};
static const struct opt_layout group_req =
	OPT_LAYOUT("struct tipc_group_req", sizeof(struct tipc_group_req), 0, group_req_f);
static const struct opt_layout *const group_req_v[] = { &group_req };

static int group_join_encode(struct scope *x, const struct node *n, unsigned char *buf,
			     size_t cap, socklen_t *len, char **err)
{
	return layout_encode(x, group_req_v, 1, n, buf, cap, len, err);
}

static struct node *group_join_decode(const unsigned char *buf, socklen_t len)
{
	if (len == sizeof(int)) {
		int v;
		memcpy(&v, buf, sizeof(v));
		struct node *l = node_new(N_LIST);
		node_push(l, node_int(v));
		return l;
	}
	return layout_decode(group_req_v, 1, buf, len);
}

const struct sockopt_ext tipc_opts[] = {
	{ SOL_TIPC, TIPC_GROUP_JOIN, sizeof(struct tipc_group_req), group_join_encode,
	  group_join_decode, { 0 } },
	{ 0 },
};

