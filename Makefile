# ocop — plain Makefile. `make` builds build/ocop; `make check` runs every test; `make demo` scores
# the example season. `check` and `demo` first install missing Debian packages (as root) or say
# which command to run.

PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
CFLAGS ?= -O2 -g
WARN = -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wpedantic -Wshadow -Wconversion \
       -Wstrict-prototypes -Wmissing-prototypes -Wno-sign-conversion -Wno-format-truncation
# The library is grouped by layer: base (buffers, text, errors), io (dossiers and their readers),
# rules (criteria, scoring, promotion), report (writers); each folder's headers are on the path.
LAYERS = base io rules report
CPPFLAGS += -Iinclude -Isrc $(LAYERS:%=-Isrc/%) -Ibuild
LDLIBS = -lcsv -lcjson -lutf8proc -lxlsxwriter -lm
CLI_LDLIBS = -ledit
# What building and running needs (make demo), and what the tests add (make check): the report's
# tests print pages with chromium and read workbooks with openpyxl, the terminal test runs tmux,
# the install test drives the bash, zsh and fish completions.
BUILD_PACKAGES = libcsv-dev libcjson-dev libutf8proc-dev libxlsxwriter-dev libedit-dev gettext
TEST_PACKAGES = libcmocka-dev clang libclang-rt-14-dev valgrind cppcheck python3 time tmux \
                chromium poppler-utils python3-openpyxl python3-html5lib fonts-dejavu-core \
                fonts-liberation man-db groff-base zsh fish
PACKAGES = $(BUILD_PACKAGES) $(TEST_PACKAGES)
# Debian's python3, where python3-openpyxl and python3-html5lib are installed.
SYS_PYTHON = $(shell test -x /usr/bin/python3 && echo /usr/bin/python3 || echo python3)

B = build
LIB_SRC = $(foreach l,$(LAYERS),$(wildcard src/$(l)/*.c))
CLI_SRC = $(wildcard src/cli/*.c)
LIB_OBJ = $(LIB_SRC:src/%.c=$(B)/%.o) $(B)/builtin.o $(B)/catalog_vi.o
CLI_OBJ = $(CLI_SRC:src/cli/%.c=$(B)/cli/%.o)
CRITERIA = data/criteria/148.json data/criteria/148-1489.json data/criteria/1048.json \
           data/criteria/26-2026.json
TESTS = $(patsubst tests/unit/%.c,$(B)/tests/%,$(wildcard tests/unit/test_*.c))

PHONY_PO = po po-check
.PHONY: $(PHONY_PO) all check test unit cli-test devices-test tty-test data-test report-test screenshot asan valgrind cppcheck \
        bench demo deps deps-build deps-test deps-install install uninstall clean

all: $(B)/ocop

include tests/fuzz/fuzz.mk

$(B)/ocop: $(CLI_OBJ) $(B)/libocop.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(B)/libocop.a $(LDLIBS) $(CLI_LDLIBS)

$(B)/libocop.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $(LIB_OBJ)

$(B)/%.o: src/%.c $(wildcard include/ocop/*.h src/*/*.h) | $(B)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -c -o $@ $<

$(B)/cli/%.o: src/cli/%.c $(wildcard include/ocop/*.h src/*/*.h) | $(B)/cli
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -c -o $@ $<

# The criteria files are compiled in, so ocop works from any directory.
# embed checks each regime with the library's own loader and writes it out as C tables.
EMBED_OBJ = $(B)/rules/criteria_load.o $(B)/rules/criteria.o $(B)/base/arena.o $(B)/base/text.o \
            $(B)/base/err.o $(B)/base/i18n.o $(B)/catalog_vi.o
$(B)/embed: src/gen/embed.c $(EMBED_OBJ) | $(B)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) $(LDFLAGS) -o $@ $< $(EMBED_OBJ) -lcjson -lutf8proc

$(B)/builtin.c: $(B)/embed $(CRITERIA)
	$(B)/embed $@ $(CRITERIA)

$(B)/builtin.o: $(B)/builtin.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# Messages: English in the sources, Vietnamese in data/po/vi.po. msgfmt checks the catalog (formats,
# plural forms) and compiles it; bin2c makes it part of the library. `make po` re-extracts
# data/po/ocop.pot from the sources and merges it into vi.po; `make po-check` (in `make test`)
# fails on a stale template, an untranslated, fuzzy or format-mismatched entry.
PO = data/po
XGETTEXT_FLAGS = --language=C --from-code=UTF-8 --sort-output --add-location=file \
	--add-comments=TRANSLATORS: --package-name=ocop --msgid-bugs-address= \
	--keyword=_ --keyword=N_ --keyword=P_:1,2 --keyword=C_:1c,2 \
	--keyword=ocop_lgettext:2 --keyword=ocop_lngettext:2,3 --keyword=rp_column:2c,3 \
	--keyword=ocop_err_set:7 --flag=ocop_err_set:7:c-format \
	--keyword=ocop_diag_add:7 --flag=ocop_diag_add:7:c-format \
	--keyword=ocop_err_setl:8 --flag=ocop_err_setl:8:c-format \
	--keyword=ocop_batch_error:5 --flag=ocop_batch_error:5:c-format \
	--keyword=ld_report:3 --flag=ld_report:3:c-format
I18N_SRC = $(sort $(LIB_SRC) $(CLI_SRC) $(wildcard include/ocop/*.h src/*/*.h))

$(B)/vi.mo: $(PO)/vi.po | $(B)
	msgfmt --check -o $@ $<

$(B)/bin2c: src/gen/bin2c.c | $(B)
	$(CC) $(WARN) $(CFLAGS) -o $@ $<

$(B)/catalog_vi.c: $(B)/bin2c $(B)/vi.mo
	$(B)/bin2c ocop_catalog_vi $(B)/vi.mo $@

$(B)/catalog_vi.o: $(B)/catalog_vi.c
	$(CC) $(CFLAGS) -c -o $@ $<

$(B)/ocop.pot: $(I18N_SRC) | $(B)
	xgettext $(XGETTEXT_FLAGS) -o $@ $(I18N_SRC)

po: $(B)/ocop.pot
	sed '/^"POT-Creation-Date:/d' $(B)/ocop.pot > $(PO)/ocop.pot
	msgmerge --quiet --update --backup=none --no-fuzzy-matching --sort-output \
		--add-location=file $(PO)/vi.po $(PO)/ocop.pot
	msgattrib --no-obsolete --sort-output --add-location=file -o $(PO)/vi.po $(PO)/vi.po

po-check: $(B)/ocop.pot
	@sh tests/po/check.sh $(B)/ocop.pot $(PO)

$(B) $(B)/cli $(B)/tests:
	mkdir -p $@

# ---- tests ----

$(B)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(B)/libocop.a | $(B)/tests
	$(CC) $(CPPFLAGS) -Itests/unit $(WARN) -Wno-missing-prototypes $(CFLAGS) -o $@ $< \
		$(B)/libocop.a $(LDLIBS) -lcmocka

unit: $(TESTS)
	@for t in $(TESTS); do echo "== $$t"; OCOP_TOP=$(CURDIR) $$t || exit 1; done

cli-test: $(B)/ocop
	@sh tests/cli/run.sh $(B)/ocop tests/cli/cases tests/bad/cases
	@sh tests/po/validate_vi.sh $(B)/ocop

# The golden suite again, then -o onto /dev/null and /dev/full: both must stay character devices,
# and no temporary file may be left anywhere (tests/cli/devices.sh).
devices-test: $(B)/ocop
	@sh tests/cli/devices.sh $(B)/ocop

# ocop enter at a real terminal (tmux): a council typed key by key, the same through standard
# input, SIGKILL in the middle of a sheet and resume.
tty-test: $(B)/ocop
	@sh tests/enter/tmux.sh $(B)/ocop

# The shipped criteria against the reference tables in ../shared (skipped when absent), and the
# 2026 example round against its generator.
data-test: $(B)/ocop
	@python3 tests/data/check_reference.py
	@python3 tests/data/check_show.py $(B)/ocop
	@python3 data/examples/gen/tay-ninh-2026.py --check && echo "example round tay-ninh-2026: up to date"

# The printed outputs as a reader gets them: HTML validated, the report printed to PDF by headless
# Chromium and read back with pdftotext, the xlsx workbooks read back with openpyxl. Artifacts
# (PDFs, the first page as PNG) stay in build/report/.
report-test: $(B)/ocop
	@$(SYS_PYTHON) tests/report/check_report.py $(B)/ocop $(B)/report

# The README's picture of the report: its first page, printed by Chromium at 100 dpi.
screenshot: $(B)/ocop
	@sh tests/report/screenshot.sh $(B)/ocop data/examples/report.png

# The whole suite again under AddressSanitizer and UndefinedBehaviorSanitizer, in its own tree.
asan:
	OCOP_SANITIZED=asan $(MAKE) B=build-asan CFLAGS='-O1 -g -fsanitize=address,undefined \
		-fno-omit-frame-pointer -fno-sanitize-recover=all' LDFLAGS='-fsanitize=address,undefined' \
		unit cli-test

# Every golden case again with ocop under valgrind: any memory error or leak fails the case.
valgrind: $(B)/ocop
	@printf '#!/bin/sh\nexec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=all --show-leak-kinds=all %s "$$@"\n' \
		"$(CURDIR)/$(B)/ocop" > $(B)/ocop-valgrind && chmod +x $(B)/ocop-valgrind
	@OCOP_SANITIZED=valgrind sh tests/cli/run.sh $(B)/ocop-valgrind tests/cli/cases tests/bad/cases

cppcheck:
	cppcheck --quiet --error-exitcode=1 --std=c11 --enable=warning,portability,performance \
		--inline-suppr -Iinclude -Isrc $(LAYERS:%=-Isrc/%) src

# The quick suite, for everyday work.
test: po-check unit cli-test data-test

check: deps-test
	$(MAKE) po-check unit cli-test tty-test data-test report-test
	$(MAKE) devices-test
	$(MAKE) asan
	$(MAKE) valgrind
	$(MAKE) cppcheck
	$(MAKE) fuzz-regress
	$(MAKE) fuzz FUZZ_SECONDS=$${FUZZ_SECONDS:-60}
	@echo "check: all tests passed"

bench: $(B)/ocop
	bash tests/bench/run.sh $(BENCH_ROWS)

demo: deps-build
	$(MAKE) all
	$(B)/ocop score --format table data/examples/chau-phu-2024.csv; \
		rc=$$?; echo "(exit status $$rc: see 'ocop help score')"
	$(B)/ocop score --format table data/examples/tay-ninh-2026.csv; \
		rc=$$?; echo "(exit status $$rc: see 'ocop help score')"

deps: deps-test

deps-build:
	@$(MAKE) -s deps-install DEPS_PACKAGES="$(BUILD_PACKAGES)"

deps-test:
	@$(MAKE) -s deps-install DEPS_PACKAGES="$(PACKAGES)"

deps-install:
	@missing=""; for p in $(DEPS_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else \
		echo "missing Debian packages:$$missing"; \
		echo "run: sudo apt-get install$$missing"; exit 1; \
	fi

# Where make install puts things, under $(DESTDIR)$(PREFIX). BIN is the program installed (the
# tests install the binary they test).
BIN ?= $(B)/ocop
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
DOCDIR = $(PREFIX)/share/doc/ocop
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR = $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR = $(PREFIX)/share/fish/vendor_completions.d
MAN1 = data/man/ocop.1
MAN5 = data/man/ocop-dossier.5 data/man/ocop-criteria.5
DOCS = README.md LICENSE data/criteria/FORMAT.md
EXAMPLES = $(wildcard data/examples/*.csv data/examples/*.json data/examples/*.ndjson)

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(DOCDIR)/examples $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) \
		$(DESTDIR)$(FISHCOMPDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/ocop
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1
	install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5
	install -m 644 $(DOCS) $(DESTDIR)$(DOCDIR)
	install -m 644 $(EXAMPLES) $(DESTDIR)$(DOCDIR)/examples
	install -m 644 data/completions/ocop.bash $(DESTDIR)$(BASHCOMPDIR)/ocop
	install -m 644 data/completions/_ocop $(DESTDIR)$(ZSHCOMPDIR)/_ocop
	install -m 644 data/completions/ocop.fish $(DESTDIR)$(FISHCOMPDIR)/ocop.fish

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/ocop $(DESTDIR)$(BASHCOMPDIR)/ocop $(DESTDIR)$(ZSHCOMPDIR)/_ocop \
		$(DESTDIR)$(FISHCOMPDIR)/ocop.fish
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man1/,$(notdir $(MAN1))) \
		$(addprefix $(DESTDIR)$(MANDIR)/man5/,$(notdir $(MAN5)))
	rm -rf $(DESTDIR)$(DOCDIR)

clean:
	rm -rf build build-asan build-fuzz
