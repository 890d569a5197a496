// SPDX-License-Identifier: MIT
/* IP addresses as nodes and as structure fields (inet.h). */
#include "family/inet/inet.h"
#include "lang/match.h"
#include "util/util.h"

#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct node *inet4_node(const unsigned char *a)
{
	char s[INET_ADDRSTRLEN];
	inet_ntop(AF_INET, a, s, sizeof(s));
	return node_call("inet_addr", node_str(s, strlen(s)));
}

struct node *inet6_node(const unsigned char *a, const char *field)
{
	char s[INET6_ADDRSTRLEN];
	inet_ntop(AF_INET6, a, s, sizeof(s));
	struct node *pton = node_call("inet_pton", node_sym("AF_INET6", AF_INET6));
	node_push(pton, node_str(s, strlen(s)));
	struct node *ref = node_new(N_REF);
	ref->name = xstrdup(field);
	node_push(pton, ref);
	return pton;
}

/* inet_addr("...") or an integer in network order already (htonl(INADDR_ANY)) */
static int in4_encode(struct scope *sc, const struct node *v, unsigned char *out, char **err)
{
	unsigned char b[16];
	size_t got;
	char *e2 = NULL;
	if (eval_bytes(sc, v, b, sizeof(b), &got, &e2) == 0 && got == 4) {
		memcpy(out, b, 4);
		return 0;
	}
	free(e2);
	long long iv;
	if (eval_int(sc, v, &iv, err))
		return -1;
	uint32_t a = (uint32_t)iv;
	memcpy(out, &a, 4);
	return 0;
}

static void in4_decode(struct node *st, const char *name, const unsigned char *in)
{
	node_field(st, name, inet4_node(in));
}

static int in6_encode(struct scope *sc, const struct node *v, unsigned char *out, char **err)
{
	unsigned char b[16];
	size_t got;
	char *e2 = NULL;
	if (eval_bytes(sc, v, b, sizeof(b), &got, &e2) == 0 && got == 16) {
		memcpy(out, b, 16);
		return 0;
	}
	free(e2);
	*err = xasprintf("%d:%d: an IPv6 address is inet_pton(AF_INET6, \"...\", &field)",
			 v->line, v->col);
	return -1;
}

/* keyed by its &field, as strace prints it */
static void in6_decode(struct node *st, const char *name, const unsigned char *in)
{
	node_push(st, inet6_node(in, name));
}

const struct field_codec inet4_field = { in4_encode, in4_decode };
const struct field_codec inet6_field = { in6_encode, in6_decode };
