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
