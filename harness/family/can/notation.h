/* SPDX-License-Identifier: MIT */
/*
 * Pieces of the AF_CAN notation shared by the address codec (addr_can.c),
 * the frame and broadcast-manager payloads (payload_can.c) and the option
 * shapes (sockopt_can.c), so an identifier reads the same everywhere:
 *
 *   can_id=0x123                   an 11-bit (standard) identifier
 *   can_id=0x1abcdef|CAN_EFF_FLAG  a 29-bit one; then CAN_RTR_FLAG, CAN_ERR_FLAG
 *   can_id=0x123|CAN_INV_FILTER    in a filter, bit 29 inverts it
 *   can_mask=CAN_SFF_MASK|CAN_EFF_FLAG|CAN_RTR_FLAG   a filter mask
 *
 * The identifier bits come first, in hex (0 for none), then the flag bits
 * from the highest down; a mask's identifier bits are named when they are
 * exactly CAN_SFF_MASK or CAN_EFF_MASK.  Cases write them in this order so
 * that expected and actual lines print alike (any spelling compares by
 * value).
 */
#ifndef SOCKSPEC_FAMILY_CAN_NOTATION_H
#define SOCKSPEC_FAMILY_CAN_NOTATION_H

#include "lang/ast.h"

#include <stddef.h>
#include <stdint.h>

struct scope;

/* A hex number that prints as 0x7ff (0 as 0) and compares by value. */
struct node *can_hex(unsigned long long v);

/* An identifier (FILTER: bit 29 is CAN_INV_FILTER rather than CAN_ERR_FLAG). */
struct node *can_id_node(uint32_t id, int filter);
struct node *can_mask_node(uint32_t mask);

struct can_flag {
	const char *name;
	unsigned long long bit;
};
/* V as the names of TABLE or-ed in table order, leftover bits in hex; 0 is 0. */
struct node *can_flags_node(unsigned long long v, const struct can_flag *table, size_t n);

/* The value of N as an unsigned integer of BITS bits (8, 16, 32, 64); -1 + *err if it does not
 * fit (a case's typo should not be truncated silently). */
int can_eval_uint(struct scope *x, const struct node *n, unsigned bits, unsigned long long *v,
		  char **err);

/*
 * Check that every field of struct ST is one of KNOWN (NULL-terminated);
 * WHAT names the structure in the error ("a CAN frame").
 */
int can_check_fields(const struct node *st, const char *const *known, const char *what,
		     char **err);

#endif
