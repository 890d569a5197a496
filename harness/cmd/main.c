// SPDX-License-Identifier: MIT
/*
 * sockspec: run declarative socket conformance cases against the running
 * kernel, each in its own namespaces, and report KTAP (and JSON, JUnit).
 * The first argument may name a subcommand (commands.h); anything else is
 * a run (run.c).
 */
#include "cmd/commands.h"

#include <string.h>

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} subcommands[] = {
	{ "coverage", cmd_coverage },
	{ "diff", cmd_diff },
	{ "availability", cmd_availability },
	{ "matrix", cmd_matrix },
	{ "lint", cmd_lint },
};

int main(int argc, char **argv)
{
	/* a case folder named like a subcommand can be given as ./NAME */
	for (size_t i = 0; argc > 1 && i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		if (!strcmp(argv[1], subcommands[i].name))
			return subcommands[i].fn(argc - 1, argv + 1);
	return cmd_run(argc, argv);
}
