// SPDX-License-Identifier: MIT
/*
 * AF_INET6: the four-tuple as strace prints it:
 * {sa_family=AF_INET6, sin6_port=htons(0), sin6_flowinfo=htonl(0),
 *  inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}
 */
#include "sock/addr.h"
#include "family/inet/inet.h"
#include "lang/match.h"
#include "util/util.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

static const char *const inet6_fields[] = { "sin6_port", "sin6_flowinfo", "sin6_addr", "sin6_scope_id", NULL };

static int inet6_encode(struct scope *x, const struct node *st, struct sockaddr_storage *ss,
			socklen_t *len, char **err)
{
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;
	long long port, flow, scope;
	if (addr_check_fields(st, inet6_fields, err) ||
	    addr_field_int(x, st, "sin6_port", &port, err) ||
	    addr_field_int(x, st, "sin6_flowinfo", &flow, err) ||
	    addr_field_int(x, st, "sin6_scope_id", &scope, err))
		return -1;
	s6->sin6_port = (in_port_t)port;
	s6->sin6_flowinfo = (uint32_t)flow;
	s6->sin6_scope_id = (uint32_t)scope;
	const struct node *a = node_get_field(st, "sin6_addr");
	if (a) {
		size_t n;
		unsigned char b[16];
		if (eval_bytes(x, a, b, sizeof(b), &n, err))
			return -1;
		if (n != 16) {
			*err = xasprintf("%d:%d: sin6_addr needs an IPv6 address", a->line, a->col);
			return -1;
		}
		memcpy(&s6->sin6_addr, b, 16);
	}
	*len = sizeof(*s6);
	return 0;
}

static struct node *inet6_decode(const struct sockaddr_storage *ss, socklen_t len)
{
	const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)ss;
	struct node *st = addr_new(AF_INET6, "AF_INET6");
	if (len < sizeof(*s6))
		return st;
	char buf[INET6_ADDRSTRLEN];
	inet_ntop(AF_INET6, &s6->sin6_addr, buf, sizeof(buf));
	node_field(st, "sin6_port", node_call("htons", node_int(ntohs(s6->sin6_port))));
	node_field(st, "sin6_flowinfo", node_call("htonl", node_int(ntohl(s6->sin6_flowinfo))));
	struct node *pton = node_call("inet_pton", node_sym("AF_INET6", AF_INET6));
	node_push(pton, node_str(buf, strlen(buf)));
	struct node *ref = node_new(N_REF);
	ref->name = xstrdup("sin6_addr");
	node_push(pton, ref);
	node_push(st, pton);
	node_field(st, "sin6_scope_id", node_int(s6->sin6_scope_id));
	return st;
}

const struct addr_codec inet6_addr = {
	.family = AF_INET6,
	.name = "AF_INET6",
	.fields = inet6_fields,
	.encode = inet6_encode,
	.decode = inet6_decode,
};
