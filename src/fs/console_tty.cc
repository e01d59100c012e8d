// fs/console_tty.cc - the console terminal over arch::Console (kernel only).
#include "fs/console_tty.hh"

#include <arch/console.hh>

#include "fs/devfs.hh"

namespace fs {
namespace {

Tty terminal;
bool ready = false;  // set once at boot, before any reader

void console_write(void*, const char* s, size_t n) { arch::Console::write(s, n); }
int console_poll(void*) { return arch::Console::poll_char(); }

constexpr TtyDriver kConsoleDriver = {console_write, console_poll, true, nullptr};

}  // namespace

Result<void> console_tty_init() {
  TRY(terminal.init(kConsoleDriver));
  TRY(register_console_tty(&terminal));
  ready = true;
  return {};
}

void console_tty_poll() {
  if (ready) terminal.poll_device();
}

Tty* console_terminal() { return ready ? &terminal : nullptr; }

}  // namespace fs
