# userland/tests/programs.mk - test programs, installed as /tests/<name>.
#
# Each prints one line, "<name>: PASS" or "<name>: FAIL <why>" (test_report.h), on
# SeaOS and on Linux; tools/scripts/check-userland.sh runs them all on the host.

$(eval $(call user_program,hello,tests/hello,userland/tests/hello.c))
$(eval $(call user_program,hello_static,tests/hello_static,userland/tests/hello.c,static))
$(eval $(call user_program,syscall_basics,tests/syscall_basics,userland/tests/syscall_basics.c))
$(eval $(call user_program,cxx_headers,tests/cxx_headers,userland/tests/cxx_headers.cc))
$(eval $(call user_program,cxx_headers_static,tests/cxx_headers_static, \
	userland/tests/cxx_headers.cc,static))
$(eval $(call user_program,cxx_runtime,tests/cxx_runtime,userland/tests/cxx_runtime.cc))

# The user-mode tests of issue 4 (grading/tests/user.py boots each on both archs).
$(eval $(call user_program,fork_wait,tests/fork_wait,userland/tests/fork_wait.c))
$(eval $(call user_program,brk_mmap,tests/brk_mmap,userland/tests/brk_mmap.c))
$(eval $(call user_program,threads,tests/threads,userland/tests/threads.c))
$(eval $(call user_program,futex_timeout,tests/futex_timeout,userland/tests/futex_timeout.c))
$(eval $(call user_program,signals,tests/signals,userland/tests/signals.c))
$(eval $(call user_program,bad_pointers,tests/bad_pointers,userland/tests/bad_pointers.c))
$(eval $(call user_program,clock_sleep,tests/clock_sleep,userland/tests/clock_sleep.c))
$(eval $(call user_program,getpid_family,tests/getpid_family,userland/tests/getpid_family.c))
$(eval $(call user_program,fork_bomb_rlimit,tests/fork_bomb_rlimit,userland/tests/fork_bomb_rlimit.c))
$(eval $(call user_program,faults,tests/faults,userland/tests/faults.c))
$(eval $(call user_program,signal_restart,tests/signal_restart,userland/tests/signal_restart.c))

# The mmap tests of issue 7 (copy-on-write, shared memory, region splits).
$(eval $(call user_program,cow,tests/cow,userland/tests/cow.c))
$(eval $(call user_program,mmap_shared,tests/mmap_shared,userland/tests/mmap_shared.c))
$(eval $(call user_program,munmap_split,tests/munmap_split,userland/tests/munmap_split.c))
$(eval $(call user_program,mprotect_split,tests/mprotect_split,userland/tests/mprotect_split.c))
$(eval $(call user_program,mremap,tests/mremap,userland/tests/mremap.c))

# The file tests of issue 5 (the VFS, pipes, the terminal, devfs).
$(eval $(call user_program,files_basic,tests/files_basic,userland/tests/files_basic.c))
$(eval $(call user_program,dirs,tests/dirs,userland/tests/dirs.c))
$(eval $(call user_program,pipes,tests/pipes,userland/tests/pipes.c))
$(eval $(call user_program,dup_fcntl,tests/dup_fcntl,userland/tests/dup_fcntl.c))
$(eval $(call user_program,tty,tests/tty,userland/tests/tty.c))
$(eval $(call user_program,devices,tests/devices,userland/tests/devices.c))
