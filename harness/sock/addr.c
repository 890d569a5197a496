// SPDX-License-Identifier: MIT
#include "sock/addr.h"
#include "lang/consts.h"
#include "exec/kconfig.h"
#include "lang/match.h"
#include "sock/sockproto.h"
#include "util/util.h"

#include <linux/vm_sockets.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct addr_codec *const codecs[] = {
	&addr_unix, &addr_inet, &addr_inet6, &addr_netlink, &addr_packet,
	&addr_can, &addr_alg, &addr_tipc, &addr_vsock, &addr_qrtr, &addr_bluetooth,
};

const struct addr_codec *addr_codec_find(int family)
{
	for (size_t i = 0; i < ARRAY_SIZE(codecs); i++)
		if (codecs[i] && codecs[i]->family == family)
			return codecs[i];
	return NULL;
}

struct node *addr_new(int family, const char *name)
{
	struct node *st = node_new(N_STRUCT);
	node_field(st, "sa_family", node_sym(name, family));
	return st;
}

int addr_field_int(struct scope *x, const struct node *st, const char *key,
		   long long *v, char **err)
{
	const struct node *f = node_get_field(st, key);
	*v = 0;
	return f ? eval_int(x, f, v, err) : 0;
}

int addr_field_u32(struct scope *x, const struct node *st, const char *key, uint32_t *out,
		   char **err)
{
	long long v;
	if (addr_field_int(x, st, key, &v, err))
		return -1;
	if (v < INT32_MIN || v > UINT32_MAX) {
		const struct node *f = node_get_field(st, key);
		*err = xasprintf("%d:%d: %s is a 32-bit value", f->line, f->col, key);
		return -1;
	}
	*out = (uint32_t)v;
	return 0;
}

int addr_check_fields(const struct node *st, const char *const *known, char **err)
{
	const struct node *e = node_unknown_field(st, known, "sa_family");
	if (e) {
		const char *k = node_entry_key(e);
		*err = xasprintf("%d:%d: '%s' is not a field of this address family", e->line,
				 e->col, k ? k : "(unnamed value)");
		return -1;
	}
	return 0;
}

int addr_check_literal(const struct node *st, int *col, char **err)
{
	const struct node *f = node_get_field(st, "sa_family");
	*col = st->col;
	if (!f) {
		*err = xstrdup("an address starts with sa_family=AF_...");
		return -1;
	}
	if (f->kind != N_SYM && f->kind != N_INT)
		return 0;	/* a $variable: checked when the step runs */
	const struct addr_codec *c = addr_codec_find((int)f->ival);
	if (!c)
		return 0;
	for (size_t i = 0; i < st->nkids; i++) {
		const struct node *e = st->kids[i];
		const char *k = node_entry_key(e);
		if (e->kind == N_ELLIPSIS || (k && !strcmp(k, "sa_family")))
			continue;
		bool found = false;
		for (size_t j = 0; k && c->fields[j]; j++)
			found |= !strcmp(k, c->fields[j]);
		if (!found) {
			struct sbuf sb = { 0 };
			for (size_t j = 0; c->fields[j]; j++)
				sb_printf(&sb, "%s%s", j ? ", " : "", c->fields[j]);
			*col = e->col;
			*err = xasprintf("%s is not a field of %s addresses (fields: %s)",
					 k ? k : "this value", c->name, sb.s);
			sb_free(&sb);
			return -1;
		}
	}
	return 0;
}

/* A family without a codec: sa_family plus raw sa_data bytes. */
static int encode_generic(struct scope *x, const struct node *st, long long fam,
			  struct sockaddr_storage *ss, socklen_t *len, char **err)
{
	static const char *const known[] = { "sa_data", NULL };
	if (addr_check_fields(st, known, err))
		return -1;
	ss->ss_family = (sa_family_t)fam;
	*len = sizeof(sa_family_t);
	const struct node *d = node_get_field(st, "sa_data");
	if (d) {
		size_t n;
		if (eval_bytes(x, d, (unsigned char *)ss + sizeof(sa_family_t),
			       sizeof(*ss) - sizeof(sa_family_t), &n, err))
			return -1;
		*len += (socklen_t)n;
	}
	return 0;
}

int addr_encode(struct scope *x, const struct node *n, struct sockaddr_storage *ss,
		socklen_t *len, char **err)
{
	memset(ss, 0, sizeof(*ss));
	*len = 0;
	if (n->kind == N_NULL)
		return 0;
	if (n->kind == N_VAR) {
		const struct node *b = var_get(x, n->name);
		if (!b) {
			*err = xasprintf("%d:%d: $%s is used before a step captured it", n->line,
					 n->col, n->name);
			return -1;
		}
		return addr_encode(x, b, ss, len, err);
	}
	const struct node *f = node_get_field(n, "sa_family");
	long long fam;
	if (!f) {
		*err = xasprintf("%d:%d: an address needs sa_family=...", n->line, n->col);
		return -1;
	}
	if (eval_int(x, f, &fam, err))
		return -1;
	const struct addr_codec *c = addr_codec_find((int)fam);
	if (!c)
		return encode_generic(x, n, fam, ss, len, err);
	ss->ss_family = (sa_family_t)fam;
	return c->encode(x, n, ss, len, err);
}

struct node *addr_decode(const struct sockaddr_storage *ss, socklen_t len)
{
	if (len < sizeof(sa_family_t))
		return node_new(N_STRUCT);	/* nothing written: {} */
	const struct addr_codec *c = addr_codec_find(ss->ss_family);
	if (c)
		return c->decode(ss, len);
	const char *nm = consts_name(ss->ss_family, "AF_");
	struct node *st = nm ? addr_new(ss->ss_family, nm) : node_new(N_STRUCT);
	if (!nm)
		node_field(st, "sa_family", node_int(ss->ss_family));
	if (len > sizeof(sa_family_t)) {
		size_t n = len > sizeof(*ss) ? sizeof(*ss) : len;
		node_field(st, "sa_data", node_str((const unsigned char *)ss + sizeof(sa_family_t),
						   n - sizeof(sa_family_t)));
	}
	return st;
}

struct node *addr_decode_fd(int fd, const struct sockaddr_storage *ss, socklen_t len)
{
	const struct addr_codec *c =
		len >= sizeof(sa_family_t) ? addr_codec_find(ss->ss_family) : NULL;
	int domain, type, proto;
	if (!c || !c->decode_sock || sock_identify(fd, &domain, &type, &proto) != 0)
		return addr_decode(ss, len);
	return c->decode_sock(ss, len, type, proto);
}

/*
 * Is the vsock loopback transport there?  A loaded module shows in
 * /sys/module; a built-in one may not (it has no parameters), so the
 * running kernel's own config is read too -- never a --kconfig file, which
 * may describe another kernel.
 */
static bool vsock_loopback_present(void)
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

int addr_check_destination(const struct sockaddr_storage *ss, socklen_t len, char **err)
{
	if (len < sizeof(sa_family_t) || ss->ss_family != AF_VSOCK)
		return 0;
	const struct sockaddr_vm *vm = (const struct sockaddr_vm *)ss;
	if (len < sizeof(*vm) || vm->svm_cid != VMADDR_CID_LOCAL) {
		*err = xasprintf("refused: AF_VSOCK steps may only reach VMADDR_CID_LOCAL (1), "
				 "not CID %u; other CIDs leave this machine",
				 len < sizeof(*vm) ? 0u : vm->svm_cid);
		return -1;
	}
	if (!vsock_loopback_present()) {
		*err = xstrdup("refused: VMADDR_CID_LOCAL without the vsock_loopback transport "
			       "would go out through the guest-to-host transport; declare "
			       "'requires module vsock_loopback'");
		return -1;
	}
	return 0;
}
