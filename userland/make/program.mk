# userland/make/program.mk - one make function that turns a list of sources into a program.
#
# Each directory under userland/ that holds programs has a programs.mk that declares them:
#
#   $(eval $(call user_program,NAME,INSTALL_PATH,SOURCES[,static]))
#
# NAME is unique across userland (it names the build products and is passed to the code
# as PROGRAM_NAME, so a test can print "NAME: PASS"); INSTALL_PATH is where the program
# lives in the initrd (bin/ls, sbin/init, tests/hello); SOURCES are .c and .cc files.
# A program is linked dynamically against musl's libc.so unless it says `static` or the
# build is run with USERLAND_LINK=static (for a kernel that cannot load PT_INTERP yet).
# Programs with C++ sources are linked with userland/lib/cxxrt.cc, our libstdc++ stand-in.
#
# Products, all under build/<arch>/userland/:
#   obj/NAME/<source>.o    objects, compiled per program (so PROGRAM_NAME may differ)
#   bin/<link>/NAME        the linked program, <link> being dynamic or static, so that
#                          switching USERLAND_LINK never leaves a stale binary in place

USER_PROGRAMS :=
USER_CXXRT_OBJ := $(USER_OUT)/obj/lib/cxxrt.cc.o

$(USER_CXXRT_OBJ): userland/lib/cxxrt.cc | $(USER_MUSL_INCLUDE)/stdio.h
	@mkdir -p $(@D)
	$(USER_CXX) $(USER_CXXFLAGS) -c $< -o $@

define user_program
$$(if $$(filter $(1),$$(USER_PROGRAMS)),$$(error user program $(1) is declared twice))
$$(if $$(filter-out %.c %.cc,$(3)),$$(error $(1): sources must be .c or .cc: $(3)))
$$(if $$(filter-out static,$(4)),$$(error $(1): the 4th argument may only be 'static'))
USER_PROGRAMS += $(1)
user.$(1).install := $(2)
user.$(1).link := $(or $(USERLAND_LINK),$(4),dynamic)
user.$(1).c_objs := $$(patsubst %,$(USER_OUT)/obj/$(1)/%.o,$$(filter %.c,$(3)))
user.$(1).cxx_objs := $$(patsubst %,$(USER_OUT)/obj/$(1)/%.o,$$(filter %.cc,$(3)))
user.$(1).objs := $$(user.$(1).c_objs) $$(user.$(1).cxx_objs) \
	$$(if $$(user.$(1).cxx_objs),$(USER_CXXRT_OBJ))
user.$(1).bin := $(USER_OUT)/bin/$$(user.$(1).link)/$(1)

$$(user.$(1).c_objs): $(USER_OUT)/obj/$(1)/%.o: % | $(USER_MUSL_INCLUDE)/stdio.h
	@mkdir -p $$(@D)
	$$(USER_CC) $$(USER_CFLAGS) -DPROGRAM_NAME='"$(1)"' -c $$< -o $$@

$$(user.$(1).cxx_objs): $(USER_OUT)/obj/$(1)/%.o: % | $(USER_MUSL_INCLUDE)/stdio.h
	@mkdir -p $$(@D)
	$$(USER_CXX) $$(USER_CXXFLAGS) -DPROGRAM_NAME='"$(1)"' -c $$< -o $$@

$$(user.$(1).bin): $$(user.$(1).objs)
	@mkdir -p $$(@D)
	$$(USER_CC) $$(call user_link_$$(user.$(1).link),$$^) -o $$@

-include $$(user.$(1).c_objs:.o=.d) $$(user.$(1).cxx_objs:.o=.d)
endef

# Before the first compile: a clear message instead of "no such file stdio.h".
$(USER_MUSL_INCLUDE)/stdio.h:
	@echo "userland: musl for $(ARCH) is missing ($@); run 'make deps'" >&2; exit 1
