// kernel/cmdline.cc - a single forward scan per query; the line is short.
#include "kernel/cmdline.hh"

#include "lib/string.hh"

namespace cmdline {
namespace {

// Returns a pointer to the value of `key` (after '=' or at the end of a bare word) and
// its length, or nullptr.
const char* find(const char* line, const char* key, size_t* len) {
  size_t klen = strlen(key);
  const char* p = line;
  while (*p) {
    while (*p == ' ') ++p;
    const char* word = p;
    while (*p && *p != ' ' && *p != '=') ++p;
    size_t wlen = static_cast<size_t>(p - word);
    bool match = wlen == klen && wlen > 0 && ktl::str_ncompare(word, key, klen) == 0;
    bool is_init = wlen == 4 && ktl::str_ncompare(word, "init", 4) == 0;
    if (*p == '=') {
      const char* value = ++p;
      if (is_init) {  // init= takes the rest of the line: the program and its arguments
        if (!match) return nullptr;
        *len = strlen(value);
        return value;
      }
      while (*p && *p != ' ') ++p;
      if (match) {
        *len = static_cast<size_t>(p - value);
        return value;
      }
    } else if (match) {
      *len = 0;
      return p;
    }
  }
  return nullptr;
}

}  // namespace

bool get(const char* line, const char* key, char* out, size_t size) {
  size_t len = 0;
  const char* value = find(line, key, &len);
  if (!value) return false;
  if (size) {
    size_t n = len < size - 1 ? len : size - 1;
    memcpy(out, value, n);
    out[n] = '\0';
  }
  return true;
}

bool has(const char* line, const char* flag) {
  size_t len = 0;
  return find(line, flag, &len) != nullptr;
}

}  // namespace cmdline
