# userland/bench/programs.mk - benchmark programs (issue 12), installed as /bench/<name>.
#
# Each prints "bench <name>: <value> <unit> (<n> iterations)" and "<name>: PASS"
# (bench.h); `<name> [iterations [rounds]]` overrides the defaults. Each is built twice:
# dynamic as /bench/<name>, static as /bench/<name>_static. The static ones are also what
# tools/bench/run.py packs into the Linux initramfs, so both kernels run the same bytes.

BENCH_PROGRAMS := lat_syscall lat_fork lat_thread lat_pipe mmap_fault
$(foreach b,$(BENCH_PROGRAMS),$(eval $(call user_program,$(b),bench/$(b),userland/bench/$(b).c)))
$(foreach b,$(BENCH_PROGRAMS),$(eval $(call user_program,$(b)_static,bench/$(b)_static, \
	userland/bench/$(b).c,static)))

# Runs them all in one boot: under /sbin/init on SeaOS, as /init in the Linux initramfs.
$(eval $(call user_program,bench_all,bench/bench_all,userland/bench/bench_all.c,static))
