/* Temporary files removed when a signal ends the run (SIGINT, SIGTERM, SIGHUP, SIGXFSZ).
 *
 * The handler only calls async-signal-safe functions: unlink(2) on paths kept in static buffers,
 * then it restores the default action and raises the signal again, so the caller still sees ocop
 * die by that signal. A signal ignored when ocop starts (nohup, a shell's background job) stays
 * ignored; SIGXFSZ ignored means an oversized write fails with EFBIG, which is an error like any. */
#include "cli.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#define NSLOTS 3

static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGXFSZ};
static char paths[NSLOTS][4096];
static volatile sig_atomic_t live[NSLOTS];

static void on_signal(int sig)
{
	sigset_t set;

	for (int i = 0; i < NSLOTS; i++)
		if (live[i])
			unlink(paths[i]);
	signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
}

void cli_signals_init(void)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
		sigaddset(&sa.sa_mask, sigs[i]);
	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
}

static sigset_t blocked, saved;
static int depth;

void cli_signals_block(void)
{
	if (depth++)
		return;
	sigemptyset(&blocked);
	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
		sigaddset(&blocked, sigs[i]);
	sigprocmask(SIG_BLOCK, &blocked, &saved);
}

void cli_signals_unblock(void)
{
	if (depth > 0 && --depth == 0)
		sigprocmask(SIG_SETMASK, &saved, NULL);
}

void cli_signals_track(int slot, const char *path)
{
	if (slot < 0 || slot >= NSLOTS)
		return;
	cli_signals_block();
	live[slot] = 0;
	if (path && strlen(path) < sizeof paths[slot]) {
		memcpy(paths[slot], path, strlen(path) + 1);
		live[slot] = 1;
	}
	cli_signals_unblock();
}
