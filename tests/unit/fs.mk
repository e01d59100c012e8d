# tests/unit/fs.mk - the host-testable sources of src/fs (see tests/unit/fs_*.cc).
# Kernel-only fs files (page_source_kernel.cc, console_tty.cc, kernel_hooks.cc,
# kernel_boot.cc, selftest.cc) need <arch/...>, mm or src/proc and are not built here;
# initrd.cc is listed by proc.mk.
UNIT_SRCS += src/fs/attr.cc src/fs/boot.cc src/fs/create.cc src/fs/dentry.cc \
	src/fs/devfs.cc src/fs/devices.cc src/fs/dir.cc src/fs/fd_table.cc src/fs/file.cc \
	src/fs/hooks.cc src/fs/inode.cc src/fs/io_cursor.cc src/fs/open.cc src/fs/page_tree.cc \
	src/fs/pipe.cc src/fs/poll.cc src/fs/ramfs.cc src/fs/ramfs_file.cc src/fs/random.cc \
	src/fs/remove.cc src/fs/rename.cc src/fs/stat.cc src/fs/syscalls_cwd.cc \
	src/fs/syscalls_fd.cc src/fs/syscalls_path.cc src/fs/syscalls_rw.cc \
	src/fs/syscalls_stat.cc src/fs/tty.cc src/fs/tty_ioctl.cc src/fs/tty_ldisc.cc \
	src/fs/unpack.cc src/fs/walk.cc
