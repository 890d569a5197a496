# SPDX-License-Identifier: MIT
#
# Cross builds, the way kselftest's lib.mk takes them: CROSS_COMPILE=TRIPLET-
# (the compiler is $(CROSS_COMPILE)gcc) and/or ARCH=arm64|s390 (the
# kernel's names; aarch64 and s390x are taken too).  ARCH alone picks
# Debian's cross compiler for it.  A cross build makes build/cross/ARCH/
# sockspec (objects and the constants table in build/cross/ARCH/) against
# the target libraries in build/sysroot/DEB_ARCH, which
# `scripts/install-deps --cross ARCH` puts there with the compiler.  It
# links zlib statically and libmnl dynamically, with $ORIGIN/lib first in
# the search path, so the kselftest install can carry libmnl.so.0.
#
# Sets CROSS (empty for a native build), B (the build folder of the
# objects and the constants table) and BIN (the program).

HOST_ARCH := $(shell uname -m)
override ARCH := $(strip $(ARCH))
ifneq ($(filter $(ARCH),x86 x86_64 amd64 $(HOST_ARCH)),)
override ARCH :=
endif

# the triplet: from CROSS_COMPILE, else Debian's cross compiler for ARCH
ifneq ($(CROSS_COMPILE),)
TRIPLET := $(patsubst %-,%,$(notdir $(CROSS_COMPILE)))
else ifneq ($(ARCH),)
TRIPLET := $(or $(if $(filter $(ARCH),arm64 aarch64),aarch64-linux-gnu),$(if $(filter $(ARCH),s390 s390x),s390x-linux-gnu))
ifeq ($(TRIPLET),)
$(error ARCH=$(ARCH): sockspec cross-builds for arm64 and s390 (or give CROSS_COMPILE=TRIPLET-))
endif
CROSS_COMPILE := $(TRIPLET)-
endif

ifneq ($(CROSS_COMPILE),)
CROSS    := $(TRIPLET)
TARGET_CPU := $(firstword $(subst -, ,$(TRIPLET)))
DEB_ARCH := $(or $(if $(filter $(TARGET_CPU),aarch64),arm64),$(if $(filter $(TARGET_CPU),s390x),s390x),$(TARGET_CPU))
ARCH_DIR := $(or $(if $(filter $(DEB_ARCH),arm64),arm64),$(if $(filter $(DEB_ARCH),s390x),s390),$(DEB_ARCH))
override CC := $(CROSS_COMPILE)gcc
SYSROOT  := build/sysroot/$(DEB_ARCH)
B        := build/cross/$(ARCH_DIR)
BIN      := $(B)/sockspec
CROSS_CPPFLAGS := -isystem $(SYSROOT)/usr/include
CPPFLAGS += -Iharness -I. -Ibuild/gen $(CROSS_CPPFLAGS)
LDFLAGS  += -Wl,-rpath,'$$ORIGIN/lib'
LDLIBS   += $(SYSROOT)/usr/lib/$(TRIPLET)/libz.a -L$(SYSROOT)/usr/lib/$(TRIPLET) -lmnl

# a missing compiler or sysroot is said once, before anything is built
ifeq ($(shell command -v $(CC) 2>/dev/null),)
$(error $(CC) not found: scripts/install-deps --cross $(DEB_ARCH))
endif
ifeq ($(wildcard $(SYSROOT)/.packages),)
$(error no target libraries in $(SYSROOT): scripts/install-deps --cross $(DEB_ARCH))
endif
# only the program is built for another machine; the tests run here
CROSS_GOALS := all $(BIN) kselftest-install kselftest-tarball clean
ifneq ($(filter-out $(CROSS_GOALS),$(or $(MAKECMDGOALS),all)),)
$(error a cross build ($(TRIPLET)) makes only: $(CROSS_GOALS); run '$(filter-out $(CROSS_GOALS),$(MAKECMDGOALS))' natively)
endif
else
CROSS    :=
B        := build
BIN      := sockspec
CROSS_CPPFLAGS :=
endif
