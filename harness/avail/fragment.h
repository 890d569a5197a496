/* SPDX-License-Identifier: MIT */
/*
 * The kernel config the cases need, as a kselftest "config" fragment
 * (CONFIG_X=y lines): the core every case relies on (network and UTS
 * namespaces, inet, unix), each case's `requires config` symbol, the
 * symbol of each module its `requires module` loads and of each device
 * kind its fixtures create, and the symbols of the availability table's
 * features whose cases are among them.  `sockspec --config-fragment`
 * prints it; `make kselftest-install` writes it as the collection's config.
 */
#ifndef SOCKSPEC_AVAIL_FRAGMENT_H
#define SOCKSPEC_AVAIL_FRAGMENT_H

#include <stddef.h>
#include <stdio.h>

struct tcase;

/* The CONFIG_ symbol of module NAME ("vcan" -> "CONFIG_CAN_VCAN"), or NULL. */
const char *needs_module_symbol(const char *name);

/* The CONFIG_ symbol of link kind KIND ("veth" -> "CONFIG_VETH"), or NULL. */
const char *needs_device_symbol(const char *kind);

/* Write the fragment for the N CASES to F, sorted, each symbol once. */
void needs_write_fragment(FILE *f, struct tcase *const *cases, size_t n);

#endif
