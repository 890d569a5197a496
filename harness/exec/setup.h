/* SPDX-License-Identifier: MIT */
/*
 * The environment a case declares, built inside its namespaces after the
 * sandbox and before its first step: UTS and mount namespaces, a private
 * /etc/hosts and /etc/services, netns sysctls, and finally dropping
 * privilege for cases that check EPERM paths.
 */
#ifndef SOCKSPEC_EXEC_SETUP_H
#define SOCKSPEC_EXEC_SETUP_H

#include "lang/case.h"

/* What the steps need of the environment. */
struct case_env {
	int *netns_fd;		/* per tc->netns entry; [0] is the case's own */
	size_t nnetns;
};

/* 0 ok; -1 with *err (malloc'd): "file:line: what failed: why". */
int case_setup(const struct tcase *tc, struct case_env *env, char **err);

/* For `unprivileged`: give up every capability over the case's namespaces. */
int case_drop_privilege(char **err);

#endif
