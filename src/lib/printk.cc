// lib/printk.cc - formats log messages and sends them to the console and the log ring.
//
// One lock serialises whole messages so lines from different CPUs do not interleave.
// The ring (`log_ring`, a plain array) is a public symbol on purpose: GDB scripts read it
// directly, even from a kernel that has stopped.
#include "lib/printk.hh"

#include <arch/console.hh>

#include "lib/format.hh"
#include "lib/spinlock.hh"

extern "C" {
// Read by tools/gdb (`sea log`). log_ring_head counts every byte ever written.
char log_ring[16384];
size_t log_ring_head;
}

namespace {

ktl::SpinLock printk_lock("printk");
LogLevel console_level = LogLevel::Info;
bool panicking = false;

struct SinkState {
  bool to_console;
};

void sink(void* ctx, const char* s, size_t n) {
  for (size_t i = 0; i < n; ++i) log_ring[(log_ring_head + i) % sizeof log_ring] = s[i];
  log_ring_head += n;
  if (static_cast<SinkState*>(ctx)->to_console) arch::Console::write(s, n);
}

const char* prefix(LogLevel level) {
  switch (level) {
    case LogLevel::Error: return "error: ";
    case LogLevel::Warn: return "warning: ";
    case LogLevel::Debug: return "debug: ";
    default: return "";
  }
}

void emit(LogLevel level, const char* fmt, va_list ap) {
  SinkState state{level <= console_level};
  const char* p = prefix(level);
  size_t plen = 0;
  while (p[plen]) ++plen;
  sink(&state, p, plen);
  ktl::vformat(sink, &state, fmt, ap);
}

}  // namespace

void vprintk(LogLevel level, const char* fmt, va_list ap) {
  if (panicking) {
    emit(level, fmt, ap);
    return;
  }
  ktl::SpinGuard guard(printk_lock);
  emit(level, fmt, ap);
}

#define SEAOS_LOG_FN(name, level)  \
  void name(const char* fmt, ...) { \
    va_list ap;                     \
    va_start(ap, fmt);              \
    vprintk(level, fmt, ap);        \
    va_end(ap);                     \
  }
SEAOS_LOG_FN(printk, LogLevel::Info)
SEAOS_LOG_FN(log_warn, LogLevel::Warn)
SEAOS_LOG_FN(log_error, LogLevel::Error)
SEAOS_LOG_FN(log_debug, LogLevel::Debug)
#undef SEAOS_LOG_FN

void printk_set_level(LogLevel max_console_level) { console_level = max_console_level; }

void printk_enter_panic() { panicking = true; }
