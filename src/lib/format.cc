// lib/format.cc - the formatter behind printk, snprint and the monitor.
//
// One pass over the format string: literal runs go to the sink as they are; each
// conversion is parsed into a Spec (flags, width, precision, length) and rendered into a
// small stack buffer, then padded. Integers are rendered right to left, so no division
// tables or 128-bit arithmetic are needed.
#include "lib/format.hh"

#include <stdint.h>

#include "lib/string.hh"

namespace ktl {
namespace {

struct Spec {
  bool left = false, zero = false, plus = false, space = false, alt = false;
  int width = 0;
  int precision = -1;
  int length = 0;  // 0 int, 1 long, 2 long long, -1 short, -2 char, 3 size_t/ptrdiff/intmax
};

struct Out {
  FormatSink sink;
  void* ctx;
  size_t count = 0;
  void put(const char* s, size_t n) {
    if (n) sink(ctx, s, n);
    count += n;
  }
  void pad(char c, int n) {
    for (; n > 0; --n) put(&c, 1);
  }
};

// Renders `value` in `base` into the end of buf; returns the first digit.
char* render_unsigned(char* end, uint64_t value, unsigned base, bool upper) {
  const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  char* p = end;
  do {
    *--p = digits[value % base];
    value /= base;
  } while (value);
  return p;
}

void emit_number(Out& out, const Spec& spec, uint64_t magnitude, bool negative, unsigned base,
                 bool upper) {
  char buf[32];
  char* end = buf + sizeof buf;
  char* digits = render_unsigned(end, magnitude, base, upper);
  int ndigits = static_cast<int>(end - digits);
  if (spec.precision == 0 && magnitude == 0) ndigits = 0;  // "%.0d" of 0 prints nothing

  char prefix[3] = {};
  int nprefix = 0;
  if (negative) prefix[nprefix++] = '-';
  else if (spec.plus) prefix[nprefix++] = '+';
  else if (spec.space) prefix[nprefix++] = ' ';
  if (spec.alt && base == 16 && magnitude) {
    prefix[nprefix++] = '0';
    prefix[nprefix++] = upper ? 'X' : 'x';
  }
  int zeros = spec.precision > ndigits ? spec.precision - ndigits : 0;
  if (spec.alt && base == 8 && zeros == 0 && (magnitude || ndigits == 0)) zeros = 1;
  int body = nprefix + zeros + ndigits;
  int fill = spec.width > body ? spec.width - body : 0;

  if (!spec.left && !(spec.zero && spec.precision < 0)) out.pad(' ', fill);
  out.put(prefix, nprefix);
  if (!spec.left && spec.zero && spec.precision < 0) out.pad('0', fill);
  out.pad('0', zeros);
  out.put(end - ndigits, ndigits);
  if (spec.left) out.pad(' ', fill);
}

void emit_text(Out& out, const Spec& spec, const char* s, size_t n) {
  int fill = spec.width > static_cast<int>(n) ? spec.width - static_cast<int>(n) : 0;
  if (!spec.left) out.pad(' ', fill);
  out.put(s, n);
  if (spec.left) out.pad(' ', fill);
}

uint64_t take_unsigned(const Spec& spec, va_list& ap) {
  switch (spec.length) {
    case -2: return static_cast<unsigned char>(va_arg(ap, unsigned));
    case -1: return static_cast<unsigned short>(va_arg(ap, unsigned));
    case 0: return va_arg(ap, unsigned);
    case 1: return va_arg(ap, unsigned long);
    case 2: return va_arg(ap, unsigned long long);
    default: return va_arg(ap, size_t);
  }
}

int64_t take_signed(const Spec& spec, va_list& ap) {
  switch (spec.length) {
    case -2: return static_cast<signed char>(va_arg(ap, int));
    case -1: return static_cast<short>(va_arg(ap, int));
    case 0: return va_arg(ap, int);
    case 1: return va_arg(ap, long);
    case 2: return va_arg(ap, long long);
    default: return va_arg(ap, ptrdiff_t);
  }
}

// Parses flags, width, precision and length after '%'; advances fmt past them.
Spec parse_spec(const char*& fmt, va_list& ap) {
  Spec spec;
  for (;; ++fmt) {
    if (*fmt == '-') spec.left = true;
    else if (*fmt == '0') spec.zero = true;
    else if (*fmt == '+') spec.plus = true;
    else if (*fmt == ' ') spec.space = true;
    else if (*fmt == '#') spec.alt = true;
    else break;
  }
  if (*fmt == '*') {
    spec.width = va_arg(ap, int);
    if (spec.width < 0) spec.left = true, spec.width = -spec.width;
    ++fmt;
  } else {
    while (*fmt >= '0' && *fmt <= '9') spec.width = spec.width * 10 + (*fmt++ - '0');
  }
  if (*fmt == '.') {
    ++fmt;
    spec.precision = 0;
    if (*fmt == '*') {
      spec.precision = va_arg(ap, int);
      if (spec.precision < 0) spec.precision = -1;
      ++fmt;
    } else {
      while (*fmt >= '0' && *fmt <= '9') spec.precision = spec.precision * 10 + (*fmt++ - '0');
    }
  }
  if (*fmt == 'h') spec.length = (fmt[1] == 'h') ? (++fmt, -2) : -1, ++fmt;
  else if (*fmt == 'l') spec.length = (fmt[1] == 'l') ? (++fmt, 2) : 1, ++fmt;
  else if (*fmt == 'z' || *fmt == 't' || *fmt == 'j') spec.length = 3, ++fmt;
  return spec;
}

struct BufferCursor {
  char* p;
  size_t left;
};

void buffer_sink(void* ctx, const char* s, size_t n) {
  auto* b = static_cast<BufferCursor*>(ctx);
  size_t take = n < b->left ? n : b->left;
  memcpy(b->p, s, take);
  b->p += take;
  b->left -= take;
}

}  // namespace

size_t vformat(FormatSink sink, void* ctx, const char* fmt, va_list ap_in) {
  Out out{sink, ctx};
  va_list ap;
  va_copy(ap, ap_in);
  while (*fmt) {
    const char* run = fmt;
    while (*fmt && *fmt != '%') ++fmt;
    out.put(run, static_cast<size_t>(fmt - run));
    if (!*fmt) break;
    const char* conv_start = fmt++;
    Spec spec = parse_spec(fmt, ap);
    char c = *fmt ? *fmt++ : '\0';
    switch (c) {
      case 'd':
      case 'i': {
        int64_t v = take_signed(spec, ap);
        uint64_t mag = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
        emit_number(out, spec, mag, v < 0, 10, false);
        break;
      }
      case 'u': emit_number(out, spec, take_unsigned(spec, ap), false, 10, false); break;
      case 'o': emit_number(out, spec, take_unsigned(spec, ap), false, 8, false); break;
      case 'x': emit_number(out, spec, take_unsigned(spec, ap), false, 16, false); break;
      case 'X': emit_number(out, spec, take_unsigned(spec, ap), false, 16, true); break;
      case 'p': {
        spec.alt = true;
        spec.length = 1;
        auto v = reinterpret_cast<uintptr_t>(va_arg(ap, void*));
        if (!v) emit_text(out, spec, "(nil)", 5);
        else emit_number(out, spec, v, false, 16, false);
        break;
      }
      case 'c': {
        char ch = static_cast<char>(va_arg(ap, int));
        emit_text(out, spec, &ch, 1);
        break;
      }
      case 's': {
        const char* s = va_arg(ap, const char*);
        if (!s) s = "(null)";
        size_t n = spec.precision >= 0 ? str_nlength(s, static_cast<size_t>(spec.precision))
                                       : strlen(s);
        emit_text(out, spec, s, n);
        break;
      }
      case '%': out.put("%", 1); break;
      default:  // unknown: show it as written
        out.put(conv_start, static_cast<size_t>(fmt - conv_start));
        break;
    }
  }
  va_end(ap);
  return out.count;
}

size_t vsnprint(char* buf, size_t size, const char* fmt, va_list ap) {
  BufferCursor b{buf, size ? size - 1 : 0};
  size_t n = vformat(buffer_sink, &b, fmt, ap);
  if (size) *b.p = '\0';
  return n;
}

size_t snprint(char* buf, size_t size, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  size_t n = vsnprint(buf, size, fmt, ap);
  va_end(ap);
  return n;
}

}  // namespace ktl
