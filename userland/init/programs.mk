# userland/init/programs.mk - /sbin/init, the first process.
#
# Static on purpose: the first process must start even when dynamic loading is broken
# (or, before the kernel loads PT_INTERP, not there yet), and still tell the console.
$(eval $(call user_program,init,sbin/init,userland/init/init.cc,static))
