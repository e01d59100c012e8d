// lib/printk.hh - the kernel log: leveled messages to the console and a log ring.
//
// Every message goes to the console (arch::Console) and into a ring buffer that the
// debugger can read after the fact (`sea log` in GDB). Messages above the console level
// (command line `loglevel=N`, default Info) are kept in the ring only.
#pragma once

#include <stdarg.h>
#include <stddef.h>

enum class LogLevel : int { Error = 0, Warn = 1, Info = 2, Debug = 3 };

// printk: an Info-level message with no prefix.
void printk(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
void vprintk(LogLevel level, const char* fmt, va_list ap);
void log_warn(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
void log_debug(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

void printk_set_level(LogLevel max_console_level);

// Called by panic(): from now on printk skips its lock so a CPU that died holding it
// cannot silence the report.
void printk_enter_panic();
