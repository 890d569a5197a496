/* SPDX-License-Identifier: MIT */
/*
 * Self-registering tables.  A source file that brings a family, a group of
 * calls or value functions puts one pointer to its table in a named linker
 * section; the program walks each section between the __start_ and
 * __stop_ symbols the linker provides.  No array anywhere lists them, so a
 * new family is a new folder, and the order of registration is irrelevant:
 * lookups go by key (a family number, a call name), never by position.
 *
 *   static const struct call_table my_calls = { ... };
 *   SOCKSPEC_REGISTER(calls, struct call_table, my_calls);
 *
 *   SOCKSPEC_FOREACH(calls, struct call_table, t)
 *           ... (*t)->calls ...
 *
 * The sanitizers leave variables in named sections unpadded (they would
 * otherwise put red zones between the pointers), so the walk is the same
 * in every build.
 */
#ifndef SOCKSPEC_CORE_REGISTRY_H
#define SOCKSPEC_CORE_REGISTRY_H

#define SOCKSPEC_REGISTER(kind, type, obj)					\
	static const type *const sockspec_reg_##kind##_##obj			\
	__attribute__((used, section("sockspec_" #kind), aligned(sizeof(void *)))) = &(obj)

/*
 * Declares the section's bounds.  Weak, so that a build with nothing in a
 * section (a unit test linking a few objects) sees an empty walk instead
 * of an undefined symbol.
 */
#define SOCKSPEC_SECTION_BOUNDS(kind, type)					\
	extern const type *const __start_sockspec_##kind[] __attribute__((weak)); \
	extern const type *const __stop_sockspec_##kind[] __attribute__((weak))

#define SOCKSPEC_FOREACH(kind, type, it)					\
	for (const type *const *it = __start_sockspec_##kind;			\
	     it && it < __stop_sockspec_##kind; it++)

#endif
