# sockspec: see README.md.  `make` builds ./sockspec; `sudo make run` runs the
# cases on this kernel; `sudo make check` runs the project's own tests.
CC      ?= gcc
PKGS    := zlib libmnl
CFLAGS  ?= -O2 -g
WARN    := -std=gnu11 -Wall -Wextra -Werror
CPPFLAGS += -Iharness -Ifixtures -Ibuild/gen $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS  += $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lz -lmnl)
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
DOC     ?= ../shared/socket.rst
JOBS    ?= $(shell nproc 2>/dev/null || echo 1)
PROVE   ?= prove

LIB_SRC := $(filter-out harness/main.c,$(wildcard harness/*.c))
GEN_SRC := build/gen/consts_table.c
FIX_SRC := $(filter-out fixtures/test_%.c,$(wildcard fixtures/*.c))
OBJ     := $(patsubst harness/%.c,build/obj/%.o,$(LIB_SRC)) build/obj/consts_table.o \
	   $(patsubst fixtures/%.c,build/obj/fixtures/%.o,$(FIX_SRC))
ASAN_OBJ := $(patsubst build/obj/%,build/asan/%,$(OBJ))
UNIT_SRC := $(wildcard harness/tests/unit/test_*.c)
UNIT_BIN := $(patsubst harness/tests/unit/%.c,build/tests/%,$(UNIT_SRC)) \
	    $(patsubst fixtures/%.c,build/tests/%,$(wildcard fixtures/test_*.c))

.PHONY: all run check check-unit check-self check-cases check-mutate check-vm bench deps clean

all: sockspec

# Every target that runs something first makes sure the machine has what
# the project needs (scripts/install-deps is idempotent and quick when done).
deps:
	@scripts/install-deps --check >/dev/null 2>&1 || scripts/install-deps

$(GEN_SRC): scripts/gen-consts
	@mkdir -p $(@D)
	scripts/gen-consts "$(CC)" $@

build/obj/%.o: harness/%.c $(wildcard harness/*.h) | $(GEN_SRC)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) -c -o $@ $<

build/obj/fixtures/%.o: fixtures/%.c $(wildcard fixtures/*.h)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) -c -o $@ $<

build/asan/fixtures/%.o: fixtures/%.c $(wildcard fixtures/*.h)
	@mkdir -p $(@D)
	$(CC) $(WARN) -O1 -g $(SAN) $(CPPFLAGS) -c -o $@ $<

build/tests/test_%: fixtures/test_%.c $(ASAN_OBJ) harness/tests/unit/tap.h
	@mkdir -p $(@D)
	$(CC) $(WARN) -O1 -g $(SAN) $(CPPFLAGS) -Iharness/tests/unit -o $@ $< $(ASAN_OBJ) $(LDLIBS)

build/obj/consts_table.o: $(GEN_SRC)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) -c -o $@ $<

build/asan/%.o: harness/%.c $(wildcard harness/*.h) | $(GEN_SRC)
	@mkdir -p $(@D)
	$(CC) $(WARN) -O1 -g $(SAN) $(CPPFLAGS) -c -o $@ $<

build/asan/consts_table.o: $(GEN_SRC)
	@mkdir -p $(@D)
	$(CC) $(WARN) -O1 -g $(SAN) $(CPPFLAGS) -c -o $@ $<

sockspec: build/obj/main.o $(OBJ)
	$(CC) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(LDLIBS)

build/sockspec-asan: build/asan/main.o $(ASAN_OBJ)
	$(CC) $(SAN) -o $@ $^ $(LDFLAGS) $(LDLIBS)

build/tests/%: harness/tests/unit/%.c $(ASAN_OBJ) harness/tests/unit/tap.h
	@mkdir -p $(@D)
	$(CC) $(WARN) -O1 -g $(SAN) $(CPPFLAGS) -Iharness/tests/unit -o $@ $< $(ASAN_OBJ) $(LDLIBS)

# deps first, then the build: a fresh machine has no compiler headers or
# libraries yet, so nothing may be built before install-deps has run.
run: deps
	$(MAKE) sockspec
	./sockspec -j $(JOBS) cases/

# The project's own tests, then the whole suite on this kernel.
check: deps
	$(MAKE) sockspec
	$(MAKE) check-unit check-self check-cases check-mutate check-vm

check-unit: $(UNIT_BIN)
	SOCKSPEC_DOC=$(DOC) $(PROVE) $(UNIT_BIN)

check-self: sockspec build/sockspec-asan
	SOCKSPEC=build/sockspec-asan SOCKSPEC_DOC=$(DOC) $(PROVE) harness/tests/selftest.t harness/tests/commands.t

check-cases: sockspec
	./sockspec -j $(JOBS) --doc $(DOC) --json build/results.json cases/

check-mutate: sockspec
	./sockspec -j $(JOBS) --mutate --timeout 5 cases/ > build/mutate.ktap || \
		{ grep -B8 '^  not ok' build/mutate.ktap; tail -n 2 build/mutate.ktap; exit 1; }
	@tail -n 2 build/mutate.ktap

# The suite on Debian's 6.1 and 6.12 kernels under qemu (scripts/vm-run),
# then the mutation check of the families only those kernels have (their
# cases skip here, so check-mutate cannot show that they can fail).
VM_KERNELS ?= debian:6.1 debian:6.12
VM_ONLY    := af_can af_alg af_tipc af_vsock af_qipcrtr af_rds af_bluetooth
VM_MUTATE  := $(foreach f,$(VM_ONLY),$(if $(wildcard cases/$(f)/*.case),-f '$(f)/*'))
check-vm: deps
	@scripts/install-deps --vm --check >/dev/null 2>&1 || scripts/install-deps --vm
	$(MAKE) sockspec
	@for k in $(VM_KERNELS); do \
		v=$${k#debian:}; \
		echo "== $$k: the suite"; \
		scripts/vm-run --kernel $$k -- ./sockspec -j 2 cases/ > build/vm-$$v.ktap; \
		rc=$$?; tail -n 2 build/vm-$$v.ktap; \
		[ $$rc -eq 0 ] || { grep -B6 '^  not ok' build/vm-$$v.ktap; exit 1; }; \
		[ -n "$(VM_MUTATE)" ] || continue; \
		echo "== $$k: mutation check of $(VM_ONLY)"; \
		scripts/vm-run --kernel $$k -- ./sockspec -j 2 --mutate --timeout 5 $(VM_MUTATE) cases/ \
			> build/vm-$$v-mutate.ktap; \
		rc=$$?; tail -n 2 build/vm-$$v-mutate.ktap; \
		[ $$rc -eq 0 ] || { grep -B8 '^  not ok' build/vm-$$v-mutate.ktap; exit 1; }; \
	done

bench: deps
	$(MAKE) sockspec build/bare-loop
	scripts/bench

build/bare-loop: scripts/bare-loop.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) -o $@ $<

clean:
	rm -rf build sockspec
