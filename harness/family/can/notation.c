// SPDX-License-Identifier: MIT
/* The AF_CAN notation's shared pieces: see can_notation.h. */
#include "family/can/notation.h"
#include "lang/match.h"
#include "util/util.h"

#include <linux/can.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node *can_hex(unsigned long long v)
{
	char name[24];
	snprintf(name, sizeof(name), "%#llx", v);
	return node_sym(name, (long long)v);
}

/* LOW (a node already made) or-ed with the names of the flag bits set in V. */
static struct node *with_flags(struct node *low, uint32_t v, const struct can_flag *flags,
			       size_t n)
{
	struct node *or = NULL;
	for (size_t i = 0; i < n; i++) {
		if (!(v & flags[i].bit))
			continue;
		if (!or) {
			or = node_new(N_OR);
			node_push(or, low);
		}
		node_push(or, node_sym(flags[i].name, (long long)flags[i].bit));
	}
	return or ? or : low;
}

static const struct can_flag frame_flags[] = {
	{ "CAN_EFF_FLAG", CAN_EFF_FLAG }, { "CAN_RTR_FLAG", CAN_RTR_FLAG },
	{ "CAN_ERR_FLAG", CAN_ERR_FLAG },
};
static const struct can_flag filter_flags[] = {
	{ "CAN_EFF_FLAG", CAN_EFF_FLAG }, { "CAN_RTR_FLAG", CAN_RTR_FLAG },
	{ "CAN_INV_FILTER", CAN_INV_FILTER },
};

struct node *can_id_node(uint32_t id, int filter)
{
	return with_flags(can_hex(id & CAN_EFF_MASK), id, filter ? filter_flags : frame_flags,
			  ARRAY_SIZE(frame_flags));
}

struct node *can_mask_node(uint32_t mask)
{
	uint32_t low = mask & CAN_EFF_MASK;
	struct node *l = low == CAN_SFF_MASK ? node_sym("CAN_SFF_MASK", CAN_SFF_MASK)
		       : low == CAN_EFF_MASK ? node_sym("CAN_EFF_MASK", CAN_EFF_MASK)
		       : can_hex(low);
	/* a mask with only flag bits prints as those flags alone */
	if (!low && (mask & ~CAN_EFF_MASK)) {
		struct node *first = NULL;
		for (size_t i = 0; i < ARRAY_SIZE(frame_flags); i++)
			if (mask & frame_flags[i].bit) {
				first = node_sym(frame_flags[i].name, (long long)frame_flags[i].bit);
				mask &= ~(uint32_t)frame_flags[i].bit;
				break;
			}
		node_free(l);
		return with_flags(first, mask, frame_flags, ARRAY_SIZE(frame_flags));
	}
	return with_flags(l, mask, frame_flags, ARRAY_SIZE(frame_flags));
}

struct node *can_flags_node(unsigned long long v, const struct can_flag *table, size_t n)
{
	if (!v)
		return node_int(0);
	struct node *or = node_new(N_OR);
	unsigned long long rest = v;
	for (size_t i = 0; i < n; i++)
		if ((rest & table[i].bit) == table[i].bit && table[i].bit) {
			node_push(or, node_sym(table[i].name, (long long)table[i].bit));
			rest &= ~table[i].bit;
		}
	if (rest)
		node_push(or, can_hex(rest));
	if (or->nkids == 1) {
		struct node *one = or->kids[0];
		or->nkids = 0;
		node_free(or);
		return one;
	}
	return or;
}

int can_eval_uint(struct scope *x, const struct node *n, unsigned bits, unsigned long long *v,
		  char **err)
{
	long long s;
	if (eval_int(x, n, &s, err))
		return -1;
	if (bits < 64 && (s < 0 || (unsigned long long)s >> bits)) {
		*err = xasprintf("%d:%d: %lld does not fit in %u bits", n->line, n->col, s, bits);
		return -1;
	}
	*v = (unsigned long long)s;
	return 0;
}

int can_check_fields(const struct node *st, const char *const *known, const char *what,
		     char **err)
{
	if (st->kind != N_STRUCT) {
		*err = xasprintf("%d:%d: expected %s here", st->line, st->col, what);
		return -1;
	}
	for (size_t i = 0; i < st->nkids; i++) {
		const struct node *e = st->kids[i];
		const char *k = node_entry_key(e);
		bool found = false;
		for (size_t j = 0; k && known[j]; j++)
			found |= !strcmp(k, known[j]);
		if (!found) {
			struct sbuf sb = { 0 };
			for (size_t j = 0; known[j]; j++)
				sb_printf(&sb, "%s%s", j ? ", " : "", known[j]);
			*err = xasprintf("%d:%d: %s is not a field of %s (fields: %s)", e->line, e->col,
					 k ? k : "this value", what, sb.s);
			sb_free(&sb);
			return -1;
		}
	}
	return 0;
}
