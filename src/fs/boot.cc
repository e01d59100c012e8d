// fs/boot.cc - the root file system and /dev at boot.
#include "fs/boot.hh"

#include "fs/devfs.hh"
#include "fs/ramfs.hh"
#include "fs/vfs.hh"

namespace fs {
namespace {

Superblock* root_fs = nullptr;  // written once at boot
Superblock* dev_fs = nullptr;

}  // namespace

Caller kernel_caller() {
  Caller c;
  c.umask = 0;
  return c;
}

Result<void> vfs_init(const PageSource& pages, size_t max_pages) {
  TRY(poll_init());
  root_fs = TRY(ramfs_new(pages, max_pages, uapi::kRamfsMagic));
  dev_fs = TRY(ramfs_new(pages, 0, uapi::kDevfsMagic));
  Caller c = kernel_caller();
  Ref<Dentry> dev = TRY(create_in(c, root_fs->root, "dev", 3, uapi::kSIfDir, 0755, 0, nullptr));
  TRY(mount(dev.get(), dev_fs));
  TRY(populate_dev(c, dev_fs->root));
  TRY(register_memory_devices());
  return {};
}

Dentry* vfs_root() { return root_fs ? root_fs->root : nullptr; }
Superblock* vfs_root_fs() { return root_fs; }

void vfs_shutdown() {
  unregister_devices();
  if (dev_fs) {
    {
      Guard g(tree_lock);
      if (Dentry* covered = dev_fs->covered) {
        covered->mounted = nullptr;
        dev_fs->covered = nullptr;
        covered->put();  // the mount's reference
      }
    }
    ramfs_destroy(dev_fs);
  }
  if (root_fs) ramfs_destroy(root_fs);
  root_fs = dev_fs = nullptr;
}

}  // namespace fs
