// SPDX-License-Identifier: MIT
/* The kernel config the cases need (needs.h). */
#define _GNU_SOURCE
#include "avail/needs.h"
#include "avail/avail.h"
#include "lang/case.h"
#include "exec/fixture.h"
#include "util/util.h"

#include <stdlib.h>
#include <string.h>

struct name_sym {
	const char *name, *sym;
};

/* Modules the cases load, and the symbol each is built under. */
static const struct name_sym modules[] = {
	{ "af_alg", "CONFIG_CRYPTO_USER_API" }, { "algif_aead", "CONFIG_CRYPTO_USER_API_AEAD" },
	{ "algif_hash", "CONFIG_CRYPTO_USER_API_HASH" }, { "algif_rng", "CONFIG_CRYPTO_USER_API_RNG" },
	{ "algif_skcipher", "CONFIG_CRYPTO_USER_API_SKCIPHER" }, { "bluetooth", "CONFIG_BT" },
	{ "bnep", "CONFIG_BT_BNEP" }, { "can", "CONFIG_CAN" }, { "can_bcm", "CONFIG_CAN_BCM" },
	{ "can_gw", "CONFIG_CAN_GW" }, { "can_isotp", "CONFIG_CAN_ISOTP" },
	{ "can_j1939", "CONFIG_CAN_J1939" }, { "can_raw", "CONFIG_CAN_RAW" },
	{ "dummy", "CONFIG_DUMMY" }, { "hidp", "CONFIG_BT_HIDP" }, { "qrtr", "CONFIG_QRTR" },
	{ "rds", "CONFIG_RDS" }, { "rds_tcp", "CONFIG_RDS_TCP" }, { "rfcomm", "CONFIG_BT_RFCOMM" },
	{ "tipc", "CONFIG_TIPC" }, { "vcan", "CONFIG_CAN_VCAN" }, { "veth", "CONFIG_VETH" },
	{ "vhost_vsock", "CONFIG_VHOST_VSOCK" }, { "vsock", "CONFIG_VSOCKETS" },
	{ "vsock_diag", "CONFIG_VSOCKETS_DIAG" }, { "vsock_loopback", "CONFIG_VSOCKETS_LOOPBACK" },
	{ "vxcan", "CONFIG_CAN_VXCAN" },
};

/* Link kinds the fixtures create. */
static const struct name_sym devices[] = {
	{ "bridge", "CONFIG_BRIDGE" }, { "dummy", "CONFIG_DUMMY" }, { "ifb", "CONFIG_IFB" },
	{ "macvlan", "CONFIG_MACVLAN" }, { "vcan", "CONFIG_CAN_VCAN" }, { "veth", "CONFIG_VETH" },
	{ "vxcan", "CONFIG_CAN_VXCAN" },
};

/* What every run needs: a network and a UTS namespace per case, and the core families. */
static const char *const core[] = {
	"CONFIG_NET", "CONFIG_NET_NS", "CONFIG_UTS_NS", "CONFIG_INET", "CONFIG_IPV6", "CONFIG_UNIX",
};

static const char *lookup(const struct name_sym *t, size_t n, const char *name)
{
	char *canon = xstrdup(name);
	for (char *c = canon; *c; c++)
		if (*c == '-')
			*c = '_';
	const char *sym = NULL;
	for (size_t i = 0; i < n && !sym; i++)
		if (strcmp(t[i].name, canon) == 0)
			sym = t[i].sym;
	free(canon);
	return sym;
}

const char *needs_module_symbol(const char *name)
{
	return lookup(modules, ARRAY_SIZE(modules), name);
}

const char *needs_device_symbol(const char *kind)
{
	return lookup(devices, ARRAY_SIZE(devices), kind);
}

struct frag {
	char **line;		/* "CONFIG_X=y" */
	size_t n;
};

static void add(struct frag *fr, const char *sym, const char *value)
{
	fr->line = xrealloc(fr->line, (fr->n + 1) * sizeof(*fr->line));
	fr->line[fr->n++] = xasprintf("%s%s=%s", strncmp(sym, "CONFIG_", 7) ? "CONFIG_" : "", sym,
				      value ? value : "y");
}

static void add_reqs(struct frag *fr, const struct requirement *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (r[i].kind == REQ_CONFIG && r[i].sym)
			add(fr, r[i].sym, r[i].want);
		else if (r[i].kind == REQ_MODULE && needs_module_symbol(r[i].sym))
			add(fr, needs_module_symbol(r[i].sym), NULL);
	}
}

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void needs_write_fragment(FILE *f, struct tcase *const *cases, size_t n)
{
	struct frag fr = { 0 };
	for (size_t i = 0; i < ARRAY_SIZE(core); i++)
		add(&fr, core[i], NULL);
	for (size_t i = 0; i < n; i++) {
		const struct tcase *tc = cases[i];
		add_reqs(&fr, tc->reqs, tc->nreqs);
		if (!i || tc->file != cases[i - 1]->file)
			add_reqs(&fr, tc->file->reqs, tc->file->nreqs);
		for (size_t k = 0; k < tc->nfixtures; k++) {
			const struct fixture *fx = &tc->fixtures[k];
			const char *sym = fx->kind == FX_VETH ? "CONFIG_VETH"
					: fx->kind == FX_DEVICE && fx->peer ? needs_device_symbol(fx->peer)
					: NULL;
			if (sym)
				add(&fr, sym, NULL);
		}
		for (size_t a = 0; a < avail_nfeatures; a++)
			if (avail_feature_has_case(&avail_features[a], tc->id))
				for (size_t c = 0; c < AVAIL_MAX_CONFIG && avail_features[a].config[c]; c++)
					add(&fr, avail_features[a].config[c], NULL);
	}
	if (fr.n > 1)
		qsort(fr.line, fr.n, sizeof(*fr.line), cmp_line);
	/* one line per symbol: a pinned value (=m, =64) wins over the plain =y */
	for (size_t i = 0; i < fr.n; i++) {
		size_t len = strcspn(fr.line[i], "=");
		bool dup = false;
		for (size_t j = 0; j < fr.n && !dup; j++)
			dup = j != i && strncmp(fr.line[j], fr.line[i], len) == 0 && fr.line[j][len] == '=' &&
			      ((strcmp(fr.line[i] + len, "=y") == 0 && strcmp(fr.line[j] + len, "=y")) ||
			       (j < i && strcmp(fr.line[j], fr.line[i]) == 0));
		if (!dup)
			fprintf(f, "%s\n", fr.line[i]);
	}
	for (size_t i = 0; i < fr.n; i++)
		free(fr.line[i]);
	free(fr.line);
}
