// SPDX-License-Identifier: MIT
/*
 * AF_UNIX: {sa_family=AF_UNIX, sun_path="path"} for filesystem names,
 * sun_path=@"name" for Linux's abstract namespace (leading NUL), and plain
 * {sa_family=AF_UNIX} for an unnamed socket (address length 2), as strace
 * prints them.
 */
#include "sock/addr.h"
#include "lang/match.h"
#include "util/util.h"

#include <stddef.h>
#include <string.h>
#include <sys/un.h>

#define PATH_OFF offsetof(struct sockaddr_un, sun_path)

static const char *const unix_fields[] = { "sun_path", NULL };

static int unix_encode(struct scope *x, const struct node *st, struct sockaddr_storage *ss,
		       socklen_t *len, char **err)
{
	if (addr_check_fields(st, unix_fields, err))
		return -1;
	const struct node *p = node_get_field(st, "sun_path");
	*len = PATH_OFF;
	if (!p)
		return 0;	/* length 2: the kernel autobinds on bind() */
	unsigned char *dst = (unsigned char *)ss + PATH_OFF;
	size_t room = sizeof(*ss) - PATH_OFF, n;
	/* a $variable holding a captured abstract name stays abstract */
	if (p->kind == N_VAR) {
		const struct node *b = var_get(x, p->name);
		if (b)
			p = b;	/* unbound: eval_bytes reports it */
	}
	bool abstract = p->kind == N_STR && p->abstract;
	if (abstract) {
		dst[0] = 0;
		if (eval_bytes(x, p, dst + 1, room - 1, &n, err))
			return -1;
		*len = (socklen_t)(PATH_OFF + 1 + n);
		return 0;
	}
	if (eval_bytes(x, p, dst, room, &n, err))
		return -1;
	/*
	 * Pass the terminating NUL when it fits in sun_path, as C programs do;
	 * a 108-byte path goes without one (the kernel accepts that), and a
	 * longer one is passed as is so the kernel's own limit shows.
	 */
	if (n < sizeof(((struct sockaddr_un *)0)->sun_path))
		n++;
	*len = (socklen_t)(PATH_OFF + n);
	return 0;
}

static struct node *unix_decode(const struct sockaddr_storage *ss, socklen_t len)
{
	struct node *st = addr_new(AF_UNIX, "AF_UNIX");
	if (len <= PATH_OFF)
		return st;
	const char *p = (const char *)ss + PATH_OFF;
	size_t n = (size_t)len - PATH_OFF;
	if (n > sizeof(*ss) - PATH_OFF)
		n = sizeof(*ss) - PATH_OFF;
	struct node *v;
	if (p[0] == 0) {
		v = node_str(p + 1, n - 1);
		v->abstract = true;
	} else {
		v = node_str(p, strnlen(p, n));
	}
	node_field(st, "sun_path", v);
	return st;
}

const struct addr_codec addr_unix = {
	.family = AF_UNIX,
	.name = "AF_UNIX",
	.fields = unix_fields,
	.encode = unix_encode,
	.decode = unix_decode,
};
