# sockspec: see README.md.  `make` builds ./sockspec; `sudo make run` runs the
# cases on this kernel; `sudo make check` runs the project's own tests.
# `make CROSS_COMPILE=aarch64-linux-gnu-` (or ARCH=arm64, as kselftest's
# lib.mk takes them) builds build/cross/ARCH/sockspec for another machine.
CC      ?= gcc
PKGS    := zlib libmnl
CFLAGS  ?= -O2 -g
WARN    := -std=gnu11 -Wall -Wextra -Werror
# -MMD -MP: each object's header dependencies land in a .d file beside it,
# so a header change rebuilds exactly the objects that include it.
DEPFLAGS := -MMD -MP

include scripts/cross.mk

ifeq ($(CROSS),)
CPPFLAGS += -Iharness -I. -Ibuild/gen $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS  += $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lz -lmnl)
endif
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
DOC     ?= ../shared/socket.rst
JOBS    ?= $(shell nproc 2>/dev/null || echo 1)
PROVE   ?= prove

# Sources are found by folder: harness/LAYER/*.c and harness/family/AF/*.c
# (see README.md, "Layout"); a new family is a new folder, no list to edit.
HARNESS_SRC := $(wildcard harness/*/*.c harness/family/*/*.c)
LIB_SRC := $(filter-out harness/cmd/main.c,$(HARNESS_SRC))
GEN_SRC := $(B)/gen/consts_table.c
FIX_SRC := $(filter-out fixtures/test_%.c,$(wildcard fixtures/*.c))
DOC_SRC := build/gen/doc_text.c
OBJ     := $(patsubst harness/%.c,$(B)/obj/%.o,$(LIB_SRC)) $(B)/obj/consts_table.o $(B)/obj/doc_text.o \
	   $(patsubst fixtures/%.c,$(B)/obj/fixtures/%.o,$(FIX_SRC))
ASAN_OBJ := $(patsubst $(B)/obj/%,build/asan/%,$(OBJ))
UNIT_SRC := $(wildcard harness/tests/unit/test_*.c)
UNIT_BIN := $(patsubst harness/tests/unit/%.c,build/tests/%,$(UNIT_SRC)) \
	    $(patsubst fixtures/%.c,build/tests/%,$(wildcard fixtures/test_*.c))

.PHONY: all run check check-layers check-unit check-self check-cases check-mutate check-vm check-install check-unprivileged fuzz check-fuzz soak FORCE \
	bench deps clean install uninstall kselftest-install kselftest-tarball check-cross matrix

# make install: the program, its cases and fixture data, the man page.
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/sockspec
MANDIR  ?= $(PREFIX)/share/man
# files of fixtures/ that cases name (hosts/services tables), not its code
FIXTURE_DATA := $(filter-out %.c %.h,$(wildcard fixtures/*))
# make kselftest-install: the collection's directory and per-test timeout (s)
KSFT_NAME    := sockspec
KSFT_TIMEOUT ?= 1800

all: $(BIN)

# Every target that runs something first makes sure the machine has what
# the project needs (scripts/install-deps is idempotent and quick when done).
deps:
	@scripts/install-deps --check >/dev/null 2>&1 || scripts/install-deps

# the commit the program is built from; FORCE: checked on every build,
# rewritten (so rebuilding its users) only when it changed
build/gen/commit.h: FORCE
	@scripts/gen-commit $@
FORCE:

$(GEN_SRC): scripts/gen-consts $(wildcard harness/family/*/consts.list)
	@mkdir -p $(@D)
	scripts/gen-consts "$(CC) $(CROSS_CPPFLAGS)" $@

# The documentation the cases cite, built in (docs/builtin.h); rebuilt
# when DOC changes, empty when there is no DOC.
$(DOC_SRC): scripts/gen-doc $(wildcard $(DOC))
	@mkdir -p $(@D)
	scripts/gen-doc "$(DOC)" $@

$(B)/obj/doc_text.o build/asan/doc_text.o: $(DOC_SRC)
	@mkdir -p $(@D)
	$(CC) -c -o $@ $<

$(B)/obj/%.o: harness/%.c | $(GEN_SRC) build/gen/commit.h
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(DEPFLAGS) $(CPPFLAGS) -c -o $@ $<

$(B)/obj/fixtures/%.o: fixtures/%.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(DEPFLAGS) $(CPPFLAGS) -c -o $@ $<

build/asan/fixtures/%.o: fixtures/%.c
	@mkdir -p $(@D)
	$(CC) $(WARN) -O1 -g $(SAN) $(DEPFLAGS) $(CPPFLAGS) -c -o $@ $<

build/tests/test_%: fixtures/test_%.c $(ASAN_OBJ)
	@mkdir -p $(@D)
	$(CC) $(WARN) -O1 -g $(SAN) $(DEPFLAGS) $(CPPFLAGS) -Iharness/tests/unit -o $@ $< $(ASAN_OBJ) $(LDLIBS)

$(B)/obj/consts_table.o: $(GEN_SRC)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) -c -o $@ $<

build/asan/%.o: harness/%.c | $(GEN_SRC) build/gen/commit.h
	@mkdir -p $(@D)
	$(CC) $(WARN) -O1 -g $(SAN) $(DEPFLAGS) $(CPPFLAGS) -c -o $@ $<

build/asan/consts_table.o: $(GEN_SRC)
	@mkdir -p $(@D)
	$(CC) $(WARN) -O1 -g $(SAN) $(CPPFLAGS) -c -o $@ $<

# ---- stability: the whole suite many times in a row, every verdict change reported ----
SOAK_RUNS    ?= 50
SOAK_VM_RUNS ?= 10
SOAK_KERNEL  ?= debian:6.12
soak: sockspec
	ci/soak --runs $(SOAK_RUNS) -- -j $(JOBS)
	@scripts/install-deps --vm --check >/dev/null 2>&1 || scripts/install-deps --vm
	ci/soak --runs $(SOAK_VM_RUNS) --vm $(SOAK_KERNEL) -- -j 2

# ---- fuzzing: libFuzzer (clang) under ASan and UBSan ----
# make fuzz runs each target for FUZZ_TIME seconds on a corpus seeded from
# the cases (and, for JSON, the runs' records); make check-fuzz (in make
# check) replays the regression inputs and fuzzes briefly.
FUZZ_CC    ?= clang
FUZZ_TIME  ?= 600
FUZZ_SHORT ?= 20
FUZZ_CFLAGS := -std=gnu11 -Wall -Wextra -Werror -Wno-missing-field-initializers -g -O1 -fno-omit-frame-pointer \
	       -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_OBJ := $(patsubst $(B)/obj/%,build/fuzz/%,$(OBJ))
FUZZ_BIN := build/fuzz/fuzz_parse build/fuzz/fuzz_json

build/fuzz/%.o: harness/%.c | $(GEN_SRC) build/gen/commit.h
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(CPPFLAGS) -c -o $@ $<
build/fuzz/fixtures/%.o: fixtures/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(CPPFLAGS) -c -o $@ $<
build/fuzz/consts_table.o: $(GEN_SRC)
	@mkdir -p $(@D)
	$(FUZZ_CC) -g -O1 $(CPPFLAGS) -c -o $@ $<
build/fuzz/doc_text.o: $(DOC_SRC)
	@mkdir -p $(@D)
	$(FUZZ_CC) -c -o $@ $<
build/fuzz/fuzz_%: harness/tests/fuzz/fuzz_%.c $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(CPPFLAGS) -o $@ $< $(FUZZ_OBJ) $(LDLIBS)

# seed corpora: every case file, and a results record of this machine
build/fuzz/corpus-parse/.seeded: $(wildcard cases/*/*.case harness/tests/bad/*.case)
	@mkdir -p $(@D)
	@for f in $^; do cp "$$f" "$(@D)/$$(echo "$$f" | tr / _)"; done; touch $@
build/fuzz/corpus-json/.seeded: sockspec
	@mkdir -p $(@D)
	./sockspec -j $(JOBS) --json $(@D)/run.json cases/af_unix >/dev/null || true
	touch $@

fuzz-run = ASAN_OPTIONS=detect_leaks=1 build/fuzz/fuzz_$(1) -max_total_time=$(2) -timeout=10 \
	-rss_limit_mb=2048 -artifact_prefix=build/fuzz/crash-$(1)- \
	build/fuzz/corpus-$(1) harness/tests/fuzz/regress-$(1) 2>build/fuzz/$(1).log || \
	{ tail -n 40 build/fuzz/$(1).log; echo "fuzz $(1): a crash, saved as build/fuzz/crash-$(1)-*: add it to harness/tests/fuzz/regress-$(1)/"; exit 1; }; \
	grep -E 'DONE|^Done' build/fuzz/$(1).log | tail -n 1

fuzz: $(FUZZ_BIN) build/fuzz/corpus-parse/.seeded build/fuzz/corpus-json/.seeded
	@$(call fuzz-run,parse,$(FUZZ_TIME))
	@$(call fuzz-run,json,$(FUZZ_TIME))

check-fuzz: $(FUZZ_BIN) build/fuzz/corpus-parse/.seeded build/fuzz/corpus-json/.seeded
	build/fuzz/fuzz_parse -runs=0 harness/tests/fuzz/regress-parse 2>/dev/null
	build/fuzz/fuzz_json -runs=0 harness/tests/fuzz/regress-json 2>/dev/null
	@$(call fuzz-run,parse,$(FUZZ_SHORT))
	@$(call fuzz-run,json,$(FUZZ_SHORT))

# A family folder must be whole (ci/check-families): a half-registered
# family fails the build, not a run.
# (the folders too: removing a file changes only its folder's time)
$(B)/families.ok: ci/check-families $(wildcard harness/family/* harness/family/*/* cases/*/*.case)
	@mkdir -p $(@D)
	@ci/check-families >$@.log || { cat $@.log; exit 1; }
	@touch $@

$(BIN): $(B)/obj/cmd/main.o $(OBJ) $(B)/families.ok
	$(CC) $(CFLAGS) -o $@ $(filter %.o,$^) $(LDFLAGS) $(LDLIBS)

build/sockspec-asan: build/asan/cmd/main.o $(ASAN_OBJ)
	$(CC) $(SAN) -o $@ $^ $(LDFLAGS) $(LDLIBS)

build/tests/%: harness/tests/unit/%.c $(ASAN_OBJ)
	@mkdir -p $(@D)
	$(CC) $(WARN) -O1 -g $(SAN) $(DEPFLAGS) $(CPPFLAGS) -Iharness/tests/unit -o $@ $< $(ASAN_OBJ) $(LDLIBS)

# deps first, then the build: a fresh machine has no compiler headers or
# libraries yet, so nothing may be built before install-deps has run.
run: deps
	$(MAKE) sockspec
	./sockspec -j $(JOBS) cases/

# The project's own tests, then the whole suite on this kernel.
check: deps
	$(MAKE) sockspec
	$(MAKE) check-layers check-unit check-self check-fuzz check-install check-cross check-cases check-unprivileged check-mutate check-vm

# The shape of the code: layered includes, families in their folders, no
# file over 700 lines (ci/check-layers); each family folder whole, and one
# new family built from a temporary copy with no shared file edited
# (harness/tests/family.t).
check-layers:
	ci/check-layers
	ci/check-families
	$(PROVE) harness/tests/family.t

check-unit: $(UNIT_BIN)
	SOCKSPEC_DOC=$(DOC) $(PROVE) $(UNIT_BIN)

check-self: sockspec build/sockspec-asan
	SOCKSPEC=build/sockspec-asan SOCKSPEC_PLAIN=$(CURDIR)/sockspec SOCKSPEC_DOC=$(DOC) $(PROVE) harness/tests/selftest.t harness/tests/commands.t

# ... and leaves the host as it was: ci/host-snapshot before and after;
# its outputs as their consumers read them (ci/check-outputs).
check-cases: sockspec
	@mkdir -p build && ci/host-snapshot > build/host-before.txt
	./sockspec -j $(JOBS) $(if $(wildcard $(DOC)),--doc $(DOC)) --json build/results.json --junit build/results.xml \
		--kcidb build/results.kcidb --kcidb-origin sockspec cases/ > build/cases.ktap || \
		{ cat build/cases.ktap; exit 1; }
	@tail -n 2 build/cases.ktap
	ci/check-outputs build
	@ci/host-snapshot > build/host-after.txt
	@diff -u build/host-before.txt build/host-after.txt || \
		{ echo "check-cases: the suite changed the host's network namespace, mounts or files (diff above)"; exit 1; }
	@echo "check-cases: the host is as it was (ci/host-snapshot)"

# make install into a scratch prefix, the installed program finding its
# cases; make kselftest-install run by the kernel's own run_kselftest.sh,
# and sockspec's KTAP read by the kernel's KTAP parser (kunit.py parse)
# and by prove.  The kernel's tools come from Debian's linux-source
# tarball, extracted once into build/kernel-tools (scripts/kernel-tools).
# The whole suite as user nobody: no case may fail for want of a privilege
# a user namespace cannot give (such a case says `requires root`).
check-unprivileged: sockspec
	ci/run-unprivileged -j $(JOBS)

check-install: $(BIN)
	@scripts/install-deps --kselftest --check >/dev/null 2>&1 || scripts/install-deps --kselftest
	SOCKSPEC_DOC=$(DOC) $(PROVE) harness/tests/install.t

check-mutate: sockspec
	./sockspec -j $(JOBS) --mutate --timeout 5 cases/ > build/mutate.ktap || \
		{ grep -B8 '^  not ok' build/mutate.ktap; tail -n 2 build/mutate.ktap; exit 1; }
	@tail -n 2 build/mutate.ktap

# The suite on Debian's 6.1 and 6.12 kernels under qemu (scripts/vm-run),
# then the mutation check of the families only those kernels have (their
# cases skip here, so check-mutate cannot show that they can fail).  The
# mutation check runs one item at a time: at -j 2 a case's mutants run
# beside the case itself and share the guest's module and crypto state
# (AF_ALG's empty-name lookup, vxcan pairs were seen to flip under TCG);
# it proves that cases can fail, concurrency is the plain suite's job.
# A guest that dies without reporting (a panic) is run once more, its oops
# shown (ci/vm-retry); a case that does not pass as written in the
# mutation check (the plain suite's verdict) is run once more and, if it
# then passes, reported FLAKY (ci/vm-mutate).
VM_KERNELS ?= debian:6.1 debian:6.12
check-vm: deps
	@scripts/install-deps --vm --check >/dev/null 2>&1 || scripts/install-deps --vm
	$(MAKE) sockspec
	@for k in $(VM_KERNELS); do \
		v=$${k#debian:}; \
		echo "== $$k: the suite"; \
		ci/vm-retry build/vm-$$v.ktap -- --kernel $$k -- ./sockspec -j 2 cases/; \
		rc=$$?; tail -n 2 build/vm-$$v.ktap; \
		[ $$rc -eq 0 ] || { grep -B6 '^  not ok' build/vm-$$v.ktap; exit 1; }; \
		echo "== $$k: mutation check of the families this machine lacks (--vm-only: the descriptors' vm_only)"; \
		ci/vm-mutate $$k build/vm-$$v-mutate.ktap || exit 1; \
	done

# $(1): a directory to hold cases/ and fixtures/ side by side, as the
# cases' relative fixture paths (../../fixtures/hosts-sockspec) expect.
define install_data
	rm -rf $(1)/cases $(1)/fixtures
	install -d $(1)/fixtures
	cp -R cases $(1)/cases
	chmod -R u=rwX,go=rX $(1)/cases
	$(if $(FIXTURE_DATA),install -m 644 $(FIXTURE_DATA) $(1)/fixtures/)
endef

# INSTALL_PATH given: the kselftest way (make install INSTALL_PATH=DIR), below
ifneq ($(INSTALL_PATH),)
install: kselftest-install
else
install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/sockspec
	$(call install_data,$(DESTDIR)$(DATADIR))
	install -m 644 doc/sockspec.1 $(DESTDIR)$(MANDIR)/man1/sockspec.1
endif

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/sockspec $(DESTDIR)$(MANDIR)/man1/sockspec.1
	rm -rf $(DESTDIR)$(DATADIR)

# A kselftest collection in INSTALL_PATH (the directory of a kselftest
# install: run_kselftest.sh, kselftest/, kselftest-list.txt): the program,
# its cases, "settings" (timeout), "config" (the CONFIG_ symbols the cases
# need), the entry script run_sockspec.sh (flat TAP, scripts/run_sockspec.sh)
# and the "sockspec:run_sockspec.sh" entry of kselftest-list.txt.  The
# program exits 4 when every case skipped, which kselftest reads as SKIP.
# A cross build adds lib/libmnl.so.0 of the target (the program looks in
# $ORIGIN/lib first), and writes the config with the native program (the
# fragment does not depend on the architecture; nothing of the target's
# is run here).
kselftest-install: $(BIN)
	@[ -n "$(INSTALL_PATH)" ] || { echo "kselftest-install: set INSTALL_PATH=DIR" >&2; exit 2; }
	install -d $(INSTALL_PATH)/$(KSFT_NAME)
	install -m 755 $(BIN) $(INSTALL_PATH)/$(KSFT_NAME)/sockspec
	install -m 755 scripts/run_sockspec.sh $(INSTALL_PATH)/$(KSFT_NAME)/run_sockspec.sh
	$(if $(CROSS),install -d $(INSTALL_PATH)/$(KSFT_NAME)/lib && \
		install -m 644 $(SYSROOT)/usr/lib/$(TRIPLET)/libmnl.so.0 $(INSTALL_PATH)/$(KSFT_NAME)/lib/libmnl.so.0)
	$(call install_data,$(INSTALL_PATH)/$(KSFT_NAME))
	printf '# sockspec runs every case in one process: %s s for all of them\ntimeout=%s\n' \
		$(KSFT_TIMEOUT) $(KSFT_TIMEOUT) > $(INSTALL_PATH)/$(KSFT_NAME)/settings
	$(if $(CROSS),$(MAKE) --no-print-directory ARCH= CROSS_COMPILE= sockspec >/dev/null)
	./sockspec --config-fragment cases/ > $(INSTALL_PATH)/$(KSFT_NAME)/config
	@touch $(INSTALL_PATH)/kselftest-list.txt
	@grep -qx '$(KSFT_NAME):run_sockspec.sh' $(INSTALL_PATH)/kselftest-list.txt || \
		echo '$(KSFT_NAME):run_sockspec.sh' >> $(INSTALL_PATH)/kselftest-list.txt

# Cross builds for arm64 and s390 (64-bit big-endian) and the arm64
# kselftest tarball, checked by harness/tests/cross.t.
check-cross:
	@for a in arm64 s390x; do scripts/install-deps --cross $$a --check >/dev/null 2>&1 || \
		scripts/install-deps --cross $$a || exit 1; done
	$(MAKE) --no-print-directory ARCH=arm64
	$(MAKE) --no-print-directory ARCH=s390
	$(MAKE) --no-print-directory ARCH=arm64 kselftest-tarball
	$(PROVE) harness/tests/cross.t

# kselftest's gen_tar, for sockspec alone: a self-contained kselftest
# install (the kernel's run_kselftest.sh and kselftest/ from Debian's
# linux-source, scripts/kernel-tools, and this collection) packed as
# build/sockspec-kselftest-ARCH.tar.gz; on the target:
#   tar xf sockspec-kselftest-ARCH.tar.gz && ./run_kselftest.sh -c sockspec
KSFT_TAR := build/sockspec-kselftest-$(or $(ARCH_DIR),$(HOST_ARCH)).tar.gz
kselftest-tarball: $(BIN)
	@tools=$$(scripts/kernel-tools) || { echo "kselftest-tarball: no kernel tools (scripts/install-deps --kselftest)" >&2; exit 1; }; \
	stage=$(B)/kselftest-stage; rm -rf $$stage && mkdir -p $$stage && \
	cp $$tools/tools/testing/selftests/run_kselftest.sh $$stage/ && \
	cp -R $$tools/tools/testing/selftests/kselftest $$stage/ && \
	$(MAKE) --no-print-directory kselftest-install INSTALL_PATH=$$stage >/dev/null && \
	tar -C $$stage -czf $(KSFT_TAR) . && echo "kselftest-tarball: $(KSFT_TAR)"

# The suite on this kernel and on VM_KERNELS, side by side (build/matrix/).
matrix: sockspec
	@scripts/install-deps --vm --check >/dev/null 2>&1 || scripts/install-deps --vm
	scripts/matrix $(foreach k,$(VM_KERNELS),--kernel $(k))

bench: deps
	$(MAKE) sockspec build/bare-loop
	scripts/bench

build/bare-loop: scripts/bare-loop.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) -o $@ $<

clean:
	rm -rf build sockspec

# the header dependencies recorded by -MMD (none before the first build)
-include $(shell find $(B)/obj build/asan build/tests -name '*.d' 2>/dev/null)
