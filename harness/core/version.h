/* SPDX-License-Identifier: MIT */
#ifndef SOCKSPEC_CORE_VERSION_H
#define SOCKSPEC_CORE_VERSION_H
#ifndef SOCKSPEC_VERSION
#define SOCKSPEC_VERSION "0.1.0"
#endif
#endif
