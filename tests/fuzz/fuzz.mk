# tests/fuzz/fuzz.mk — libFuzzer targets for the CSV reader (and its paths against each other), the
# JSON/NDJSON reader, the NDJSON scanner against cJSON, the criteria loader, the result writers
# (table, CSV, CSV for spreadsheets, JSON, NDJSON), explain with its path to the next star, and
# promote --forwarded-only's pass-through. Included from the top Makefile, so paths are relative
# to the repository root.
#
#   make fuzz [FUZZ_SECONDS=60]   build, then run every target for FUZZ_SECONDS seconds each
#   make fuzz-build               build the targets only
#   make fuzz-regress             run every target once over its seeds and tests/fuzz/regressions/
#   make fuzz-long [FUZZ_LONG_SECONDS=3600]
#                                 before a release: every target for FUZZ_LONG_SECONDS each (at
#                                 least 10 million executions per target: check "stat::number_of_
#                                 executed_units" in build-fuzz/long/<target>.log), then the new
#                                 inputs that add coverage are merged into tests/fuzz/corpus/<target>
#                                 (libFuzzer -merge=1), to be reviewed and committed
#
# Each target fuzzes a copy of its seed corpus under build-fuzz/corpus/ (new inputs accumulate there,
# never in tests/fuzz/corpus/); crashes are written to build-fuzz/artifacts/<target>/. A crash, a
# leak, a sanitizer report or a timeout fails the run. A crash is fixed in src/ and its input is
# added to tests/fuzz/regressions/<target>/.

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_B = build-fuzz
FUZZ_SAN = -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -Wall -Wextra $(FUZZ_SAN)
FUZZ_OPTS = -max_len=65536 -timeout=10 -rss_limit_mb=2048
FUZZ_LDLIBS = -lcsv -lcjson -lutf8proc -lxlsxwriter -lm
FUZZ_TARGETS = csv csvsplit csvpaths json json_scan criteria writers explain passthru
FUZZ_LONG_SECONDS ?= 3600

FUZZ_LIB_SRC = $(foreach l,$(LAYERS),$(wildcard src/$(l)/*.c))
FUZZ_LIB_OBJ = $(FUZZ_LIB_SRC:src/%.c=$(FUZZ_B)/lib/%.o) $(FUZZ_B)/lib/builtin.o \
               $(FUZZ_B)/lib/catalog_vi.o
FUZZ_BINS = $(FUZZ_TARGETS:%=$(FUZZ_B)/fuzz_%)

# The objects are made by a pattern rule that only the binaries name; keep them between runs.
.SECONDARY: $(FUZZ_LIB_OBJ)

.PHONY: fuzz fuzz-build fuzz-regress fuzz-clean fuzz-long $(FUZZ_TARGETS:%=fuzz-run-%) \
        $(FUZZ_TARGETS:%=fuzz-regress-%) $(FUZZ_TARGETS:%=fuzz-long-%)

fuzz: $(FUZZ_TARGETS:%=fuzz-run-%)

fuzz-build: $(FUZZ_BINS)

fuzz-regress: $(FUZZ_TARGETS:%=fuzz-regress-%)

$(FUZZ_B)/lib/%.o: src/%.c $(wildcard include/ocop/*.h src/*/*.h) | $(FUZZ_B)/lib
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_B)/lib/builtin.o: build/builtin.c | $(FUZZ_B)/lib
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_B)/lib/catalog_vi.o: build/catalog_vi.c | $(FUZZ_B)/lib
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_B)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h tests/fuzz/fuzz_out.h $(wildcard tests/unit/*_agree.h) $(FUZZ_LIB_OBJ)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -o $@ $< $(FUZZ_LIB_OBJ) $(FUZZ_LDLIBS)

$(FUZZ_B)/lib:
	mkdir -p $@

# The working corpus keeps what earlier runs found; seeds and regressions are copied in each time.
$(FUZZ_TARGETS:%=fuzz-run-%): fuzz-run-%: $(FUZZ_B)/fuzz_%
	@mkdir -p $(FUZZ_B)/corpus/$* $(FUZZ_B)/artifacts/$*
	cp -R tests/fuzz/corpus/$*/. $(FUZZ_B)/corpus/$*/
	@if [ -d tests/fuzz/regressions/$* ]; then cp -R tests/fuzz/regressions/$*/. $(FUZZ_B)/corpus/$*/; fi
	$(FUZZ_B)/fuzz_$* $(FUZZ_OPTS) -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
		-dict=tests/fuzz/$*.dict -artifact_prefix=$(FUZZ_B)/artifacts/$*/ $(FUZZ_B)/corpus/$*

# Runs each seed and regression input once: quick enough for every `make check`.
$(FUZZ_TARGETS:%=fuzz-regress-%): fuzz-regress-%: $(FUZZ_B)/fuzz_%
	$(FUZZ_B)/fuzz_$* $(FUZZ_OPTS) tests/fuzz/corpus/$*/* \
		$(wildcard tests/fuzz/regressions/$*/*)

# Long runs, before a release: the corpus grows in build-fuzz/corpus/<target>, then what adds
# coverage is merged into the stored corpus tests/fuzz/corpus/<target>.
fuzz-long: $(FUZZ_TARGETS:%=fuzz-long-%)

$(FUZZ_TARGETS:%=fuzz-long-%): fuzz-long-%: $(FUZZ_B)/fuzz_%
	@mkdir -p $(FUZZ_B)/corpus/$* $(FUZZ_B)/artifacts/$* $(FUZZ_B)/long
	cp -R tests/fuzz/corpus/$*/. $(FUZZ_B)/corpus/$*/
	@if [ -d tests/fuzz/regressions/$* ]; then cp -R tests/fuzz/regressions/$*/. $(FUZZ_B)/corpus/$*/; fi
	@echo "fuzz_$*: $(FUZZ_LONG_SECONDS) s, log in $(FUZZ_B)/long/$*.log"
	@$(FUZZ_B)/fuzz_$* $(FUZZ_OPTS) -max_total_time=$(FUZZ_LONG_SECONDS) -print_final_stats=1 \
		-dict=tests/fuzz/$*.dict -artifact_prefix=$(FUZZ_B)/artifacts/$*/ $(FUZZ_B)/corpus/$* \
		>$(FUZZ_B)/long/$*.log 2>&1; rc=$$?; \
		grep -E 'stat::number_of_executed_units|ERROR|SUMMARY' $(FUZZ_B)/long/$*.log; exit $$rc
	$(FUZZ_B)/fuzz_$* $(FUZZ_OPTS) -merge=1 tests/fuzz/corpus/$* $(FUZZ_B)/corpus/$*

fuzz-clean:
	rm -rf $(FUZZ_B)
