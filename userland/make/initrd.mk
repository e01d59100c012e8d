# userland/make/initrd.mk - the root file system: build/<arch>/initrd.cpio.
#
# The initrd is staged in build/<arch>/userland/root and packed by
# tools/scripts/mkinitrd.sh, which owns the layout (see docs/userland.md):
#   /sbin/init, /bin/<program>, /tests/<test>    the programs, by their INSTALL_PATH
#   /lib/ld-musl-<arch>.so.1                      musl's libc.so, the dynamic linker
#   /lib/libc.so -> ld-musl-<arch>.so.1           the name dynamic programs ask for
#   /etc (from userland/skel), /dev /proc /sys /tmp /root   skeleton and mount points
#   /bin/busybox and its applet links              when build/<arch>/busybox exists
#                                                   (make deps: tools/scripts/busybox.sh)
#   + EXTRA_ROOT=<dir>, copied over the top
#
# The rule always runs (so a file added to or removed from EXTRA_ROOT is seen), but the
# script replaces initrd.cpio only when its bytes change, and it is reproducible: the
# same inputs give the same archive, so nothing that depends on it is rebuilt needlessly.

user_install_pairs = $(foreach p,$(USER_PROGRAMS),$(user.$(p).install)=$(user.$(p).bin))
# Debian's busybox-static, if make deps fetched it; the x86_64 build lists the applets
# when the arm64 one cannot run here.
user_busybox = $(wildcard build/$(ARCH)/busybox/bin/busybox)
user_busybox_lister = $(wildcard build/x86_64/busybox/bin/busybox)

.PHONY: user-always
$(USER_INITRD): $(foreach p,$(USER_PROGRAMS),$(user.$(p).bin)) tools/scripts/mkinitrd.sh \
		user-always
	bash tools/scripts/mkinitrd.sh --arch $(ARCH) --out $@ --stage $(USER_OUT)/root \
	    --libc $(USER_MUSL_SODIR)/libc.so --skel userland/skel \
	    $(if $(EXTRA_ROOT),--extra $(EXTRA_ROOT)) \
	    $(if $(user_busybox),--busybox $(user_busybox) \
	        $(if $(user_busybox_lister),--busybox-lister $(user_busybox_lister))) \
	    -- $(user_install_pairs)
