// SPDX-License-Identifier: MIT
/* AF_INET: {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("127.0.0.1")} */
#include "sock/addr.h"
#include "family/inet/inet.h"
#include "lang/match.h"
#include "util/util.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

static const char *const inet_fields[] = { "sin_port", "sin_addr", NULL };

static int inet_encode(struct scope *x, const struct node *st, struct sockaddr_storage *ss,
		       socklen_t *len, char **err)
{
		struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	long long port;
	if (addr_check_fields(st, inet_fields, err) || addr_field_int(x, st, "sin_port", &port, err))
		return -1;
	sin->sin_port = (in_port_t)port;
	const struct node *a = node_get_field(st, "sin_addr");
	if (a) {
		/* inet_addr("...") gives bytes; htonl(INADDR_ANY) an integer */
		unsigned char b[16];
		size_t n;
		long long v;
		char *e2 = NULL;
		if (eval_bytes(x, a, b, sizeof(b), &n, &e2) == 0 && n == 4) {
			memcpy(&sin->sin_addr, b, 4);
		} else if (eval_int(x, a, &v, err) == 0) {
			sin->sin_addr.s_addr = (in_addr_t)v;
		} else {
			free(e2);
			return -1;
		}
		free(e2);
	}
	*len = sizeof(*sin);
	return 0;
}

static struct node *inet_decode(const struct sockaddr_storage *ss, socklen_t len)
{
	const struct sockaddr_in *sin = (const struct sockaddr_in *)ss;
	struct node *st = addr_new(AF_INET, "AF_INET");
	if (len < sizeof(*sin))
		return st;
	char buf[INET_ADDRSTRLEN];
	inet_ntop(AF_INET, &sin->sin_addr, buf, sizeof(buf));
	node_field(st, "sin_port", node_call("htons", node_int(ntohs(sin->sin_port))));
	node_field(st, "sin_addr", node_call("inet_addr", node_str(buf, strlen(buf))));
	return st;
}

const struct addr_codec inet4_addr = {
	.family = AF_INET,
	.name = "AF_INET",
	.fields = inet_fields,
	.encode = inet_encode,
	.decode = inet_decode,
};
